import {
  EMPTY_LAYOUT,
  type HouseLayout,
  type LayoutApplied,
  type LayoutChange,
  type LayoutItem,
  type StaleItem,
} from './layout';

type KeyedType = 'floor' | 'room' | 'device' | 'view';
type Keyed = { rev: number };

/**
 * Applies one change to the layout: every item is written whole, last write per item wins.
 * An empty change answers the same layout (no new version). Otherwise the version rises by one
 * and each put item is stamped with it; a null value removes the item. Items someone wrote after
 * the change's `baseVersion` (their `rev` is newer) are still overwritten, and reported as
 * `stale` so the editor is told. `ignoredAreas` and `topicRoomsDismissed` carry no `rev`, so they
 * are replaced and never reported. Never mutates its inputs.
 */
export function applyLayoutChange(layout: HouseLayout, change: LayoutChange): LayoutApplied {
  if (change.items.length === 0) return { layout, stale: [] };
  const version = layout.version + 1;
  const next: HouseLayout = {
    ...layout,
    version,
    floors: { ...layout.floors },
    rooms: { ...layout.rooms },
    devices: { ...layout.devices },
    views: { ...layout.views },
  };
  const stale: StaleItem[] = [];
  const reported = new Set<string>();
  for (const item of change.items) {
    if (item.type === 'ignoredAreas') next.ignoredAreas = [...item.value];
    else if (item.type === 'topicRoomsDismissed') next.topicRoomsDismissed = item.value;
    else {
      const record = recordOf(next, item.type);
      const current = Object.hasOwn(record, item.id) ? record[item.id] : undefined;
      // rev > layout.version: written by this very change (the item is listed twice), not by someone else.
      const newer =
        current !== undefined && current.rev > change.baseVersion && current.rev <= layout.version;
      const key = `${item.type}/${item.id}`;
      if (newer && !reported.has(key)) {
        reported.add(key);
        stale.push({ type: item.type, id: item.id });
      }
      put(record, item.id, item.value, version);
    }
  }
  return { layout: next, stale };
}

function recordOf(layout: HouseLayout, type: KeyedType): Record<string, Keyed> {
  switch (type) {
    case 'floor':
      return layout.floors;
    case 'room':
      return layout.rooms;
    case 'device':
      return layout.devices;
    case 'view':
      return layout.views;
  }
}

function put(record: Record<string, Keyed>, id: string, value: object | null, rev: number): void {
  if (value === null) {
    delete record[id];
    return;
  }
  // Defined, not assigned: an id such as `__proto__` stays an ordinary entry.
  Object.defineProperty(record, id, {
    value: { ...value, rev },
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Every item of the layout, values without their `rev`: floors, rooms, views, devices, then the
 * ignored areas and whether topic rooms were dismissed. Applied to `EMPTY_LAYOUT` they rebuild
 * the same content, which is how a layout is exported, imported and kept in a browser.
 */
export function layoutItems(layout: HouseLayout): LayoutItem[] {
  const items: LayoutItem[] = [];
  for (const [id, floor] of Object.entries(layout.floors))
    items.push({ type: 'floor', id, value: withoutRev(floor) });
  for (const [id, room] of Object.entries(layout.rooms))
    items.push({ type: 'room', id, value: withoutRev(room) });
  for (const [id, view] of Object.entries(layout.views))
    items.push({ type: 'view', id, value: withoutRev(view) });
  for (const [id, device] of Object.entries(layout.devices)) {
    items.push({ type: 'device', id, value: withoutRev(device) });
  }
  items.push({ type: 'ignoredAreas', value: [...layout.ignoredAreas] });
  items.push({ type: 'topicRoomsDismissed', value: layout.topicRoomsDismissed });
  return items;
}

/**
 * The undo of `items`: for each, the value it has now (null where there is none). Applying the
 * answer after `items` puts back exactly what they replaced.
 */
export function itemsBefore(layout: HouseLayout, items: readonly LayoutItem[]): LayoutItem[] {
  return items.map((item) => itemBefore(layout, item));
}

function itemBefore(layout: HouseLayout, item: LayoutItem): LayoutItem {
  switch (item.type) {
    case 'ignoredAreas':
      return { type: 'ignoredAreas', value: [...layout.ignoredAreas] };
    case 'topicRoomsDismissed':
      return { type: 'topicRoomsDismissed', value: layout.topicRoomsDismissed };
    case 'floor':
      return { type: 'floor', id: item.id, value: currentValue(layout.floors, item.id) };
    case 'room':
      return { type: 'room', id: item.id, value: currentValue(layout.rooms, item.id) };
    case 'device':
      return { type: 'device', id: item.id, value: currentValue(layout.devices, item.id) };
    case 'view':
      return { type: 'view', id: item.id, value: currentValue(layout.views, item.id) };
  }
}

/** A layout holding exactly `items` (a fresh import, a browser's stored copy). */
export function layoutFromItems(items: LayoutItem[]): HouseLayout {
  return applyLayoutChange(EMPTY_LAYOUT, { baseVersion: 0, items }).layout;
}

function currentValue<T extends Keyed>(record: Record<string, T>, id: string): Omit<T, 'rev'> | null {
  const current = Object.hasOwn(record, id) ? record[id] : undefined;
  return current === undefined ? null : withoutRev(current);
}

function withoutRev<T extends Keyed>(item: T): Omit<T, 'rev'> {
  const { rev: _rev, ...value } = item;
  return value;
}
