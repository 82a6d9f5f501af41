import { type Device, deviceLabel } from './device';
import { deviceSearchText, queryWords } from './deviceNames';
import { deviceEntry, layoutIndex, placeName, resolveRoom, sortedEntries } from './deviceRoom';
import { AREA_ROOM_PREFIX, type HouseLayout, OTHER_ROOM_ID, type View } from './layout';

/** One section of the grid: a room (stored or announced) or "Other", with its cards in order. */
export interface RoomSection {
  /** A stored room's id, `area:<name>` for an announced room not stored yet, or `other`. */
  id: string;
  name: string;
  /** The stored floor it is on, or null (no floor, or an announced room). */
  floorId: string | null;
  floorName: string | null;
  /** Device keys, in the order their cards are shown. */
  deviceIds: string[];
  /** True for a room the user stored (rename, move and delete apply); false for announced rooms and Other. */
  stored: boolean;
}

/** The grid as the house layout arranges it for one view. */
export interface HouseSections {
  /** False: no room and no favourite anywhere, the grid is one flat list (a single `other` section). */
  grouped: boolean;
  /** Pinned device keys, in card order: shown in a Favourites section first, and in no room. */
  favourites: string[];
  /** Rooms in the user's order (by floor when floors exist), then Other. */
  sections: RoomSection[];
  /**
   * Device keys hidden (everywhere or in this view), in card order. Out of the sections, except in
   * edit mode, where they stay in place (listed here too, so the view dims them).
   */
  hidden: string[];
}

/** What a room's heading says about it. */
export interface RoomSummary {
  /** Mean of the online devices' first temperature, in °C (the canonical unit); null if none. */
  temperature: number | null;
  offline: number;
  stale: number;
  total: number;
}

/**
 * The room a device's card sits in: the stored room the user put it in; else the room it
 * announces (Home Assistant `suggested_area`, HomeSeer's location), which is the stored room of
 * that name (trimmed, without case) or the not-yet-stored `area:<name>`, unless the user removed
 * that name (`ignoredAreas`); else `other`. A user's room that was deleted since falls back to the
 * announcement. A room read from a topic (`house/<room>/…`) is only a suggestion: never used here.
 */
export function roomIdOf(layout: HouseLayout, device: Device): string {
  return resolveRoom(layout, layoutIndex(layout), deviceEntry(layout, device.id), device);
}

/**
 * The grid's sections for a view (null: the default view, everything). `order` is the card order
 * (`cardOrder`): within a room, cards with a `position` come first by position, the rest in
 * `order`. Rooms go by position (ties by id), announced rooms not stored yet after them by name,
 * grouped by floor (by the floor's position, rooms on no floor last) when any floor exists; Other
 * last. A view shows only its rooms, in its order, and only its devices. A favourite shows in
 * Favourites only (one card, not two). Hidden devices leave the sections, except in edit mode
 * (there they stay to be brought back). Empty stored rooms and an empty Other show in edit mode
 * only, so a new room can receive a card. With no room and no favourite anywhere, everything is
 * one flat `other` section, as the grid was before rooms. One pass over `order`: 2,000 devices
 * cost about a millisecond.
 */
export function buildSections(
  layout: HouseLayout,
  devices: ReadonlyMap<string, Device>,
  order: readonly string[],
  view: View | null,
  options: { editing: boolean },
): HouseSections {
  const index = layoutIndex(layout);
  const viewDevices = view?.devices != null ? new Set(view.devices) : null;
  const viewRooms = view?.rooms != null ? new Set(view.rooms) : null;
  const viewHidden = new Set(view?.hiddenDevices ?? []);
  const members = new Map<string, string[]>();
  /** Announced rooms not stored: their name as first announced, and the stored floor it names. */
  const areas = new Map<string, { name: string; floorId: string | null }>();
  const favourites: string[] = [];
  const hidden: string[] = [];
  for (const id of order) {
    const device = devices.get(id);
    if (device === undefined || (viewDevices !== null && !viewDevices.has(id))) continue;
    const entry = deviceEntry(layout, id);
    const roomId = resolveRoom(layout, index, entry, device);
    if (roomId.startsWith(AREA_ROOM_PREFIX) && !areas.has(roomId) && !Object.hasOwn(layout.rooms, roomId)) {
      const floor = device.place?.floor;
      areas.set(roomId, {
        name: device.place?.room.trim() ?? roomId,
        floorId: floor === undefined ? null : (index.floorsByName.get(placeName(floor)) ?? null),
      });
    }
    if (viewRooms !== null && !viewRooms.has(roomId)) continue;
    if (entry?.hidden === true || viewHidden.has(id)) {
      hidden.push(id);
      if (!options.editing) continue;
    }
    if (entry?.favourite === true) {
      favourites.push(id);
      continue;
    }
    const list = members.get(roomId);
    if (list === undefined) members.set(roomId, [id]);
    else list.push(id);
  }
  for (const list of members.values()) sortByPosition(list, layout);

  const storedRooms = Object.keys(layout.rooms).length;
  const grouped = storedRooms > 0 || areas.size > 0 || favourites.length > 0;
  const other = (): RoomSection => ({
    id: OTHER_ROOM_ID,
    name: 'Other',
    floorId: null,
    floorName: null,
    deviceIds: members.get(OTHER_ROOM_ID) ?? [],
    stored: false,
  });
  if (!grouped) return { grouped, favourites, sections: [other()], hidden };

  const rooms = roomSections(layout, areas, members);
  const keep = (section: RoomSection) =>
    section.deviceIds.length > 0 || (options.editing && (section.stored || section.id === OTHER_ROOM_ID));
  let sections: RoomSection[];
  if (view?.rooms != null) {
    const byId = new Map(rooms.map((section) => [section.id, section]));
    byId.set(OTHER_ROOM_ID, other());
    sections = [...new Set(view.rooms)].flatMap((id) => byId.get(id) ?? []);
  } else {
    sections = [...rooms, other()];
  }
  return { grouped, favourites, sections: sections.filter(keep), hidden };
}

/** Stored rooms then announced ones, by floor when floors exist (see `buildSections`). */
function roomSections(
  layout: HouseLayout,
  areas: ReadonlyMap<string, { name: string; floorId: string | null }>,
  members: ReadonlyMap<string, string[]>,
): RoomSection[] {
  const floors = sortedEntries(layout.floors);
  const floorRank = new Map(floors.map(([id], rank) => [id, rank]));
  const section = (id: string, name: string, floorId: string | null, stored: boolean): RoomSection => {
    const floor = floorId === null ? undefined : layout.floors[floorId];
    const onFloor = floor !== undefined && Object.hasOwn(layout.floors, floorId ?? '');
    return {
      id,
      name,
      floorId: onFloor ? floorId : null,
      floorName: onFloor ? floor.name : null,
      deviceIds: members.get(id) ?? [],
      stored,
    };
  };
  const stored = sortedEntries(layout.rooms).map(([id, room]) => section(id, room.name, room.floorId, true));
  const announced = [...areas]
    .map(([id, area]) => section(id, area.name, area.floorId, false))
    .sort((a, b) => a.name.localeCompare(b.name));
  const all = [...stored, ...announced];
  if (floors.length === 0) return all;
  const rank = (room: RoomSection) =>
    room.floorId === null ? floors.length : (floorRank.get(room.floorId) ?? 0);
  // A stable sort keeps stored-then-announced, by position and by name, within each floor.
  return all.sort((a, b) => rank(a) - rank(b));
}

/** Cards with a position first, ascending; the rest after them in the order they came. */
function sortByPosition(ids: string[], layout: HouseLayout): void {
  if (!ids.some((id) => deviceEntry(layout, id)?.position !== undefined)) return;
  const at = (id: string) => deviceEntry(layout, id)?.position ?? Number.POSITIVE_INFINITY;
  ids.sort((a, b) => {
    const x = at(a);
    const y = at(b);
    return x === y ? 0 : x < y ? -1 : 1;
  });
}

/**
 * A room heading's summary: the mean of each online device's first temperature that is not a
 * diagnostic (a plug's chip temperature says nothing of the room), in °C; an offline device's
 * last value is not the room's now. Counts offline and stale devices, and all of them.
 */
export function summarizeRoom(devices: readonly Device[]): RoomSummary {
  let sum = 0;
  let count = 0;
  let offline = 0;
  let stale = 0;
  for (const device of devices) {
    if (device.status === 'offline') {
      offline++;
      continue;
    }
    if (device.status === 'stale') stale++;
    for (const metric of device.metrics.values()) {
      if (metric.quantity !== 'temperature' || metric.diagnostic || !Number.isFinite(metric.value)) continue;
      sum += metric.value;
      count++;
      break;
    }
  }
  return { temperature: count === 0 ? null : sum / count, offline, stale, total: devices.length };
}

/** A view's hidden readings as a set of `<device key>\n<metric>`; views are replaced whole. */
const hiddenReadingSets = new WeakMap<View, Set<string>>();

/**
 * Whether a reading is hidden: by the user everywhere (`readings[metric].hidden`) or in this view
 * (`hiddenReadings`). `metric` is the native metric name.
 */
export function isReadingHidden(
  layout: HouseLayout,
  view: View | null,
  deviceKey: string,
  metric: string,
): boolean {
  const reading = deviceEntry(layout, deviceKey)?.readings;
  if (reading !== undefined && Object.hasOwn(reading, metric) && reading[metric]?.hidden === true)
    return true;
  if (view === null || view.hiddenReadings.length === 0) return false;
  let set = hiddenReadingSets.get(view);
  if (set === undefined) {
    set = new Set(view.hiddenReadings.map(([key, name]) => `${key}\n${name}`));
    hiddenReadingSets.set(view, set);
  }
  return set.has(`${deviceKey}\n${metric}`);
}

/**
 * The name a device's card shows: the alias the user gave it, else the name its convention
 * announced, else its native id. The native name stays in the card's details and in search.
 */
export function deviceDisplayName(layout: HouseLayout, device: Device): string {
  const alias = deviceEntry(layout, device.id)?.alias?.trim();
  return alias !== undefined && alias !== '' ? alias : deviceLabel(device);
}

/** The alias the user gave a reading (by its native metric name), or null: show its own name. */
export function readingDisplayName(layout: HouseLayout, deviceKey: string, metric: string): string | null {
  const readings = deviceEntry(layout, deviceKey)?.readings;
  if (readings === undefined || !Object.hasOwn(readings, metric)) return null;
  const alias = readings[metric]?.alias?.trim();
  return alias !== undefined && alias !== '' ? alias : null;
}

/**
 * Whether a device answers a typed search: every whitespace-separated word, without case, is part
 * of one of its names (alias, announced name, native id, key, convention, room). A blank search
 * matches every device. "kitchen temp" finds the "Kitchen temperature" sensor, and a `0x00158d…`
 * sensor in the kitchen by either word. For a list, `filterDeviceIdsWithLayout` (deviceNames.ts).
 */
export function matchesDeviceQuery(layout: HouseLayout, device: Device, query: string): boolean {
  const words = queryWords(query);
  if (words.length === 0) return true;
  const text = deviceSearchText(layout, device);
  return words.every((word) => text.includes(word));
}
