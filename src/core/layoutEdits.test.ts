import { describe, expect, it } from 'vitest';
import type { Device, DevicePlace } from './device';
import { EMPTY_LAYOUT, type HouseLayout } from './layout';
import { applyLayoutChange, itemsBefore } from './layoutApply';
import {
  acceptTopicRooms,
  addFloor,
  addRoom,
  addView,
  findView,
  type LayoutEdit,
  moveFloor,
  moveRoom,
  moveShownRoom,
  moveView,
  placeDevice,
  removeFloor,
  removeRoom,
  removeView,
  renameRoom,
  renameView,
  setDeviceAlias,
  setDeviceHidden,
  setReadingAlias,
  setReadingHidden,
  setRoomFloor,
  updateView,
} from './layoutEdits';
import { buildSections } from './roomSections';

function device(id: string, place?: DevicePlace): Device {
  const nativeId = id.slice(id.indexOf('/') + 1);
  return { id, nativeId, convention: 'generic', metrics: new Map(), place } as unknown as Device;
}

/** Applies an edit that must be allowed. */
function applied(layout: HouseLayout, made: LayoutEdit): HouseLayout {
  if (!made.ok) throw new Error(made.reason);
  return applyLayoutChange(layout, { baseVersion: layout.version, items: made.items }).layout;
}

function reasonOf(made: LayoutEdit): string {
  return made.ok ? 'allowed' : made.reason;
}

/** The grid as a screen shows it: section ids with their cards. */
function grid(layout: HouseLayout, devices: Device[]): Record<string, string[]> {
  const sections = buildSections(
    layout,
    new Map(devices.map((d) => [d.id, d])),
    devices.map((d) => d.id),
    null,
    {
      editing: false,
    },
  );
  return Object.fromEntries(sections.sections.map((section) => [section.id, section.deviceIds]));
}

function sectionsOf(layout: HouseLayout, devices: Device[]) {
  return buildSections(
    layout,
    new Map(devices.map((d) => [d.id, d])),
    devices.map((d) => d.id),
    null,
    {
      editing: true,
    },
  );
}

/** Kitchen and Hall, with three devices in the kitchen by position and one in the hall. */
function house(): { layout: HouseLayout; devices: Device[] } {
  let layout = applied(EMPTY_LAYOUT, addRoom(EMPTY_LAYOUT, 'Kitchen'));
  layout = applied(layout, addRoom(layout, 'Hall'));
  const devices = ['generic/a', 'generic/b', 'generic/c', 'generic/d'].map((id) => device(id));
  layout = applyLayoutChange(layout, {
    baseVersion: layout.version,
    items: [
      { type: 'device', id: 'generic/a', value: { room: 'kitchen', position: 1 } },
      { type: 'device', id: 'generic/b', value: { room: 'kitchen', position: 2 } },
      { type: 'device', id: 'generic/c', value: { room: 'kitchen', position: 3 } },
      { type: 'device', id: 'generic/d', value: { room: 'hall', position: 1 } },
    ],
  }).layout;
  return { layout, devices };
}

describe('rooms', () => {
  it('makes room ids from names, numbered when taken', () => {
    let layout = applied(EMPTY_LAYOUT, addRoom(EMPTY_LAYOUT, '  Living Room '));
    const second = addRoom(layout, 'living room');
    layout = applied(layout, second);
    expect(second.ok && second.id).toBe('living-room-2');
    expect(layout.rooms['living-room']).toMatchObject({ name: 'Living Room', position: 1 });
    expect(layout.rooms['living-room-2']).toMatchObject({ name: 'living room', position: 2 });
  });

  it("never gives a room the Favourites section's id", () => {
    expect(addRoom(EMPTY_LAYOUT, 'Favourites')).toMatchObject({ id: 'favourites-2' });
  });

  it('names a room written in another script "room", and never "other" or "constructor"', () => {
    expect(addRoom(EMPTY_LAYOUT, 'Кухня')).toMatchObject({ id: 'room' });
    expect(addRoom(EMPTY_LAYOUT, 'Other')).toMatchObject({ id: 'other-2' });
    expect(addRoom(EMPTY_LAYOUT, 'Constructor')).toMatchObject({ id: 'constructor-2' });
  });

  it('refuses a blank or an overlong name', () => {
    expect(reasonOf(addRoom(EMPTY_LAYOUT, '   '))).toBe('Give the room a name');
    expect(reasonOf(addRoom(EMPTY_LAYOUT, 'x'.repeat(81)))).toBe('A room name has at most 80 characters');
  });

  it('moves a room to the first, the middle and the last place', () => {
    let { layout, devices } = house();
    layout = applied(layout, addRoom(layout, 'Bath'));
    const order = () => Object.keys(grid(layout, [...devices, device('generic/e')]));
    layout = applyLayoutChange(layout, {
      baseVersion: layout.version,
      items: [{ type: 'device', id: 'generic/e', value: { room: 'bath' } }],
    }).layout;
    const all = [...devices, device('generic/e')];
    layout = applied(layout, moveRoom(layout, sectionsOf(layout, all), 'bath', 0));
    expect(order()).toEqual(['bath', 'kitchen', 'hall']);
    layout = applied(layout, moveRoom(layout, sectionsOf(layout, all), 'bath', 1));
    expect(order()).toEqual(['kitchen', 'bath', 'hall']);
    layout = applied(layout, moveRoom(layout, sectionsOf(layout, all), 'kitchen', 2));
    expect(order()).toEqual(['bath', 'hall', 'kitchen']);
  });

  it('stores an announced room on its first edit, keeping its name and place after the stored rooms', () => {
    const { layout } = house();
    const made = setRoomFloor(layout, 'area:garage', null);
    expect(made).toEqual({
      ok: true,
      items: [{ type: 'room', id: 'area:garage', value: { name: 'garage', floorId: null, position: 3 } }],
    });
    const renamed = applied(layout, renameRoom(layout, 'area:garage', 'Workshop'));
    expect(renamed.rooms['area:garage']?.name).toBe('Workshop');
  });

  it('renames a stored room with the devices that announce its old name still in it', () => {
    const door = device('homeassistant/door', { room: 'Garage', source: 'announced' });
    const layout = applied(EMPTY_LAYOUT, addRoom(EMPTY_LAYOUT, 'Garage'));
    expect(grid(layout, [door])).toEqual({ garage: ['homeassistant/door'] });
    const alone = applied(layout, renameRoom(layout, 'garage', 'Workshop'));
    expect(grid(alone, [door])).toEqual({ 'area:garage': ['homeassistant/door'] });
    const renamed = applied(layout, renameRoom(layout, 'garage', 'Workshop', [door]));
    expect(renamed.rooms.garage?.name).toBe('Workshop');
    expect(grid(renamed, [door])).toEqual({ garage: ['homeassistant/door'] });
  });

  it('removes a stored room and ignores its name, so an announcing device goes to Other', () => {
    const garage = device('homeassistant/door', { room: 'Garage', source: 'announced' });
    let layout = applied(EMPTY_LAYOUT, addRoom(EMPTY_LAYOUT, 'Garage'));
    layout = applied(layout, addRoom(layout, 'Hall'));
    expect(grid(layout, [garage])).toEqual({ garage: ['homeassistant/door'] });
    layout = applied(layout, removeRoom(layout, 'garage'));
    expect(layout.rooms.garage).toBeUndefined();
    expect(layout.ignoredAreas).toEqual(['garage']);
    expect(grid(layout, [garage])).toEqual({ other: ['homeassistant/door'] });
    layout = applied(layout, addRoom(layout, 'garage'));
    expect(layout.ignoredAreas).toEqual([]);
  });

  it('removes an announced room by ignoring its name', () => {
    const made = removeRoom(EMPTY_LAYOUT, 'area:attic');
    expect(made).toEqual({ ok: true, items: [{ type: 'ignoredAreas', value: ['attic'] }] });
    expect(reasonOf(removeRoom(EMPTY_LAYOUT, 'cellar'))).toBe('That room no longer exists');
  });
});

describe('floors', () => {
  it('leaves the rooms of a removed floor on no floor', () => {
    let layout = applied(EMPTY_LAYOUT, addFloor(EMPTY_LAYOUT, 'Upstairs'));
    layout = applied(layout, addRoom(layout, 'Bedroom', 'upstairs'));
    layout = applied(layout, removeFloor(layout, 'upstairs'));
    expect(layout.floors).toEqual({});
    expect(layout.rooms.bedroom?.floorId).toBeNull();
  });

  it('moves a floor first by putting it one before the first', () => {
    let layout = applied(EMPTY_LAYOUT, addFloor(EMPTY_LAYOUT, 'Ground'));
    layout = applied(layout, addFloor(layout, 'Upstairs'));
    layout = applied(layout, moveFloor(layout, 'upstairs', 0));
    expect(layout.floors.upstairs?.position).toBe(0);
    expect(reasonOf(addRoom(layout, 'Loft', 'attic'))).toBe('That floor no longer exists');
  });
});

describe('placeDevice', () => {
  it('moves a card to the first, the middle and the last place of its room, writing that card only', () => {
    const { layout, devices } = house();
    const sections = sectionsOf(layout, devices);
    const first = placeDevice(layout, sections, 'generic/c', 'kitchen', 0);
    expect(first.ok && first.items).toEqual([
      { type: 'device', id: 'generic/c', value: { room: 'kitchen', position: 0 } },
    ]);
    expect(grid(applied(layout, first), devices).kitchen).toEqual(['generic/c', 'generic/a', 'generic/b']);
    const middle = placeDevice(layout, sections, 'generic/a', 'kitchen', 1);
    expect(middle.ok && middle.items[0]?.value).toEqual({ room: 'kitchen', position: 2.5 });
    const last = placeDevice(layout, sections, 'generic/a', 'kitchen', 2);
    expect(grid(applied(layout, last), devices).kitchen).toEqual(['generic/b', 'generic/c', 'generic/a']);
  });

  it('moves a card into another room at the place asked', () => {
    const { layout, devices } = house();
    const moved = applied(
      layout,
      placeDevice(layout, sectionsOf(layout, devices), 'generic/d', 'kitchen', 1),
    );
    expect(grid(moved, devices)).toEqual({ kitchen: ['generic/a', 'generic/d', 'generic/b', 'generic/c'] });
  });

  it('renumbers the room when its cards have no positions yet', () => {
    let layout = applied(EMPTY_LAYOUT, addRoom(EMPTY_LAYOUT, 'Hall'));
    const devices = ['generic/x', 'generic/y', 'generic/z'].map((id) => device(id));
    layout = applyLayoutChange(layout, {
      baseVersion: layout.version,
      items: devices.map((d) => ({ type: 'device' as const, id: d.id, value: { room: 'hall' } })),
    }).layout;
    const made = placeDevice(layout, sectionsOf(layout, devices), 'generic/z', 'hall', 0);
    expect(made.ok && made.items.map((item) => [item.type === 'device' && item.id, item.value])).toEqual([
      ['generic/z', { room: 'hall', position: 1 }],
      ['generic/x', { room: 'hall', position: 2 }],
      ['generic/y', { room: 'hall', position: 3 }],
    ]);
  });

  it('renumbers the room when neighbours are too close to split', () => {
    const { devices } = house();
    let { layout } = house();
    layout = applyLayoutChange(layout, {
      baseVersion: layout.version,
      items: [{ type: 'device', id: 'generic/b', value: { room: 'kitchen', position: 1 + 1e-7 } }],
    }).layout;
    const made = placeDevice(layout, sectionsOf(layout, devices), 'generic/c', 'kitchen', 1);
    const after = applied(layout, made);
    expect(made.ok && made.items.length).toBe(2);
    expect(grid(after, devices).kitchen).toEqual(['generic/a', 'generic/c', 'generic/b']);
    expect([1, 2, 3]).toEqual(
      ['generic/a', 'generic/c', 'generic/b'].map((id) => after.devices[id]?.position),
    );
  });

  it('stores an announced room when a card is moved into it', () => {
    const { layout, devices } = house();
    const door = device('homeassistant/door', { room: 'Garage', source: 'announced' });
    const all = [...devices, door];
    const made = placeDevice(layout, sectionsOf(layout, all), 'generic/d', 'area:garage', 1);
    const after = applied(layout, made);
    expect(after.rooms['area:garage']).toEqual({
      name: 'Garage',
      floorId: null,
      position: 3,
      rev: after.version,
    });
    expect(grid(after, all)['area:garage']).toEqual(['homeassistant/door', 'generic/d']);
  });

  it('puts a card in Other, whatever its device announces', () => {
    const door = device('homeassistant/door', { room: 'Garage', source: 'announced' });
    const layout = EMPTY_LAYOUT;
    const after = applied(layout, placeDevice(layout, sectionsOf(layout, [door]), door.id, 'other', 0));
    expect(after.devices[door.id]).toMatchObject({ room: null });
    expect(reasonOf(placeDevice(layout, sectionsOf(layout, [door]), door.id, 'cellar', 0))).toBe(
      'That room no longer exists',
    );
  });
});

describe('device and reading entries', () => {
  it('names a device and forgets the entry when the name is cleared', () => {
    const named = applied(
      EMPTY_LAYOUT,
      setDeviceAlias(EMPTY_LAYOUT, 'zigbee2mqtt/0x00158d0001a2b3c4', ' Fridge '),
    );
    expect(named.devices['zigbee2mqtt/0x00158d0001a2b3c4']?.alias).toBe('Fridge');
    const cleared = applied(named, setDeviceAlias(named, 'zigbee2mqtt/0x00158d0001a2b3c4', ''));
    expect(cleared.devices).toEqual({});
  });

  it('names and hides readings, keeping the device’s other choices', () => {
    let layout = applied(EMPTY_LAYOUT, setDeviceHidden(EMPTY_LAYOUT, 'tasmota/plug', true));
    layout = applied(layout, setReadingAlias(layout, 'tasmota/plug', 'power', 'Kettle power'));
    layout = applied(layout, setReadingHidden(layout, 'tasmota/plug', 'voltage', true));
    expect(layout.devices['tasmota/plug']).toMatchObject({
      hidden: true,
      readings: { power: { alias: 'Kettle power' }, voltage: { hidden: true } },
    });
  });

  it('undoes an edit exactly with the items it replaced', () => {
    const { layout, devices } = house();
    const made = placeDevice(layout, sectionsOf(layout, devices), 'generic/d', 'kitchen', 0);
    if (!made.ok) throw new Error(made.reason);
    const undo = itemsBefore(layout, made.items);
    const undone = applied(applied(layout, made), { ok: true, items: undo });
    expect(undone.devices['generic/d']).toEqual({ ...layout.devices['generic/d'], rev: undone.version });
    expect(grid(undone, devices)).toEqual(grid(layout, devices));
  });
});

describe('acceptTopicRooms', () => {
  it('puts devices in rooms named by their topics, creating the missing ones, and closes the offer', () => {
    let layout = applied(EMPTY_LAYOUT, addRoom(EMPTY_LAYOUT, 'Kitchen'));
    const devices = [
      device('generic/house/kitchen', { room: 'kitchen', source: 'topic' }),
      device('generic/house/bedroom', { room: 'bedroom', source: 'topic' }),
      device('generic/house/bedroom-lamp', { room: 'Bedroom', source: 'topic' }),
      device('homeassistant/door', { room: 'Garage', source: 'announced' }),
    ];
    layout = applied(layout, acceptTopicRooms(layout, devices));
    expect(Object.keys(layout.rooms)).toEqual(['kitchen', 'bedroom']);
    expect(layout.topicRoomsDismissed).toBe(true);
    expect(grid(layout, devices)).toEqual({
      kitchen: ['generic/house/kitchen'],
      bedroom: ['generic/house/bedroom', 'generic/house/bedroom-lamp'],
      'area:garage': ['homeassistant/door'],
    });
  });

  it('leaves a device the user placed where it is', () => {
    const placed = device('generic/house/kitchen', { room: 'kitchen', source: 'topic' });
    let layout = applied(EMPTY_LAYOUT, addRoom(EMPTY_LAYOUT, 'Hall'));
    layout = applied(layout, placeDevice(layout, sectionsOf(layout, [placed]), placed.id, 'hall', 0));
    const made = acceptTopicRooms(layout, [placed]);
    expect(made).toEqual({ ok: true, items: [{ type: 'topicRoomsDismissed', value: true }] });
  });
});

describe('views', () => {
  it('adds a view showing everything, and a copy of it', () => {
    let layout = applied(EMPTY_LAYOUT, addView(EMPTY_LAYOUT, 'Hall tablet'));
    layout = applied(layout, updateView(layout, 'hall-tablet', { readonly: true, rooms: ['hall'] }));
    const copy = addView(layout, 'Garage screen', 'hall-tablet');
    layout = applied(layout, copy);
    expect(layout.views['garage-screen']).toMatchObject({
      name: 'Garage screen',
      position: 2,
      readonly: true,
      rooms: ['hall'],
    });
    expect(layout.views['hall-tablet']).toMatchObject({
      devices: null,
      hiddenDevices: [],
      charts: null,
      big: false,
    });
  });

  it('refuses a second view of the same name in any case', () => {
    const layout = applied(EMPTY_LAYOUT, addView(EMPTY_LAYOUT, 'Hall'));
    expect(addView(layout, 'hall')).toEqual({ ok: false, reason: 'A view called "hall" exists already' });
    expect(reasonOf(renameView(layout, 'hall', 'HALL'))).toBe('allowed');
    expect(reasonOf(addView(layout, 'Default'))).toMatch(/view of everything/);
  });

  it('finds a view by id or by name without case', () => {
    let layout = applied(EMPTY_LAYOUT, addView(EMPTY_LAYOUT, 'Garage screen'));
    layout = applied(layout, addView(layout, 'Hall'));
    expect(findView(layout, 'garage-screen')?.view.name).toBe('Garage screen');
    expect(findView(layout, 'GARAGE SCREEN')?.id).toBe('garage-screen');
    expect(findView(layout, 'attic')).toBeNull();
  });

  it('finds a view by its name before an id, so a renamed view does not answer for its old name', () => {
    let layout = applied(EMPTY_LAYOUT, addView(EMPTY_LAYOUT, 'Hall'));
    layout = applied(layout, renameView(layout, 'hall', 'Garage'));
    const hall = addView(layout, 'Hall');
    layout = applied(layout, hall);
    expect(hall.ok && hall.id).toBe('hall-2');
    expect(findView(layout, 'hall')?.view.name).toBe('Hall');
    expect(findView(layout, 'Garage')?.id).toBe('hall');
  });

  it('moves a room within a view that lists its rooms, leaving the house order alone', () => {
    const hall = device('homeassistant/coat', { room: 'Hall', source: 'announced' });
    const kitchen = device('homeassistant/fridge', { room: 'Kitchen', source: 'announced' });
    let layout = applied(EMPTY_LAYOUT, addRoom(EMPTY_LAYOUT, 'Hall'));
    layout = applied(layout, addRoom(layout, 'Kitchen'));
    layout = applied(layout, addView(layout, 'Tablet'));
    layout = applied(layout, updateView(layout, 'tablet', { rooms: ['hall', 'kitchen', 'other'] }));
    const view = layout.views.tablet ?? null;
    const devices = new Map([hall, kitchen].map((d) => [d.id, d]));
    const sections = buildSections(layout, devices, [hall.id, kitchen.id], view, { editing: true });
    const moved = applied(layout, moveShownRoom(layout, sections, 'tablet', 'kitchen', 0));
    expect(moved.views.tablet?.rooms).toEqual(['kitchen', 'hall', 'other']);
    expect(moved.rooms.hall?.position).toBe(layout.rooms.hall?.position);
    expect(moved.rooms.kitchen?.position).toBe(layout.rooms.kitchen?.position);
    const house = buildSections(layout, devices, [hall.id, kitchen.id], null, { editing: true });
    const inHouse = applied(layout, moveShownRoom(layout, house, 'default', 'kitchen', 0));
    expect(inHouse.views.tablet?.rooms).toEqual(['hall', 'kitchen', 'other']);
    expect(inHouse.rooms.kitchen?.position).toBeLessThan(inHouse.rooms.hall?.position ?? 0);
  });

  it('moves and removes views', () => {
    let layout = applied(EMPTY_LAYOUT, addView(EMPTY_LAYOUT, 'A'));
    layout = applied(layout, addView(layout, 'B'));
    layout = applied(layout, moveView(layout, 'b', 0));
    expect(findView(layout, 'b')?.view.position).toBeLessThan(layout.views.a?.position ?? 0);
    layout = applied(layout, removeView(layout, 'a'));
    expect(Object.keys(layout.views)).toEqual(['b']);
    expect(reasonOf(removeView(layout, 'default'))).toBe('That view no longer exists');
  });
});
