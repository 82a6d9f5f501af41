import { describe, expect, it } from 'vitest';
import { filterDeviceIds } from './chartSeries';
import { filterDeviceIdsWithLayout } from './deviceNames';
import { testDevice } from './fixtures/devices';
import { EMPTY_LAYOUT, type HouseLayout } from './layout';
import { deviceDisplayName, matchesDeviceQuery, readingDisplayName } from './roomSections';

const sensor = testDevice({
  id: 'zigbee2mqtt/0x00158d0001a2b3c4',
  nativeId: '0x00158d0001a2b3c4',
  convention: 'zigbee2mqtt',
});
const plug = testDevice({
  id: 'homeassistant/plug_7',
  nativeId: 'plug_7',
  convention: 'homeassistant',
  name: 'Dishwasher plug',
  place: { room: 'Kitchen', source: 'announced' },
});

const layout: HouseLayout = {
  ...EMPTY_LAYOUT,
  rooms: { landing: { name: 'Landing', floorId: null, position: 0, rev: 1 } },
  devices: {
    [sensor.id]: {
      alias: 'Landing temperature',
      room: 'landing',
      readings: { linkquality: { alias: ' Signal ' }, voltage: { alias: '  ' } },
      rev: 1,
    },
    [plug.id]: { alias: '   ', rev: 1 },
  },
};

describe('deviceDisplayName', () => {
  it('shows the alias the user gave', () => {
    expect(deviceDisplayName(layout, sensor)).toBe('Landing temperature');
  });

  it('shows the announced name, else the native id, when there is no alias (a blank one is none)', () => {
    expect(deviceDisplayName(layout, plug)).toBe('Dishwasher plug');
    expect(deviceDisplayName(EMPTY_LAYOUT, sensor)).toBe('0x00158d0001a2b3c4');
  });
});

describe('readingDisplayName', () => {
  it('gives a reading alias, trimmed, or null to keep its own name', () => {
    expect(readingDisplayName(layout, sensor.id, 'linkquality')).toBe('Signal');
    expect(readingDisplayName(layout, sensor.id, 'voltage')).toBeNull();
    expect(readingDisplayName(layout, sensor.id, 'temperature')).toBeNull();
    expect(readingDisplayName(layout, plug.id, 'toString')).toBeNull();
  });
});

describe('matchesDeviceQuery', () => {
  it('finds a device by its alias or its native id, without case', () => {
    expect(matchesDeviceQuery(layout, sensor, 'landing TEMP')).toBe(true);
    expect(matchesDeviceQuery(layout, sensor, '0x00158d')).toBe(true);
  });

  it('finds a device by its announced name, its convention and its room', () => {
    expect(matchesDeviceQuery(layout, plug, 'dishwasher')).toBe(true);
    expect(matchesDeviceQuery(layout, plug, 'homeassistant kitchen')).toBe(true);
    expect(matchesDeviceQuery(layout, sensor, 'zigbee landing')).toBe(true);
  });

  it('needs every word to match, and never across two names', () => {
    expect(matchesDeviceQuery(layout, plug, 'kitchen lamp')).toBe(false);
    expect(matchesDeviceQuery(layout, plug, 'plug kitchen')).toBe(true);
    expect(matchesDeviceQuery(layout, plug, 'plugkitchen')).toBe(false);
  });

  it('matches everything for a blank search', () => {
    expect(matchesDeviceQuery(layout, sensor, '   ')).toBe(true);
  });
});

describe('filterDeviceIdsWithLayout', () => {
  const devices = new Map([sensor, plug].map((device) => [device.id, device]));
  const ids = [sensor.id, plug.id, 'generic/remembered_only'];

  it('keeps the order and the list itself for a blank search', () => {
    expect(filterDeviceIdsWithLayout(layout, devices, ids, ' ')).toBe(ids);
  });

  it('finds by alias what the key search could not', () => {
    expect(filterDeviceIds(ids, 'landing')).toEqual([]);
    expect(filterDeviceIdsWithLayout(layout, devices, ids, 'landing')).toEqual([sensor.id]);
  });

  it('still finds by key text, for a key with no device too', () => {
    expect(filterDeviceIdsWithLayout(layout, devices, ids, 'generic/rem')).toEqual([
      'generic/remembered_only',
    ]);
    expect(filterDeviceIdsWithLayout(layout, devices, ids, 'homeassistant/plug')).toEqual([plug.id]);
  });
});
