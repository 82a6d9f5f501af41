import { describe, expect, it } from 'vitest';
import type { Device } from './device';
import { testDevice, testMetric } from './fixtures/devices';
import {
  type DeviceLayout,
  EMPTY_LAYOUT,
  type HouseLayout,
  type Room,
  type View,
  viewShowingEverything,
} from './layout';
import { buildSections, isReadingHidden, roomIdOf, summarizeRoom } from './roomSections';

function room(name: string, position: number, floorId: string | null = null): Room {
  return { name, position, floorId, rev: 1 };
}

function entry(fields: Omit<DeviceLayout, 'rev'>): DeviceLayout {
  return { ...fields, rev: 1 };
}

function view(fields: Partial<View>): View {
  return {
    name: 'Hall',
    position: 0,
    ...viewShowingEverything(),
    rev: 1,
    ...fields,
  };
}

function house(devices: Device[]): { map: Map<string, Device>; order: string[] } {
  return { map: new Map(devices.map((device) => [device.id, device])), order: devices.map((d) => d.id) };
}

/** Section ids with their cards, the shape a reader checks first. */
function shape(layout: HouseLayout, devices: Device[], current: View | null = null, editing = false) {
  const { map, order } = house(devices);
  const built = buildSections(layout, map, order, current, { editing });
  return { ...built, rooms: built.sections.map((section) => [section.id, section.deviceIds]) };
}

const hallSensor = testDevice({ id: 'generic/hall' });
const kitchenPlug = testDevice({
  id: 'homeassistant/plug1',
  nativeId: 'plug1',
  convention: 'homeassistant',
  place: { room: 'Kitchen', source: 'announced' },
});
const garageDoor = testDevice({
  id: 'homeseer/door',
  nativeId: 'door',
  convention: 'homeseer',
  place: { room: ' Garage ', floor: 'Ground', source: 'announced' },
});
const porchLight = testDevice({ id: 'generic/porch', place: { room: 'porch', source: 'topic' } });

describe('roomIdOf', () => {
  it('puts a device in the room the user chose, over the one it announces', () => {
    const layout = {
      ...EMPTY_LAYOUT,
      rooms: { pantry: room('Pantry', 0) },
      devices: { [kitchenPlug.id]: entry({ room: 'pantry' }) },
    };
    expect(roomIdOf(layout, kitchenPlug)).toBe('pantry');
  });

  it('puts an announced device in the stored room of that name, trimmed and without case', () => {
    const layout = { ...EMPTY_LAYOUT, rooms: { 'garage-1': room('garage', 0) } };
    expect(roomIdOf(layout, garageDoor)).toBe('garage-1');
  });

  it('names an announced room not stored yet area:<name in lower case>', () => {
    expect(roomIdOf(EMPTY_LAYOUT, kitchenPlug)).toBe('area:kitchen');
  });

  it('sends a device announcing a removed (ignored) room to Other', () => {
    expect(roomIdOf({ ...EMPTY_LAYOUT, ignoredAreas: ['kitchen'] }, kitchenPlug)).toBe('other');
  });

  it('keeps a device the user put in no room in Other, whatever it announces', () => {
    const layout = { ...EMPTY_LAYOUT, devices: { [kitchenPlug.id]: entry({ room: null }) } };
    expect(roomIdOf(layout, kitchenPlug)).toBe('other');
  });

  it('falls back to the announcement when the chosen room was deleted, else to Other', () => {
    const layout = {
      ...EMPTY_LAYOUT,
      devices: { [kitchenPlug.id]: entry({ room: 'pantry' }), [hallSensor.id]: entry({ room: 'pantry' }) },
    };
    expect(roomIdOf(layout, kitchenPlug)).toBe('area:kitchen');
    expect(roomIdOf(layout, hallSensor)).toBe('other');
  });

  it('keeps an announced room the user stored and renamed for the devices announcing it', () => {
    const layout = { ...EMPTY_LAYOUT, rooms: { 'area:kitchen': room('Cooking', 0) } };
    expect(roomIdOf(layout, kitchenPlug)).toBe('area:kitchen');
  });

  it('only suggests a room read from a topic: the device stays in Other', () => {
    expect(roomIdOf(EMPTY_LAYOUT, porchLight)).toBe('other');
  });

  it('treats a room id that is an Object property name as the data it is', () => {
    const layout = { ...EMPTY_LAYOUT, devices: { [hallSensor.id]: entry({ room: 'constructor' }) } };
    expect(roomIdOf(layout, hallSensor)).toBe('other');
  });
});

describe('buildSections', () => {
  it('keeps the flat grid of before rooms when nothing has a room or a star', () => {
    const result = shape(EMPTY_LAYOUT, [hallSensor, porchLight]);
    expect(result.grouped).toBe(false);
    expect(result.rooms).toEqual([['other', ['generic/hall', 'generic/porch']]]);
  });

  it('mixes stored rooms in the user order, announced rooms after them by name, Other last', () => {
    const layout: HouseLayout = {
      ...EMPTY_LAYOUT,
      rooms: { lounge: room('Lounge', 2), attic: room('Attic', 1), empty: room('Empty', 0) },
      devices: { [hallSensor.id]: entry({ room: 'lounge' }) },
    };
    const result = shape(layout, [porchLight, kitchenPlug, garageDoor, hallSensor]);
    expect(result.grouped).toBe(true);
    expect(result.rooms).toEqual([
      ['lounge', ['generic/hall']],
      ['area:garage', ['homeseer/door']],
      ['area:kitchen', ['homeassistant/plug1']],
      ['other', ['generic/porch']],
    ]);
    expect(result.sections.map((section) => [section.name, section.stored])).toEqual([
      ['Lounge', true],
      ['Garage', false],
      ['Kitchen', false],
      ['Other', false],
    ]);
  });

  it('shows empty stored rooms and Other in edit mode only, so a card can be dragged into them', () => {
    const layout = { ...EMPTY_LAYOUT, rooms: { attic: room('Attic', 0) } };
    expect(shape(layout, [kitchenPlug]).rooms).toEqual([['area:kitchen', ['homeassistant/plug1']]]);
    expect(shape(layout, [kitchenPlug], null, true).rooms).toEqual([
      ['attic', []],
      ['area:kitchen', ['homeassistant/plug1']],
      ['other', []],
    ]);
  });

  it('leaves an ignored announcement in Other and groups nothing for it', () => {
    const result = shape({ ...EMPTY_LAYOUT, ignoredAreas: ['kitchen'] }, [kitchenPlug, hallSensor]);
    expect(result.grouped).toBe(false);
    expect(result.rooms).toEqual([['other', ['homeassistant/plug1', 'generic/hall']]]);
  });

  it('orders rooms by floor, rooms on no floor after the floors, and names each floor', () => {
    const layout: HouseLayout = {
      ...EMPTY_LAYOUT,
      floors: {
        up: { name: 'Upstairs', position: 1, rev: 1 },
        ground: { name: 'Ground', position: 0, rev: 1 },
      },
      rooms: { bath: room('Bath', 0, 'up'), loose: room('Loose', 1), hall: room('Hall', 2, 'ground') },
      devices: {
        'generic/a': entry({ room: 'bath' }),
        'generic/b': entry({ room: 'loose' }),
        'generic/c': entry({ room: 'hall' }),
      },
    };
    const devices = ['a', 'b', 'c'].map((id) => testDevice({ id: `generic/${id}` }));
    const result = shape(layout, [...devices, garageDoor]);
    expect(result.sections.map((s) => [s.id, s.floorName])).toEqual([
      ['hall', 'Ground'],
      ['area:garage', 'Ground'],
      ['bath', 'Upstairs'],
      ['loose', null],
    ]);
  });

  it('orders cards with a position first, then the rest in card order', () => {
    const layout: HouseLayout = {
      ...EMPTY_LAYOUT,
      rooms: { hall: room('Hall', 0) },
      devices: {
        'generic/a': entry({ room: 'hall' }),
        'generic/b': entry({ room: 'hall', position: 2 }),
        'generic/c': entry({ room: 'hall', position: 1 }),
        'generic/d': entry({ room: 'hall' }),
      },
    };
    const devices = ['a', 'b', 'c', 'd'].map((id) => testDevice({ id: `generic/${id}` }));
    expect(shape(layout, devices).rooms).toEqual([
      ['hall', ['generic/c', 'generic/b', 'generic/a', 'generic/d']],
    ]);
  });

  it('shows a favourite once, in Favourites, and groups the grid for it', () => {
    const layout = { ...EMPTY_LAYOUT, devices: { [porchLight.id]: entry({ favourite: true }) } };
    const result = shape(layout, [hallSensor, porchLight]);
    expect(result.grouped).toBe(true);
    expect(result.favourites).toEqual(['generic/porch']);
    expect(result.rooms).toEqual([['other', ['generic/hall']]]);
  });

  it('takes hidden devices out of the sections, and keeps them in place in edit mode', () => {
    const layout = { ...EMPTY_LAYOUT, devices: { [kitchenPlug.id]: entry({ hidden: true }) } };
    const seen = shape(layout, [kitchenPlug, garageDoor]);
    expect(seen.rooms).toEqual([['area:garage', ['homeseer/door']]]);
    expect(seen.hidden).toEqual(['homeassistant/plug1']);
    const editing = shape(layout, [kitchenPlug, garageDoor], null, true);
    expect(editing.rooms).toEqual([
      ['area:garage', ['homeseer/door']],
      ['area:kitchen', ['homeassistant/plug1']],
      ['other', []],
    ]);
    expect(editing.hidden).toEqual(['homeassistant/plug1']);
  });

  it('hides a hidden favourite too, and shows it dimmed in Favourites while arranging', () => {
    const layout = {
      ...EMPTY_LAYOUT,
      devices: { [porchLight.id]: entry({ favourite: true, hidden: true }) },
    };
    const seen = shape(layout, [hallSensor, porchLight]);
    expect([seen.grouped, seen.favourites, seen.hidden]).toEqual([false, [], ['generic/porch']]);
    const editing = shape(layout, [hallSensor, porchLight], null, true);
    expect([editing.favourites, editing.hidden]).toEqual([['generic/porch'], ['generic/porch']]);
  });

  it('shows a view its rooms in its order, its devices only, minus the ones it hides', () => {
    const layout: HouseLayout = {
      ...EMPTY_LAYOUT,
      rooms: { hall: room('Hall', 0), lounge: room('Lounge', 1) },
      devices: { 'generic/a': entry({ room: 'hall' }), 'generic/b': entry({ room: 'lounge' }) },
    };
    const devices = ['a', 'b', 'c', 'd'].map((id) => testDevice({ id: `generic/${id}` }));
    const hallTablet = view({
      rooms: ['other', 'lounge', 'area:kitchen', 'hall'],
      devices: ['generic/a', 'generic/b', 'generic/c', kitchenPlug.id],
      hiddenDevices: ['generic/c'],
    });
    const result = shape(layout, [...devices, kitchenPlug, garageDoor], hallTablet);
    expect(result.rooms).toEqual([
      ['lounge', ['generic/b']],
      ['area:kitchen', ['homeassistant/plug1']],
      ['hall', ['generic/a']],
    ]);
    expect(result.hidden).toEqual(['generic/c']);
  });

  it('builds 2,000 devices in 30 rooms quickly', () => {
    const rooms: Record<string, Room> = {};
    for (let r = 0; r < 30; r++) rooms[`room-${r}`] = room(`Room ${r}`, r);
    const devices: Device[] = [];
    const entries: Record<string, DeviceLayout> = {};
    for (let i = 0; i < 2000; i++) {
      const id = `zigbee2mqtt/0x${i.toString(16).padStart(16, '0')}`;
      const announced = i % 3 === 0 ? { room: `Area ${i % 20}`, source: 'announced' as const } : undefined;
      devices.push(testDevice({ id, convention: 'zigbee2mqtt', place: announced }));
      if (i % 3 === 1) entries[id] = entry({ room: `room-${i % 30}`, position: i % 7 });
    }
    const layout = { ...EMPTY_LAYOUT, rooms, devices: entries };
    const { map, order } = house(devices);
    let fastestMs = Number.POSITIVE_INFINITY;
    let shown = 0;
    // The fastest of a few runs (a fresh layout object each: nothing cached), so a busy machine's
    // pause does not count.
    for (let run = 0; run < 10; run++) {
      const started = performance.now();
      const result = buildSections({ ...layout }, map, order, null, { editing: false });
      fastestMs = Math.min(fastestMs, performance.now() - started);
      shown = result.sections.reduce((sum, s) => sum + s.deviceIds.length, 0);
    }
    expect(shown).toBe(2000);
    expect(fastestMs).toBeLessThan(20);
  });
});

describe('summarizeRoom', () => {
  const temperature = (value: number, diagnostic = false) =>
    testMetric({ name: diagnostic ? 'chip' : 'temperature', value, diagnostic });

  it('averages the online devices first room temperature and counts the offline and stale', () => {
    const devices = [
      testDevice({ id: 'generic/a', metrics: new Map([['temperature', temperature(21)]]) }),
      testDevice({
        id: 'generic/b',
        status: 'stale',
        metrics: new Map([
          ['chip', temperature(45, true)],
          ['temperature', temperature(22)],
          ['temperature_2', temperature(80)],
        ]),
      }),
      testDevice({ id: 'generic/c', status: 'offline', metrics: new Map([['temperature', temperature(5)]]) }),
      testDevice({ id: 'generic/d' }),
    ];
    expect(summarizeRoom(devices)).toEqual({ temperature: 21.5, offline: 1, stale: 1, total: 4 });
  });

  it('has no temperature for a room without thermometers', () => {
    expect(summarizeRoom([testDevice({ id: 'generic/plug' })]).temperature).toBeNull();
  });
});

describe('isReadingHidden', () => {
  const layout = {
    ...EMPTY_LAYOUT,
    devices: { 'generic/a': entry({ readings: { linkquality: { hidden: true }, voltage: { alias: 'V' } } }) },
  };

  it('hides a reading the user hid everywhere, in any view', () => {
    expect(isReadingHidden(layout, null, 'generic/a', 'linkquality')).toBe(true);
    expect(isReadingHidden(layout, null, 'generic/a', 'voltage')).toBe(false);
  });

  it('hides a reading in the view that hides it only', () => {
    const garage = view({ hiddenReadings: [['generic/a', 'voltage']] });
    expect(isReadingHidden(layout, garage, 'generic/a', 'voltage')).toBe(true);
    expect(isReadingHidden(layout, garage, 'generic/b', 'voltage')).toBe(false);
    expect(isReadingHidden(layout, null, 'generic/a', 'voltage')).toBe(false);
  });
});
