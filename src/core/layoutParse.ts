import {
  DEFAULT_VIEW_ID,
  type DeviceLayout,
  FAVOURITES_ID,
  type Floor,
  type HouseLayout,
  LAYOUT_LIMITS,
  type LayoutChange,
  type LayoutItem,
  OTHER_ROOM_ID,
  type ReadingLayout,
  type Room,
  type View,
} from './layout';
import {
  checkedId,
  count,
  entries,
  field,
  flag,
  isObject,
  type Json,
  list,
  name,
  object,
  optionalId,
  position,
  Refusal,
  record,
  rev,
  text,
} from './layoutFields';
import { quoted } from './layoutNames';

export type LayoutParse = { ok: true; layout: HouseLayout } | { ok: false; reason: string };
export type LayoutChangeParse = { ok: true; change: LayoutChange } | { ok: false; reason: string };

/**
 * Checks a whole layout from an untrusted place (the data directory, a settings file, a
 * browser's storage): every field's type, the counts and lengths of `LAYOUT_LIMITS`, names
 * trimmed and without control characters, positions finite, and the rules that span items
 * (`checkLayout`). Unknown fields are dropped; an absent optional field takes its default (an
 * older file still opens); a wrong one refuses the whole layout, naming the field.
 */
export function parseHouseLayout(input: unknown): LayoutParse {
  try {
    const json = object(input, 'the layout');
    const layout: HouseLayout = {
      version: count(field(json, 'version') ?? 0, 'version'),
      floors: record(json, 'floors', LAYOUT_LIMITS.floors, (v, p) => ({
        ...floorValue(v, p),
        rev: rev(v, p),
      })),
      rooms: record(json, 'rooms', LAYOUT_LIMITS.rooms, (v, p) => ({ ...roomValue(v, p), rev: rev(v, p) })),
      devices: record(json, 'devices', LAYOUT_LIMITS.devices, (v, p) => ({
        ...deviceValue(v, p),
        rev: rev(v, p),
      })),
      views: record(json, 'views', LAYOUT_LIMITS.views, (v, p) => ({ ...viewValue(v, p), rev: rev(v, p) })),
      ignoredAreas: areas(field(json, 'ignoredAreas') ?? [], 'ignoredAreas'),
      topicRoomsDismissed: flag(field(json, 'topicRoomsDismissed'), 'topicRoomsDismissed'),
    };
    for (const id of Object.keys(layout.views)) viewId(id, `views.${quoted(id)}`);
    for (const id of Object.keys(layout.rooms)) roomId(id, `rooms.${quoted(id)}`);
    const problem = checkLayout(layout);
    return problem === null ? { ok: true, layout } : { ok: false, reason: problem };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason };
    return { ok: false, reason: 'the layout could not be read' };
  }
}

/**
 * Checks a change a screen sent (`POST /api/layout`): `baseVersion` a non-negative integer,
 * at most `LAYOUT_LIMITS.changeItems` items, each a known type with a valid id and a value
 * checked as in `parseHouseLayout` (or null, to remove it). Any `rev` sent is dropped: the one
 * applying the change stamps it. Rules that span items hold for the layout the change makes:
 * check that with `checkLayout` after applying it.
 */
export function parseLayoutChange(input: unknown): LayoutChangeParse {
  try {
    const json = object(input, 'the change');
    const baseVersion = count(field(json, 'baseVersion'), 'baseVersion');
    const list = field(json, 'items');
    if (!Array.isArray(list)) throw new Refusal('items is not a list');
    if (list.length > LAYOUT_LIMITS.changeItems)
      throw new Refusal(`a change holds at most ${LAYOUT_LIMITS.changeItems} items`);
    const items = list.map((entry, index) => changeItem(entry, `items[${index}]`));
    return { ok: true, change: { baseVersion, items } };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason };
    return { ok: false, reason: 'the change could not be read' };
  }
}

/**
 * The rules that span items, or null when they hold: the counts of `LAYOUT_LIMITS` (a change may
 * add items a screen could not see being added by another, and a layout past them could not be
 * read back), and view names unique without case (a screen opens `?view=hall` by name). A room on
 * a floor that does not exist is allowed: it reads as on no floor.
 */
export function checkLayout(layout: HouseLayout): string | null {
  const counts = [
    ['floors', Object.keys(layout.floors).length, LAYOUT_LIMITS.floors],
    ['rooms', Object.keys(layout.rooms).length, LAYOUT_LIMITS.rooms],
    ['devices', Object.keys(layout.devices).length, LAYOUT_LIMITS.devices],
    ['views', Object.keys(layout.views).length, LAYOUT_LIMITS.views],
  ] as const;
  for (const [what, count, most] of counts)
    if (count > most) return `a house holds at most ${most} ${what} (this change would make ${count})`;
  const names = new Map<string, string>();
  for (const view of Object.values(layout.views)) {
    const key = view.name.toLowerCase();
    if (names.has(key)) return `two views are called "${quoted(view.name)}"`;
    names.set(key, view.name);
  }
  return null;
}

function changeItem(input: unknown, path: string): LayoutItem {
  const json = object(input, path);
  const type = field(json, 'type');
  const value = field(json, 'value');
  if (type === 'ignoredAreas') return { type, value: areas(value, `${path}.value`) };
  if (type === 'topicRoomsDismissed') {
    if (typeof value !== 'boolean') throw new Refusal(`${path}.value is not true or false`);
    return { type, value };
  }
  const rawId = field(json, 'id');
  if (typeof rawId !== 'string') throw new Refusal(`${path}.id is not text`);
  const id = checkedId(rawId, `${path}.id`);
  const at = `${path}.value`;
  if (value !== null && !isObject(value)) throw new Refusal(`${at} is not an object or null`);
  switch (type) {
    case 'floor':
      return { type, id, value: value === null ? null : floorValue(value, at) };
    case 'room':
      return { type, id: roomId(id, `${path}.id`), value: value === null ? null : roomValue(value, at) };
    case 'device':
      return { type, id, value: value === null ? null : deviceValue(value, at) };
    case 'view':
      return { type, id: viewId(id, `${path}.id`), value: value === null ? null : viewValue(value, at) };
    default:
      throw new Refusal(`${path}.type is not a kind of layout item`);
  }
}

function floorValue(json: Json, path: string): Omit<Floor, 'rev'> {
  return {
    name: name(field(json, 'name'), `${path}.name`),
    position: position(field(json, 'position'), path),
  };
}

function roomValue(json: Json, path: string): Omit<Room, 'rev'> {
  return {
    name: name(field(json, 'name'), `${path}.name`),
    floorId: optionalId(field(json, 'floorId'), `${path}.floorId`) ?? null,
    position: position(field(json, 'position'), path),
  };
}

function deviceValue(json: Json, path: string): Omit<DeviceLayout, 'rev'> {
  const device: Omit<DeviceLayout, 'rev'> = {};
  const room = field(json, 'room');
  if (room === null) device.room = null;
  else if (room !== undefined) device.room = checkedId(text(room, `${path}.room`), `${path}.room`);
  const at = field(json, 'position');
  if (at !== undefined) device.position = position(at, path);
  const alias = field(json, 'alias');
  if (alias !== undefined) device.alias = name(alias, `${path}.alias`);
  if (field(json, 'hidden') !== undefined) device.hidden = flag(field(json, 'hidden'), `${path}.hidden`);
  if (field(json, 'favourite') !== undefined)
    device.favourite = flag(field(json, 'favourite'), `${path}.favourite`);
  const main = optionalId(field(json, 'mainReading'), `${path}.mainReading`);
  if (main !== undefined && main !== null) device.mainReading = main;
  const readings = field(json, 'readings');
  if (readings !== undefined) {
    device.readings = entries(readings, `${path}.readings`, LAYOUT_LIMITS.readingsPerDevice, readingValue);
  }
  return device;
}

function readingValue(json: Json, path: string): ReadingLayout {
  const reading: ReadingLayout = {};
  const alias = field(json, 'alias');
  if (alias !== undefined) reading.alias = name(alias, `${path}.alias`);
  if (field(json, 'hidden') !== undefined) reading.hidden = flag(field(json, 'hidden'), `${path}.hidden`);
  return reading;
}

function viewValue(json: Json, path: string): Omit<View, 'rev'> {
  const hiddenReadings = list(field(json, 'hiddenReadings') ?? [], `${path}.hiddenReadings`, (pair, at) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new Refusal(`${at} is not a [device, reading] pair`);
    return [checkedId(text(pair[0], at), at), checkedId(text(pair[1], at), at)] as [string, string];
  });
  return {
    name: name(field(json, 'name'), `${path}.name`),
    position: position(field(json, 'position'), path),
    readonly: flag(field(json, 'readonly'), `${path}.readonly`),
    big: flag(field(json, 'big'), `${path}.big`),
    rooms: ids(field(json, 'rooms') ?? null, `${path}.rooms`),
    devices: ids(field(json, 'devices') ?? null, `${path}.devices`),
    hiddenDevices: ids(field(json, 'hiddenDevices') ?? [], `${path}.hiddenDevices`) ?? [],
    hiddenReadings,
    charts: ids(field(json, 'charts') ?? null, `${path}.charts`),
  };
}

function ids(input: unknown, path: string): string[] | null {
  if (input === null) return null;
  return list(input, path, (entry, at) => checkedId(text(entry, at), at));
}

/** Announced room names, kept lower case and once each, as they are compared. */
function areas(input: unknown, path: string): string[] {
  const names = list(input, path, (entry, at) => name(entry, at).toLowerCase());
  return [...new Set(names)];
}

function roomId(id: string, path: string): string {
  if (id === OTHER_ROOM_ID)
    throw new Refusal(`${path} "${OTHER_ROOM_ID}" is the section of devices in no room`);
  if (id === FAVOURITES_ID) throw new Refusal(`${path} "${FAVOURITES_ID}" is the section of pinned devices`);
  return id;
}

function viewId(id: string, path: string): string {
  if (id === DEFAULT_VIEW_ID)
    throw new Refusal(`${path} "${DEFAULT_VIEW_ID}" is the view of everything, never stored`);
  return id;
}
