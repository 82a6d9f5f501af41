import type { Device } from './device';
import { deviceEntry, layoutIndex, placeName, resolveRoom, sortedEntries } from './deviceRoom';
import {
  AREA_ROOM_PREFIX,
  DEFAULT_VIEW_ID,
  type HouseLayout,
  LAYOUT_LIMITS,
  type LayoutItem,
  OTHER_ROOM_ID,
  type View,
  viewShowingEverything,
} from './layout';
import {
  type DeviceValue,
  deviceEdit,
  deviceValue,
  edit,
  isRoomIdTaken,
  nameRefusal,
  nextRoomPosition,
  readingEdit,
  refused,
  roomToStore,
  welcomeArea,
  withoutRev,
} from './layoutEditRules';
import { checkName, idFromName, idProblem } from './layoutNames';
import { movedTo, positionAfter, positionsAfterMove } from './layoutPositions';
import type { HouseSections } from './roomSections';

/**
 * What an edit of the house layout makes: the items to put (apply them with
 * `applyLayoutChange`, undo them with `itemsBefore`) and the id of what it created, or why it
 * cannot be done, in words for the person who tried. Every builder below is pure: it reads the
 * layout it is given and answers items; nothing changes until the items are applied.
 */
export type LayoutEdit = { ok: true; items: LayoutItem[]; id?: string } | { ok: false; reason: string };

type ViewValue = Omit<View, 'rev'>;

const NO_ROOM = 'That room no longer exists';
const NO_FLOOR = 'That floor no longer exists';
const NO_VIEW = 'That view no longer exists';

// ---- Rooms -------------------------------------------------------------------------------------

/**
 * A new room, after the others (on `floorId` if given), its id made from its name (`kitchen`,
 * `kitchen-2`). An announced name the user had removed (`ignoredAreas`) is welcome again: devices
 * announcing it gather in the new room.
 */
export function addRoom(layout: HouseLayout, name: string, floorId?: string): LayoutEdit {
  const checked = checkName(name);
  if (!checked.ok) return refused(nameRefusal('room', checked.problem));
  if (Object.keys(layout.rooms).length >= LAYOUT_LIMITS.rooms) {
    return refused(`A house holds at most ${LAYOUT_LIMITS.rooms} rooms`);
  }
  if (floorId !== undefined && !Object.hasOwn(layout.floors, floorId)) return refused(NO_FLOOR);
  const id = idFromName(checked.name, 'room', (taken) => isRoomIdTaken(layout, taken));
  const value = { name: checked.name, floorId: floorId ?? null, position: nextRoomPosition(layout) };
  return { ok: true, id, items: [{ type: 'room', id, value }, ...welcomeArea(layout, checked.name)] };
}

/** Renames a stored room, or stores an announced one (`area:…`) under the new name. */
export function renameRoom(
  layout: HouseLayout,
  roomId: string,
  name: string,
  devices: Iterable<Device> = [],
): LayoutEdit {
  const checked = checkName(name);
  if (!checked.ok) return refused(nameRefusal('room', checked.problem));
  const room = roomToStore(layout, roomId);
  if (room === null) return refused(NO_ROOM);
  const items: LayoutItem[] = [{ type: 'room', id: roomId, value: { ...room, name: checked.name } }];
  // A device here because it announces the room's old name ("Garage" renamed "Workshop") would
  // leave with the name for an announced "Garage" of its own: it is put here for good instead.
  const index = layoutIndex(layout);
  for (const device of devices) {
    const entry = deviceEntry(layout, device.id);
    if (entry?.room !== undefined && entry.room !== null && Object.hasOwn(layout.rooms, entry.room)) continue;
    if (resolveRoom(layout, index, entry, device) !== roomId) continue;
    items.push({ type: 'device', id: device.id, value: { ...deviceValue(layout, device.id), room: roomId } });
  }
  return edit(items);
}

/**
 * Removes a room. Its devices fall back to what they announce; and because the room's name
 * (and, for a room first announced, the announced name) joins `ignoredAreas`, devices
 * announcing it go to Other instead of bringing the room straight back. `addRoom` with that
 * name lifts this again.
 */
export function removeRoom(layout: HouseLayout, roomId: string): LayoutEdit {
  const stored = Object.hasOwn(layout.rooms, roomId) ? layout.rooms[roomId] : undefined;
  const announced = roomId.startsWith(AREA_ROOM_PREFIX) ? roomId.slice(AREA_ROOM_PREFIX.length) : null;
  if (stored === undefined && announced === null) return refused(NO_ROOM);
  const names = [stored === undefined ? null : placeName(stored.name), announced].filter(
    (name): name is string => name !== null && name !== '' && !layout.ignoredAreas.includes(name),
  );
  const items: LayoutItem[] = [];
  if (stored !== undefined) items.push({ type: 'room', id: roomId, value: null });
  if (names.length > 0)
    items.push({ type: 'ignoredAreas', value: [...layout.ignoredAreas, ...new Set(names)] });
  return edit(items);
}

/**
 * Moves a room to `toIndex` among the rooms shown (`sections` without Other, the room itself not
 * counted). Announced rooms it lands after are stored on the way, so they keep their place.
 */
export function moveRoom(
  layout: HouseLayout,
  sections: HouseSections,
  roomId: string,
  toIndex: number,
): LayoutEdit {
  const shown = sections.sections
    .filter((section) => section.id !== OTHER_ROOM_ID)
    .map((section) => section.id);
  if (!shown.includes(roomId) || roomToStore(layout, roomId, sections) === null) return refused(NO_ROOM);
  const order = movedTo(shown, roomId, toIndex);
  const at = order.indexOf(roomId);
  // Announced rooms after the moved one stay unstored: they are shown after the stored rooms anyway.
  const ordered = order.filter((id, i) => i <= at || Object.hasOwn(layout.rooms, id));
  const positions = positionsAfterMove(ordered, roomId, (id) =>
    Object.hasOwn(layout.rooms, id) ? layout.rooms[id]?.position : undefined,
  );
  const items: LayoutItem[] = [];
  for (const [id, position] of positions) {
    const room = roomToStore(layout, id, sections);
    if (room !== null) items.push({ type: 'room', id, value: { ...room, position } });
  }
  return edit(items);
}

/**
 * Moves a room as the screen shows it: in a view that lists its rooms, within that view's order
 * (the house's order stays as it is); otherwise among the house's rooms (`moveRoom`).
 */
export function moveShownRoom(
  layout: HouseLayout,
  sections: HouseSections,
  viewId: string,
  roomId: string,
  toIndex: number,
): LayoutEdit {
  const view = viewId === DEFAULT_VIEW_ID ? undefined : storedView(layout, viewId);
  if (view?.rooms === null || view?.rooms === undefined) return moveRoom(layout, sections, roomId, toIndex);
  const shown = sections.sections
    .filter((section) => section.id !== OTHER_ROOM_ID)
    .map((section) => section.id);
  if (!shown.includes(roomId)) return refused(NO_ROOM);
  const moved = movedTo(shown, roomId, toIndex);
  // Rooms of the view not shown now (empty ones, Other) keep their place after the shown ones.
  const rest = view.rooms.filter((id) => !moved.includes(id));
  return updateView(layout, viewId, { rooms: [...moved, ...rest] });
}

/** Puts a room on a floor (null: on none). An announced room is stored on the way. */
export function setRoomFloor(layout: HouseLayout, roomId: string, floorId: string | null): LayoutEdit {
  if (floorId !== null && !Object.hasOwn(layout.floors, floorId)) return refused(NO_FLOOR);
  const room = roomToStore(layout, roomId);
  if (room === null) return refused(NO_ROOM);
  return edit([{ type: 'room', id: roomId, value: { ...room, floorId } }]);
}

// ---- Floors ------------------------------------------------------------------------------------

/** A new floor, after the others, its id made from its name. */
export function addFloor(layout: HouseLayout, name: string): LayoutEdit {
  const checked = checkName(name);
  if (!checked.ok) return refused(nameRefusal('floor', checked.problem));
  if (Object.keys(layout.floors).length >= LAYOUT_LIMITS.floors) {
    return refused(`A house holds at most ${LAYOUT_LIMITS.floors} floors`);
  }
  const id = idFromName(checked.name, 'floor', (taken) => Object.hasOwn(layout.floors, taken));
  const position = positionAfter(Object.values(layout.floors).map((floor) => floor.position));
  return { ok: true, id, items: [{ type: 'floor', id, value: { name: checked.name, position } }] };
}

export function renameFloor(layout: HouseLayout, floorId: string, name: string): LayoutEdit {
  const checked = checkName(name);
  if (!checked.ok) return refused(nameRefusal('floor', checked.problem));
  const floor = Object.hasOwn(layout.floors, floorId) ? layout.floors[floorId] : undefined;
  if (floor === undefined) return refused(NO_FLOOR);
  return edit([{ type: 'floor', id: floorId, value: { name: checked.name, position: floor.position } }]);
}

/** Removes a floor; its rooms stay, on no floor. */
export function removeFloor(layout: HouseLayout, floorId: string): LayoutEdit {
  if (!Object.hasOwn(layout.floors, floorId)) return refused(NO_FLOOR);
  const items: LayoutItem[] = [{ type: 'floor', id: floorId, value: null }];
  for (const [id, room] of Object.entries(layout.rooms)) {
    if (room.floorId === floorId)
      items.push({ type: 'room', id, value: { ...withoutRev(room), floorId: null } });
  }
  return edit(items);
}

/** Moves a floor to `toIndex` among the floors in their order. */
export function moveFloor(layout: HouseLayout, floorId: string, toIndex: number): LayoutEdit {
  const floor = Object.hasOwn(layout.floors, floorId) ? layout.floors[floorId] : undefined;
  if (floor === undefined) return refused(NO_FLOOR);
  const order = movedTo(
    sortedEntries(layout.floors).map(([id]) => id),
    floorId,
    toIndex,
  );
  const positions = positionsAfterMove(order, floorId, (id) => layout.floors[id]?.position);
  return edit(
    [...positions].flatMap(([id, position]): LayoutItem[] => {
      const value = layout.floors[id];
      return value === undefined ? [] : [{ type: 'floor', id, value: { name: value.name, position } }];
    }),
  );
}

// ---- Devices -----------------------------------------------------------------------------------

/**
 * Puts a device's card at `toIndex` of a room's cards as shown (the device itself not counted):
 * a stored room, an announced `area:` room (stored on the way, after the stored rooms) or
 * `other` (in no room, whatever it announces). A move within the section it is in only reorders
 * it, keeping whether it follows its announcement. Only the moved card is written, unless its
 * neighbours have no positions yet or are too close: then the room's cards are renumbered.
 */
export function placeDevice(
  layout: HouseLayout,
  sections: HouseSections,
  deviceKey: string,
  toRoomId: string,
  toIndex: number,
): LayoutEdit {
  const keyProblem = idProblem(deviceKey);
  if (keyProblem !== null) return refused(`That device cannot be placed: its key ${keyProblem}`);
  const target = sections.sections.find((section) => section.id === toRoomId);
  const storeArea = toRoomId.startsWith(AREA_ROOM_PREFIX) && !Object.hasOwn(layout.rooms, toRoomId);
  const room = toRoomId === OTHER_ROOM_ID ? null : roomToStore(layout, toRoomId, sections);
  if (toRoomId !== OTHER_ROOM_ID && room === null) return refused(NO_ROOM);
  const items: LayoutItem[] = [];
  if (storeArea && room !== null) items.push({ type: 'room', id: toRoomId, value: room });
  const within = target?.deviceIds.includes(deviceKey) === true;
  const order = movedTo(target?.deviceIds ?? [], deviceKey, toIndex);
  const positions = positionsAfterMove(order, deviceKey, (id) => deviceEntry(layout, id)?.position);
  for (const [id, position] of positions) {
    const value: DeviceValue = { ...deviceValue(layout, id), position };
    if (id === deviceKey && !within) value.room = toRoomId === OTHER_ROOM_ID ? null : toRoomId;
    items.push({ type: 'device', id, value });
  }
  return edit(items);
}

/** Names a device (null or blank: its own name again). */
export function setDeviceAlias(layout: HouseLayout, key: string, alias: string | null): LayoutEdit {
  const checked = alias === null || alias.trim() === '' ? null : checkName(alias);
  if (checked !== null && !checked.ok) return refused(nameRefusal('device', checked.problem));
  return deviceEdit(layout, key, (device) => {
    if (checked === null) delete device.alias;
    else device.alias = checked.name;
  });
}

/** Hides a device everywhere (edit mode still shows it, to bring it back), or shows it again. */
export function setDeviceHidden(layout: HouseLayout, key: string, hidden: boolean): LayoutEdit {
  return deviceEdit(layout, key, (device) => {
    if (hidden) device.hidden = true;
    else delete device.hidden;
  });
}

/** Pins a device to Favourites, or unpins it. */
export function setFavourite(layout: HouseLayout, key: string, on: boolean): LayoutEdit {
  return deviceEdit(layout, key, (device) => {
    if (on) device.favourite = true;
    else delete device.favourite;
  });
}

/** The reading shown big on a device's card (native metric name; null: the card's own choice). */
export function setMainReading(layout: HouseLayout, key: string, metric: string | null): LayoutEdit {
  if (metric !== null && idProblem(metric) !== null) return refused('That reading cannot be chosen');
  return deviceEdit(layout, key, (device) => {
    if (metric === null) delete device.mainReading;
    else device.mainReading = metric;
  });
}

/** Names one reading of a device (null or blank: its own name again). */
export function setReadingAlias(
  layout: HouseLayout,
  key: string,
  metric: string,
  alias: string | null,
): LayoutEdit {
  const checked = alias === null || alias.trim() === '' ? null : checkName(alias);
  if (checked !== null && !checked.ok) return refused(nameRefusal('reading', checked.problem));
  return readingEdit(layout, key, metric, (reading) => {
    if (checked === null) delete reading.alias;
    else reading.alias = checked.name;
  });
}

/** Hides one reading of a device everywhere, or shows it again. */
export function setReadingHidden(
  layout: HouseLayout,
  key: string,
  metric: string,
  hidden: boolean,
): LayoutEdit {
  return readingEdit(layout, key, metric, (reading) => {
    if (hidden) reading.hidden = true;
    else delete reading.hidden;
  });
}

// ---- Rooms read from topics --------------------------------------------------------------------

/**
 * Accepts the rooms the topics suggest (`house/<room>/…`): each device whose place comes from
 * its topic and that the user has put nowhere goes to the stored room of that name (without
 * case), created when missing; then the offer is not made again.
 */
export function acceptTopicRooms(layout: HouseLayout, devices: Iterable<Device>): LayoutEdit {
  const byName = new Map<string, string>();
  for (const [id, room] of sortedEntries(layout.rooms)) {
    if (!byName.has(placeName(room.name))) byName.set(placeName(room.name), id);
  }
  const created = new Set<string>();
  let position = nextRoomPosition(layout);
  const items: LayoutItem[] = [];
  for (const device of devices) {
    if (device.place?.source !== 'topic' || deviceEntry(layout, device.id)?.room !== undefined) continue;
    const checked = checkName(device.place.room);
    if (!checked.ok || idProblem(device.id) !== null) continue;
    let roomId = byName.get(placeName(checked.name));
    if (roomId === undefined) {
      if (Object.keys(layout.rooms).length + created.size >= LAYOUT_LIMITS.rooms) continue;
      roomId = idFromName(checked.name, 'room', (id) => isRoomIdTaken(layout, id) || created.has(id));
      created.add(roomId);
      byName.set(placeName(checked.name), roomId);
      items.push({
        type: 'room',
        id: roomId,
        value: { name: checked.name, floorId: null, position: position++ },
      });
    }
    items.push({ type: 'device', id: device.id, value: { ...deviceValue(layout, device.id), room: roomId } });
  }
  items.push({ type: 'topicRoomsDismissed', value: true });
  return edit(items);
}

/** Declines the rooms the topics suggest: the offer is not made again. */
export function dismissTopicRooms(): LayoutEdit {
  return edit([{ type: 'topicRoomsDismissed', value: true }]);
}

// ---- Views -------------------------------------------------------------------------------------

/**
 * A new view, after the others: showing everything, or a copy of the view `copyOf` (its rooms,
 * devices, hidden things, charts and whether it is read-only and big).
 */
export function addView(layout: HouseLayout, name: string, copyOf?: string): LayoutEdit {
  const checked = viewName(layout, name, null);
  if (!checked.ok) return checked;
  if (Object.keys(layout.views).length >= LAYOUT_LIMITS.views) {
    return refused(`A house holds at most ${LAYOUT_LIMITS.views} views`);
  }
  const source = copyOf === undefined ? undefined : storedView(layout, copyOf);
  if (copyOf !== undefined && source === undefined) return refused(NO_VIEW);
  const id = idFromName(
    checked.name,
    'view',
    (taken) => Object.hasOwn(layout.views, taken) || taken === DEFAULT_VIEW_ID,
  );
  const position = positionAfter(Object.values(layout.views).map((view) => view.position));
  const value: ViewValue =
    source === undefined
      ? { ...viewShowingEverything(), name: checked.name, position }
      : { ...structuredClone(withoutRev(source)), name: checked.name, position };
  return { ok: true, id, items: [{ type: 'view', id, value }] };
}

export function renameView(layout: HouseLayout, id: string, name: string): LayoutEdit {
  const view = storedView(layout, id);
  if (view === undefined) return refused(NO_VIEW);
  const checked = viewName(layout, name, id);
  if (!checked.ok) return checked;
  return edit([{ type: 'view', id, value: { ...withoutRev(view), name: checked.name } }]);
}

/** Changes what a view shows (fields absent from `patch` stay as they are). */
export function updateView(
  layout: HouseLayout,
  id: string,
  patch: Partial<Omit<View, 'rev' | 'name' | 'position'>>,
): LayoutEdit {
  const view = storedView(layout, id);
  if (view === undefined) return refused(NO_VIEW);
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return edit([{ type: 'view', id, value: { ...withoutRev(view), ...given } }]);
}

export function removeView(layout: HouseLayout, id: string): LayoutEdit {
  if (storedView(layout, id) === undefined) return refused(NO_VIEW);
  return edit([{ type: 'view', id, value: null }]);
}

/** Moves a view to `toIndex` among the views in their order. */
export function moveView(layout: HouseLayout, id: string, toIndex: number): LayoutEdit {
  if (storedView(layout, id) === undefined) return refused(NO_VIEW);
  const order = movedTo(
    sortedEntries(layout.views).map(([viewId]) => viewId),
    id,
    toIndex,
  );
  const positions = positionsAfterMove(order, id, (viewId) => layout.views[viewId]?.position);
  return edit(
    [...positions].flatMap(([viewId, position]): LayoutItem[] => {
      const view = layout.views[viewId];
      return view === undefined
        ? []
        : [{ type: 'view', id: viewId, value: { ...withoutRev(view), position } }];
    }),
  );
}

/**
 * The stored view `?view=` names: by name without case (the first by position), else by id. A
 * name wins over an id: after "Hall" (id `hall`) is renamed "Garage" and a new "Hall" made, the
 * hall tablet's `?view=hall` still opens Hall.
 */
export function findView(layout: HouseLayout, nameOrId: string): { id: string; view: View } | null {
  const wanted = nameOrId.trim().toLowerCase();
  for (const [id, view] of sortedEntries(layout.views))
    if (view.name.toLowerCase() === wanted) return { id, view };
  const byId = storedView(layout, nameOrId);
  return byId === undefined ? null : { id: nameOrId, view: byId };
}

// ---- Views' rules -------------------------------------------------------------------------------

/** A view name, trimmed, unique among views without case, and not the default view's. */
function viewName(
  layout: HouseLayout,
  name: string,
  exceptId: string | null,
): { ok: true; name: string } | { ok: false; reason: string } {
  const checked = checkName(name);
  if (!checked.ok) return refused(nameRefusal('view', checked.problem));
  const wanted = checked.name.toLowerCase();
  if (wanted === DEFAULT_VIEW_ID) return refused('"Default" is the view of everything: choose another name');
  for (const [id, view] of Object.entries(layout.views)) {
    if (id !== exceptId && view.name.toLowerCase() === wanted) {
      return refused(`A view called "${checked.name}" exists already`);
    }
  }
  return { ok: true, name: checked.name };
}

function storedView(layout: HouseLayout, id: string): View | undefined {
  return Object.hasOwn(layout.views, id) ? layout.views[id] : undefined;
}
