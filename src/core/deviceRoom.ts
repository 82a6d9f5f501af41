import type { Device } from './device';
import { AREA_ROOM_PREFIX, type DeviceLayout, type HouseLayout, OTHER_ROOM_ID } from './layout';

/** What resolving many devices' rooms against one layout needs, built once per layout. */
export interface LayoutIndex {
  /** Stored room ids by name, trimmed and in lower case (the first by position wins a tie). */
  roomsByName: Map<string, string>;
  /** Stored floor ids by name, trimmed and in lower case. */
  floorsByName: Map<string, string>;
  ignoredAreas: Set<string>;
}

/** Layouts are replaced whole on every change, so an index per layout object stays true. */
const indexes = new WeakMap<HouseLayout, LayoutIndex>();

/** The index of a layout, built on first use and kept while the layout object lives. */
export function layoutIndex(layout: HouseLayout): LayoutIndex {
  const known = indexes.get(layout);
  if (known !== undefined) return known;
  const roomsByName = new Map<string, string>();
  for (const [id, room] of sortedEntries(layout.rooms)) {
    const name = placeName(room.name);
    if (!roomsByName.has(name)) roomsByName.set(name, id);
  }
  const floorsByName = new Map<string, string>();
  for (const [id, floor] of sortedEntries(layout.floors)) {
    const name = placeName(floor.name);
    if (!floorsByName.has(name)) floorsByName.set(name, id);
  }
  const index = { roomsByName, floorsByName, ignoredAreas: new Set(layout.ignoredAreas.map(placeName)) };
  indexes.set(layout, index);
  return index;
}

/** How names of rooms and floors compare: trimmed, without case. */
export function placeName(name: string): string {
  return name.trim().toLowerCase();
}

/** Floors or rooms by position, ties by id. */
export function sortedEntries<T extends { position: number }>(items: Record<string, T>): Array<[string, T]> {
  return Object.entries(items).sort(
    ([a, x], [b, y]) => x.position - y.position || (a < b ? -1 : a > b ? 1 : 0),
  );
}

/** The user's entry for a device key (own keys only: a key is data, never a prototype's name). */
export function deviceEntry(layout: HouseLayout, key: string): DeviceLayout | undefined {
  return Object.hasOwn(layout.devices, key) ? layout.devices[key] : undefined;
}

/** The rule of `roomIdOf` (roomSections.ts), with the layout's index and the device's entry at hand. */
export function resolveRoom(
  layout: HouseLayout,
  index: LayoutIndex,
  entry: DeviceLayout | undefined,
  device: Device,
): string {
  const chosen = entry?.room;
  if (chosen === null || chosen === OTHER_ROOM_ID) return OTHER_ROOM_ID;
  if (chosen !== undefined && Object.hasOwn(layout.rooms, chosen)) return chosen;
  const place = device.place;
  if (place === undefined || place.source !== 'announced') return OTHER_ROOM_ID;
  const name = placeName(place.room);
  if (name === '' || index.ignoredAreas.has(name)) return OTHER_ROOM_ID;
  return index.roomsByName.get(name) ?? `${AREA_ROOM_PREFIX}${name}`;
}

/** The name of the room a device sits in (stored, or as announced), or null in Other. */
export function deviceRoomName(layout: HouseLayout, device: Device): string | null {
  const id = resolveRoom(layout, layoutIndex(layout), deviceEntry(layout, device.id), device);
  if (id === OTHER_ROOM_ID) return null;
  if (Object.hasOwn(layout.rooms, id)) return layout.rooms[id]?.name ?? null;
  return device.place?.room.trim() ?? null;
}
