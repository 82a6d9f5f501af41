import { describe, expect, it } from 'vitest';
import { EMPTY_LAYOUT, type HouseLayout, type LayoutItem } from './layout';
import { applyLayoutChange, itemsBefore, layoutFromItems, layoutItems } from './layoutApply';

const kitchen: LayoutItem = {
  type: 'room',
  id: 'kitchen',
  value: { name: 'Kitchen', floorId: null, position: 1 },
};
const hall: LayoutItem = { type: 'room', id: 'hall', value: { name: 'Hall', floorId: null, position: 2 } };

/** A house at version 3: kitchen and hall written at 1, the plug's alias at 2, a view at 3. */
function house(): HouseLayout {
  let layout = applyLayoutChange(EMPTY_LAYOUT, { baseVersion: 0, items: [kitchen, hall] }).layout;
  layout = applyLayoutChange(layout, {
    baseVersion: 1,
    items: [{ type: 'device', id: 'tasmota/plug', value: { alias: 'Kettle', room: 'kitchen' } }],
  }).layout;
  return applyLayoutChange(layout, {
    baseVersion: 2,
    items: [
      {
        type: 'view',
        id: 'hall-tablet',
        value: {
          name: 'Hall tablet',
          position: 1,
          readonly: true,
          big: false,
          rooms: ['hall', 'other'],
          devices: null,
          hiddenDevices: [],
          hiddenReadings: [['tasmota/plug', 'voltage']],
          charts: null,
        },
      },
    ],
  }).layout;
}

/** What a layout holds, item by item, whatever the order of its keys and the revs. */
function content(layout: HouseLayout): Record<string, unknown> {
  return Object.fromEntries(
    layoutItems(layout).map((item) => [`${item.type}/${'id' in item ? item.id : ''}`, item.value]),
  );
}

describe('applyLayoutChange', () => {
  it('answers the same layout for an empty change, without a new version', () => {
    const layout = house();
    const applied = applyLayoutChange(layout, { baseVersion: 0, items: [] });
    expect(applied.layout).toBe(layout);
    expect(applied.stale).toEqual([]);
  });

  it('raises the version by one and stamps each put item with it', () => {
    const applied = applyLayoutChange(house(), {
      baseVersion: 3,
      items: [{ type: 'floor', id: 'ground', value: { name: 'Ground', position: 1 } }],
    });
    expect(applied.layout.version).toBe(4);
    expect(applied.layout.floors.ground).toEqual({ name: 'Ground', position: 1, rev: 4 });
    expect(applied.layout.rooms.kitchen?.rev).toBe(1);
  });

  it('removes an item put as null', () => {
    const applied = applyLayoutChange(house(), {
      baseVersion: 3,
      items: [{ type: 'room', id: 'hall', value: null }],
    });
    expect(Object.keys(applied.layout.rooms)).toEqual(['kitchen']);
  });

  it('replaces the ignored areas and the topic rooms choice', () => {
    const applied = applyLayoutChange(house(), {
      baseVersion: 3,
      items: [
        { type: 'ignoredAreas', value: ['garage'] },
        { type: 'topicRoomsDismissed', value: true },
      ],
    });
    expect(applied.layout.ignoredAreas).toEqual(['garage']);
    expect(applied.layout.topicRoomsDismissed).toBe(true);
  });

  it('never changes the layout it was given', () => {
    const layout = house();
    const before = structuredClone(layout);
    applyLayoutChange(layout, {
      baseVersion: 3,
      items: [
        { type: 'room', id: 'kitchen', value: null },
        { type: 'device', id: 'tasmota/plug', value: { alias: 'Toaster' } },
        { type: 'ignoredAreas', value: ['garage'] },
      ],
    });
    expect(layout).toEqual(before);
  });

  it('keeps both edits when two screens change different items from the same version', () => {
    const base = house();
    const first = applyLayoutChange(base, {
      baseVersion: 3,
      items: [{ type: 'room', id: 'kitchen', value: { name: 'Cuisine', floorId: null, position: 1 } }],
    });
    const second = applyLayoutChange(first.layout, {
      baseVersion: 3,
      items: [{ type: 'room', id: 'hall', value: { name: 'Entrance', floorId: null, position: 2 } }],
    });
    expect(first.stale).toEqual([]);
    expect(second.stale).toEqual([]);
    expect(second.layout.rooms.kitchen?.name).toBe('Cuisine');
    expect(second.layout.rooms.hall?.name).toBe('Entrance');
    expect(second.layout.version).toBe(5);
  });

  it('lets the second write of the same item win and reports it stale to its editor', () => {
    const base = house();
    const first = applyLayoutChange(base, {
      baseVersion: 3,
      items: [{ type: 'device', id: 'tasmota/plug', value: { alias: 'Kettle plug' } }],
    });
    const second = applyLayoutChange(first.layout, {
      baseVersion: 3,
      items: [{ type: 'device', id: 'tasmota/plug', value: { alias: 'Tea' } }],
    });
    expect(second.layout.devices['tasmota/plug']).toEqual({ alias: 'Tea', rev: 5 });
    expect(second.stale).toEqual([{ type: 'device', id: 'tasmota/plug' }]);
  });

  it('reports nothing stale for an item last written at or before the editor’s version', () => {
    const applied = applyLayoutChange(house(), {
      baseVersion: 2,
      items: [{ type: 'device', id: 'tasmota/plug', value: { alias: 'Tea' } }],
    });
    expect(applied.stale).toEqual([]);
  });

  it('reports an item listed twice in one change once, and only when someone else wrote it', () => {
    const first = applyLayoutChange(house(), {
      baseVersion: 3,
      items: [{ type: 'room', id: 'hall', value: { name: 'Entrance', floorId: null, position: 2 } }],
    });
    const second = applyLayoutChange(first.layout, {
      baseVersion: 3,
      items: [hall, hall, kitchen, kitchen],
    });
    expect(second.stale).toEqual([{ type: 'room', id: 'hall' }]);
  });

  it('keeps an id such as __proto__ as an ordinary entry', () => {
    const applied = applyLayoutChange(EMPTY_LAYOUT, {
      baseVersion: 0,
      items: [{ type: 'room', id: '__proto__', value: { name: 'Odd', floorId: null, position: 1 } }],
    });
    expect(Object.keys(applied.layout.rooms)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(applied.layout.rooms)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });
});

describe('layoutItems', () => {
  it('rebuilds the same content when applied to an empty layout', () => {
    const layout = { ...house(), ignoredAreas: ['garage'], topicRoomsDismissed: true };
    const rebuilt = layoutFromItems(layoutItems(layout));
    expect(content(rebuilt)).toEqual(content(layout));
    expect(rebuilt.rooms.kitchen).toEqual({ name: 'Kitchen', floorId: null, position: 1, rev: 1 });
  });

  it('leaves out every rev', () => {
    expect(JSON.stringify(layoutItems(house()))).not.toContain('rev');
  });
});

describe('itemsBefore', () => {
  it('undoes a change exactly, removing what it added and restoring what it changed', () => {
    const layout = house();
    const items: LayoutItem[] = [
      { type: 'room', id: 'kitchen', value: null },
      { type: 'device', id: 'tasmota/plug', value: { alias: 'Toaster', room: null } },
      { type: 'floor', id: 'attic', value: { name: 'Attic', position: 3 } },
      { type: 'ignoredAreas', value: ['garage'] },
      { type: 'topicRoomsDismissed', value: true },
    ];
    const undo = itemsBefore(layout, items);
    const changed = applyLayoutChange(layout, { baseVersion: 3, items }).layout;
    const undone = applyLayoutChange(changed, { baseVersion: 4, items: undo }).layout;
    expect(content(undone)).toEqual(content(layout));
    expect(undo[2]).toEqual({ type: 'floor', id: 'attic', value: null });
  });
});
