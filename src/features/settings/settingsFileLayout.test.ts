import { describe, expect, it } from 'vitest';
import { EMPTY_LAYOUT, type LayoutItem } from '../../core/layout';
import { applyLayoutChange } from '../../core/layoutApply';
import { layoutOfSettingsFile, withLayout } from './settingsFileLayout';

const kitchen: LayoutItem = {
  type: 'room',
  id: 'kitchen',
  value: { name: 'Kitchen', floorId: null, position: 0 },
};
const alias: LayoutItem = {
  type: 'device',
  id: 'zigbee2mqtt/0x00158d0001a2b3c4',
  value: { alias: 'Fridge' },
};

describe('the layout in a settings file', () => {
  it('exports every item of the layout beside the settings, and reads them back', () => {
    const layout = applyLayoutChange(EMPTY_LAYOUT, { baseVersion: 0, items: [kitchen, alias] }).layout;
    const text = withLayout('{"topics":["house/#"]}', layout);
    expect(JSON.parse(text)).toMatchObject({ topics: ['house/#'] });
    const read = layoutOfSettingsFile(text);
    expect(read.ok && read.items).toEqual(expect.arrayContaining([kitchen, alias]));
  });

  it('leaves the layout alone for a file without one', () => {
    expect(layoutOfSettingsFile('{"topics":["house/#"]}')).toEqual({ ok: true, items: null });
  });

  it('refuses a layout that is not one, naming what is wrong', () => {
    const read = layoutOfSettingsFile(
      '{"layout":[{"type":"room","id":"kitchen","value":{"name":"","floorId":null,"position":0}}]}',
    );
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(/^its rooms, names and views are not readable: /);
  });
});
