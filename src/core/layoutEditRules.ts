import { deviceEntry, placeName } from './deviceRoom';
import {
  AREA_ROOM_PREFIX,
  type DeviceLayout,
  FAVOURITES_ID,
  type HouseLayout,
  LAYOUT_LIMITS,
  type LayoutItem,
  OTHER_ROOM_ID,
  type ReadingLayout,
  type Room,
} from './layout';
import { checkName, idProblem, type TextProblem } from './layoutNames';
import { positionAfter } from './layoutPositions';
import type { HouseSections } from './roomSections';

/**
 * The rules the layout's edit builders (layoutEdits.ts) share: how a refusal is worded, where a
 * new room goes, how an announced room becomes a stored one, how a device's entry is changed.
 */

export type EditMade = { ok: true; items: LayoutItem[] };
export type EditRefused = { ok: false; reason: string };
export type RoomValue = Omit<Room, 'rev'>;
export type DeviceValue = Omit<DeviceLayout, 'rev'>;

export function edit(items: LayoutItem[]): EditMade {
  return { ok: true, items };
}

export function refused(reason: string): EditRefused {
  return { ok: false, reason };
}

export function nameRefusal(what: string, problem: TextProblem): string {
  switch (problem) {
    case 'is empty':
      return `Give the ${what} a name`;
    case 'is too long':
      return `A ${what} name has at most ${LAYOUT_LIMITS.nameChars} characters`;
    case 'holds control characters':
      return `A ${what} name cannot hold control characters`;
    case 'is a reserved word':
      return `That ${what} name is reserved`;
  }
}

export function isRoomIdTaken(layout: HouseLayout, id: string): boolean {
  return id === OTHER_ROOM_ID || id === FAVOURITES_ID || Object.hasOwn(layout.rooms, id);
}

export function nextRoomPosition(layout: HouseLayout): number {
  return positionAfter(Object.values(layout.rooms).map((room) => room.position));
}

/**
 * A room as it is to be written: a stored room as it is; an announced one (`area:<name>`) as a
 * new stored room under that id, with the name and floor its section shows (or the name in its
 * id), after the stored rooms; null when there is no such room.
 */
export function roomToStore(layout: HouseLayout, roomId: string, sections?: HouseSections): RoomValue | null {
  const stored = Object.hasOwn(layout.rooms, roomId) ? layout.rooms[roomId] : undefined;
  if (stored !== undefined) return withoutRev(stored);
  if (!roomId.startsWith(AREA_ROOM_PREFIX) || idProblem(roomId) !== null) return null;
  const section = sections?.sections.find((shown) => shown.id === roomId);
  const name = checkName(section?.name ?? roomId.slice(AREA_ROOM_PREFIX.length));
  if (!name.ok) return null;
  const floorId = section?.floorId ?? null;
  return { name: name.name, floorId, position: nextRoomPosition(layout) };
}

/** Lifts a name from `ignoredAreas` when the user makes a room of it again. */
export function welcomeArea(layout: HouseLayout, name: string): LayoutItem[] {
  const key = placeName(name);
  if (!layout.ignoredAreas.includes(key)) return [];
  return [{ type: 'ignoredAreas', value: layout.ignoredAreas.filter((area) => area !== key) }];
}

/** A device's entry as it is now, without its rev, safe to change (an empty entry if none). */
export function deviceValue(layout: HouseLayout, key: string): DeviceValue {
  const entry = deviceEntry(layout, key);
  return entry === undefined ? {} : structuredClone(withoutRev(entry));
}

/** Changes a device's entry; an entry left with nothing in it is removed. */
export function deviceEdit(
  layout: HouseLayout,
  key: string,
  change: (device: DeviceValue) => void,
): EditMade | EditRefused {
  const keyProblem = idProblem(key);
  if (keyProblem !== null) return refused(`That device cannot be changed: its key ${keyProblem}`);
  const isNew = deviceEntry(layout, key) === undefined;
  if (isNew && Object.keys(layout.devices).length >= LAYOUT_LIMITS.devices) {
    return refused(`A house holds the choices of at most ${LAYOUT_LIMITS.devices} devices`);
  }
  const device = deviceValue(layout, key);
  change(device);
  return edit([{ type: 'device', id: key, value: Object.keys(device).length === 0 ? null : device }]);
}

/** Changes one reading's entry of a device; empty entries are removed. */
export function readingEdit(
  layout: HouseLayout,
  key: string,
  metric: string,
  change: (reading: ReadingLayout) => void,
): EditMade | EditRefused {
  if (idProblem(metric) !== null) return refused('That reading cannot be changed');
  const readings = deviceEntry(layout, key)?.readings ?? {};
  if (!Object.hasOwn(readings, metric) && Object.keys(readings).length >= LAYOUT_LIMITS.readingsPerDevice) {
    return refused(`A device holds the choices of at most ${LAYOUT_LIMITS.readingsPerDevice} readings`);
  }
  return deviceEdit(layout, key, (device) => {
    const all = { ...device.readings };
    const reading = { ...(Object.hasOwn(all, metric) ? all[metric] : undefined) };
    change(reading);
    if (Object.keys(reading).length === 0) delete all[metric];
    else all[metric] = reading;
    if (Object.keys(all).length === 0) delete device.readings;
    else device.readings = all;
  });
}

export function withoutRev<T extends { rev: number }>(item: T): Omit<T, 'rev'> {
  const { rev: _rev, ...value } = item;
  return value;
}
