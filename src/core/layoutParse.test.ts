import { describe, expect, it } from 'vitest';
import { EMPTY_LAYOUT, type HouseLayout, viewShowingEverything } from './layout';
import { checkLayout, parseHouseLayout, parseLayoutChange } from './layoutParse';

/** A layout as `layout.json` holds it. */
const STORED = `{
  "version": 7,
  "floors": { "ground": { "name": "Ground floor", "position": 1, "rev": 2 } },
  "rooms": {
    "kitchen": { "name": "Kitchen", "floorId": "ground", "position": 1, "rev": 3 },
    "area:garage": { "name": "Garage", "floorId": null, "position": 2, "rev": 7 }
  },
  "devices": {
    "zigbee2mqtt/0x00158d0001a2b3c4": {
      "room": "kitchen", "position": 1.5, "alias": "Fridge sensor", "favourite": true,
      "mainReading": "temperature",
      "readings": { "linkquality": { "hidden": true }, "temperature": { "alias": "Inside" } },
      "rev": 5
    },
    "tasmota/plug": { "room": null, "hidden": true, "rev": 6 }
  },
  "views": {
    "hall": {
      "name": "Hall", "position": 1, "readonly": true, "big": false, "rooms": ["kitchen", "other"],
      "devices": null, "hiddenDevices": ["tasmota/plug"],
      "hiddenReadings": [["zigbee2mqtt/0x00158d0001a2b3c4", "voltage"]], "charts": ["temperature"], "rev": 4
    }
  },
  "ignoredAreas": ["attic"],
  "topicRoomsDismissed": false
}`;

function parsed(json: string): HouseLayout {
  const result = parseHouseLayout(JSON.parse(json));
  if (!result.ok) throw new Error(result.reason);
  return result.layout;
}

/** The stored layout with one part replaced, as untrusted JSON. */
function storedWith(patch: Record<string, unknown>): unknown {
  return { ...JSON.parse(STORED), ...patch };
}

function reasonOf(result: { ok: true } | { ok: false; reason: string }): string {
  return result.ok ? 'accepted' : result.reason;
}

describe('parseHouseLayout', () => {
  it('reads a stored layout whole', () => {
    const layout = parsed(STORED);
    expect(layout).toEqual(JSON.parse(STORED));
  });

  it('opens an empty object as the empty layout', () => {
    expect(parseHouseLayout({})).toEqual({ ok: true, layout: EMPTY_LAYOUT });
  });

  it('drops fields it does not know', () => {
    const layout = parsed(
      '{"rooms":{"hall":{"name":"Hall","floorId":null,"position":1,"rev":1,"colour":"red"}},"extra":1}',
    );
    expect(layout.rooms.hall).toEqual({ name: 'Hall', floorId: null, position: 1, rev: 1 });
    expect(Object.keys(layout)).not.toContain('extra');
  });

  it('trims names', () => {
    const layout = parsed('{"rooms":{"hall":{"name":"  Hall  ","floorId":null,"position":1,"rev":1}}}');
    expect(layout.rooms.hall?.name).toBe('Hall');
  });

  it('refuses an empty name, naming the field', () => {
    const result = parseHouseLayout(
      storedWith({ rooms: { kitchen: { name: '   ', floorId: null, position: 1 } } }),
    );
    expect(reasonOf(result)).toBe('rooms.kitchen.name is empty');
  });

  it('refuses a name of a million characters', () => {
    const result = parseHouseLayout(
      storedWith({ floors: { up: { name: 'x'.repeat(1_000_000), position: 1 } } }),
    );
    expect(reasonOf(result)).toBe('floors.up.name is too long');
  });

  it('refuses an id of a million characters, quoting only its start', () => {
    const result = parseHouseLayout({
      rooms: { ['k'.repeat(1_000_000)]: { name: 'K', floorId: null, position: 1 } },
    });
    expect(reasonOf(result)).toMatch(/^rooms\.k{40}… is too long$/);
  });

  it('refuses a name with a control character', () => {
    const result = parseHouseLayout(storedWith({ views: { hall: { name: 'Hall\u0007', position: 1 } } }));
    expect(reasonOf(result)).toBe('views.hall.name holds control characters');
  });

  it('refuses a position that is not a finite number', () => {
    for (const position of [Number.NaN, Number.POSITIVE_INFINITY, '1', null]) {
      const result = parseHouseLayout({ rooms: { hall: { name: 'Hall', floorId: null, position } } });
      expect(reasonOf(result)).toBe('rooms.hall.position is not a finite number');
    }
  });

  it('refuses fields of the wrong type', () => {
    expect(reasonOf(parseHouseLayout([]))).toBe('the layout is not an object');
    expect(reasonOf(parseHouseLayout({ version: -1 }))).toBe('version is not a whole number of zero or more');
    expect(reasonOf(parseHouseLayout({ rooms: [] }))).toBe('rooms is not an object');
    expect(reasonOf(parseHouseLayout({ devices: { 'generic/a': { hidden: 'yes' } } }))).toBe(
      'devices.generic/a.hidden is not true or false',
    );
    expect(reasonOf(parseHouseLayout({ views: { v: { name: 'V', position: 1, rooms: 'kitchen' } } }))).toBe(
      'views.v.rooms is not a list',
    );
    expect(reasonOf(parseHouseLayout({ ignoredAreas: [3] }))).toBe('ignoredAreas[0] is not text');
  });

  it('refuses a __proto__ key without touching any prototype', () => {
    const hostile = JSON.parse(
      '{"rooms":{"__proto__":{"name":"Evil","floorId":null,"position":1,"polluted":true}}}',
    );
    expect(reasonOf(parseHouseLayout(hostile))).toBe('rooms.__proto__ is a reserved word');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(reasonOf(parseHouseLayout({ devices: { constructor: { alias: 'x' } } }))).toBe(
      'devices.constructor is a reserved word',
    );
  });

  it('does not read a field the object only inherits', () => {
    const hostile = JSON.parse('{"__proto__":{"version":5}}');
    expect(parseHouseLayout(hostile)).toEqual({ ok: true, layout: EMPTY_LAYOUT });
  });

  it('refuses more rooms than the limit', () => {
    const rooms = Object.fromEntries(
      Array.from({ length: 501 }, (_, n) => [`r${n}`, { name: `R${n}`, floorId: null, position: n }]),
    );
    expect(reasonOf(parseHouseLayout({ rooms }))).toBe('rooms holds more than 500 entries');
  });

  it('refuses two views with the same name in different case', () => {
    const result = parseHouseLayout({
      views: { a: { name: 'Hall', position: 1 }, b: { name: 'HALL', position: 2 } },
    });
    expect(reasonOf(result)).toBe('two views are called "HALL"');
  });

  it('refuses to store the default view or a room called other', () => {
    expect(reasonOf(parseHouseLayout({ views: { default: { name: 'All', position: 1 } } }))).toMatch(
      /^views\.default/,
    );
    expect(
      reasonOf(parseHouseLayout({ rooms: { other: { name: 'Other', floorId: null, position: 1 } } })),
    ).toMatch(/^rooms\.other/);
  });

  it('keeps ignored areas in lower case, once each', () => {
    expect(parsed('{"ignoredAreas":["Attic","attic "," Garage"]}').ignoredAreas).toEqual(['attic', 'garage']);
  });
});

describe('parseLayoutChange', () => {
  it('reads a change as a screen sends it, dropping any rev', () => {
    const result = parseLayoutChange({
      baseVersion: 4,
      items: [
        { type: 'device', id: 'tasmota/plug', value: { alias: 'Kettle', rev: 99 } },
        { type: 'room', id: 'hall', value: null },
        { type: 'ignoredAreas', value: ['Attic'] },
        { type: 'topicRoomsDismissed', value: true },
      ],
    });
    expect(result).toEqual({
      ok: true,
      change: {
        baseVersion: 4,
        items: [
          { type: 'device', id: 'tasmota/plug', value: { alias: 'Kettle' } },
          { type: 'room', id: 'hall', value: null },
          { type: 'ignoredAreas', value: ['attic'] },
          { type: 'topicRoomsDismissed', value: true },
        ],
      },
    });
  });

  it('fills a view’s absent lists with their defaults', () => {
    const result = parseLayoutChange({
      baseVersion: 0,
      items: [{ type: 'view', id: 'g', value: { name: 'Garage', position: 1 } }],
    });
    expect(result.ok && result.change.items[0]).toEqual({
      type: 'view',
      id: 'g',
      value: {
        name: 'Garage',
        position: 1,
        ...viewShowingEverything(),
      },
    });
  });

  it('refuses a base version that is not a whole number of zero or more', () => {
    for (const baseVersion of [-1, 1.5, '3', undefined, Number.NaN]) {
      expect(reasonOf(parseLayoutChange({ baseVersion, items: [] }))).toBe(
        'baseVersion is not a whole number of zero or more',
      );
    }
  });

  it('refuses an item of an unknown kind or without an id', () => {
    expect(
      reasonOf(parseLayoutChange({ baseVersion: 0, items: [{ type: 'wall', id: 'w', value: null }] })),
    ).toBe('items[0].type is not a kind of layout item');
    expect(reasonOf(parseLayoutChange({ baseVersion: 0, items: [{ type: 'room', value: null }] }))).toBe(
      'items[0].id is not text',
    );
    expect(
      reasonOf(parseLayoutChange({ baseVersion: 0, items: [{ type: 'room', id: '', value: null }] })),
    ).toBe('items[0].id is empty');
  });

  it('refuses a hostile value inside an item', () => {
    const hostile = JSON.parse(
      '{"baseVersion":0,"items":[{"type":"device","id":"generic/a","value":{"readings":{"__proto__":{"alias":"x"}}}}]}',
    );
    expect(reasonOf(parseLayoutChange(hostile))).toBe('items[0].value.readings.__proto__ is a reserved word');
  });

  it('refuses more items than a change may hold', () => {
    const items = Array.from({ length: 25_001 }, () => ({ type: 'topicRoomsDismissed', value: true }));
    expect(reasonOf(parseLayoutChange({ baseVersion: 0, items }))).toBe('a change holds at most 25000 items');
  });
});

describe('checkLayout', () => {
  it('allows a room on a floor that does not exist', () => {
    const layout = parsed('{"rooms":{"hall":{"name":"Hall","floorId":"gone","position":1,"rev":1}}}');
    expect(checkLayout(layout)).toBeNull();
  });

  it('refuses a house past its limits, which it could not read back', () => {
    const views = Object.fromEntries(
      Array.from({ length: 101 }, (_, i) => [`v${i}`, { name: `View ${i}`, position: i, rev: 1 }]),
    );
    const full: HouseLayout = { ...EMPTY_LAYOUT, views: {} };
    for (const [id, view] of Object.entries(views)) full.views[id] = { ...viewShowingEverything(), ...view };
    expect(checkLayout(full)).toBe('a house holds at most 100 views (this change would make 101)');
    delete full.views.v100;
    expect(checkLayout(full)).toBeNull();
  });

  it("refuses a room stored under the Favourites section's id", () => {
    const result = parseHouseLayout('{"rooms":{"favourites":{"name":"Favourites","position":1,"rev":1}}}');
    expect(result.ok).toBe(false);
  });
});
