import { describe, expect, it } from 'vitest';
import { chartGroups } from './chartGroups';
import { interpretInbound } from './conventions/interpret';
import { createConventionMemory } from './conventions/memory';
import { EMPTY_FLEET } from './device';
import { chartDevice, fleetOf } from './fixtures/chartFleet';
import { DEFAULT_FOLD_LIMITS, foldBatch } from './fold';

/** Each convention's temperature as the fold holds it: named its own way, one quantity. */
const HOUSE = fleetOf([
  chartDevice('homeassistant', 'living_room', [{ name: 'sensor.living_room_temperature' }], 'Living room'),
  chartDevice('zigbee2mqtt', 'bedroom', [
    { name: 'temperature' },
    { name: 'humidity', quantity: 'humidity', unit: '%' },
    { name: 'linkquality', quantity: 'link_quality', unit: 'lqi', diagnostic: true },
  ]),
  chartDevice('tasmota', 'kitchen', [
    { name: 'DS18B20.Temperature', source: 'DS18B20' },
    { name: 'POWER', quantity: 'switch', unit: '' },
  ]),
  chartDevice('homie', 'study', [{ name: 'sensor/temperature' }]),
  chartDevice('shelly', 'shellyht-hall', [{ name: 'temperature:0' }]),
  chartDevice('homeseer', 'garage', [{ name: 'Temperature' }]),
  chartDevice('generic', 'attic', [
    { name: 'temperature' },
    { name: 'brightness', handle: 'brightness', quantity: 'illuminance', unit: 'lx' },
  ]),
]);

function group(groups: ReturnType<typeof chartGroups>, key: string) {
  return groups.find((g) => g.key === key);
}

describe('chartGroups', () => {
  it('gathers every convention’s temperature in one chart, named by device', () => {
    const temperature = group(chartGroups(HOUSE, HOUSE.ids), 'temperature');
    expect(temperature).toMatchObject({ title: 'Temperature', quantity: 'temperature', unit: '°C' });
    expect(temperature?.picks.map((p) => p.label)).toEqual([
      'Living room',
      'bedroom',
      'kitchen',
      'study',
      'shellyht-hall',
      'garage',
      'attic',
    ]);
    expect(temperature?.picks[2]).toEqual({
      device: 'tasmota/kitchen',
      metric: 'DS18B20.Temperature',
      label: 'kitchen',
    });
  });

  it('orders charts by the trend order, then states, whatever order devices came in', () => {
    const keys = chartGroups(HOUSE, [...HOUSE.ids].reverse()).map((g) => g.key);
    expect(keys).toEqual(['temperature', 'humidity', 'illuminance', 'link_quality', 'switch']);
  });

  it('charts the generic brightness as illuminance', () => {
    expect(group(chartGroups(HOUSE, HOUSE.ids), 'illuminance')?.picks).toEqual([
      { device: 'generic/attic', metric: 'brightness', label: 'attic' },
    ]);
  });

  it('marks a chart of diagnostics only as diagnostic', () => {
    const groups = chartGroups(HOUSE, HOUSE.ids);
    expect(group(groups, 'link_quality')?.diagnostic).toBe(true);
    expect(group(groups, 'temperature')?.diagnostic).toBe(false);
  });

  it('draws both probes of a device, each named by device and source', () => {
    const fleet = fleetOf([
      chartDevice('tasmota', 'boiler', [
        { name: 'DS18B20-1.Temperature', source: 'DS18B20-1' },
        { name: 'DS18B20-2.Temperature', handle: 'temperature_2', source: 'DS18B20-2' },
      ]),
    ]);
    expect(group(chartGroups(fleet, fleet.ids), 'temperature')?.picks.map((p) => p.label)).toEqual([
      'boiler · DS18B20-1',
      'boiler · DS18B20-2',
    ]);
  });

  it('tells two devices of one name apart by their conventions', () => {
    const fleet = fleetOf([
      chartDevice('generic', 'kitchen', [{ name: 'temperature' }]),
      chartDevice('tasmota', 'kitchen', [{ name: 'SI7021.Temperature' }]),
    ]);
    expect(group(chartGroups(fleet, fleet.ids), 'temperature')?.picks.map((p) => p.label)).toEqual([
      'kitchen (generic)',
      'kitchen (tasmota)',
    ]);
  });

  it('charts readings of no known quantity by their native name and unit', () => {
    const fleet = fleetOf([
      chartDevice('generic', 'pump', [{ name: 'flow', quantity: null, unit: 'L/min' }]),
      chartDevice('generic', 'well', [{ name: 'flow', quantity: null, unit: 'L/min' }]),
      chartDevice('generic', 'tank', [{ name: 'level', quantity: null, unit: '' }]),
    ]);
    const groups = chartGroups(fleet, fleet.ids);
    expect(groups.map((g) => [g.key, g.title, g.unit, g.picks.length])).toEqual([
      ['flow', 'flow', 'L/min', 2],
      ['level', 'level', '', 1],
    ]);
  });

  it('adds the unit to an unknown name that two units share, or that a quantity already names', () => {
    const fleet = fleetOf([
      chartDevice('generic', 'pump', [{ name: 'flow', quantity: null, unit: 'L/min' }]),
      chartDevice('generic', 'well', [{ name: 'flow', quantity: null, unit: 'gal/h' }]),
      chartDevice('generic', 'odd', [{ name: 'temperature', quantity: null, unit: 'bananas' }]),
    ]);
    expect(chartGroups(fleet, fleet.ids).map((g) => g.key)).toEqual([
      'flow (L/min)',
      'flow (gal/h)',
      'temperature (bananas)',
    ]);
  });

  it('keeps a battery’s voltage apart from mains voltage, in a diagnostic chart', () => {
    const fleet = fleetOf([
      chartDevice('zigbee2mqtt', 'plug', [{ name: 'voltage', quantity: 'voltage', unit: 'V' }]),
      chartDevice('zigbee2mqtt', 'door', [
        { name: 'voltage', quantity: 'voltage', unit: 'V', diagnostic: true },
      ]),
    ]);
    const groups = chartGroups(fleet, fleet.ids);
    expect(groups.map((g) => [g.key, g.title, g.diagnostic, g.picks.map((p) => p.label)])).toEqual([
      ['voltage', 'Voltage', false, ['plug']],
      ['voltage_diagnostic', 'Device voltage', true, ['door']],
    ]);
  });

  it('puts devices heard live before those known only from retained messages', () => {
    const retained = { ...chartDevice('generic', 'old', [{ name: 'temperature' }]), liveSeen: false };
    const fleet = fleetOf([retained, chartDevice('generic', 'talking', [{ name: 'temperature' }])]);
    expect(group(chartGroups(fleet, fleet.ids), 'temperature')?.picks.map((p) => p.device)).toEqual([
      'generic/talking',
      'generic/old',
    ]);
  });

  it('names each line by the name the house gave its device', () => {
    const temperature = group(
      chartGroups(HOUSE, HOUSE.ids, {
        nameOf: (d) => (d.nativeId === 'bedroom' ? 'Guest room' : d.nativeId),
      }),
      'temperature',
    );
    expect(temperature?.picks.map((p) => p.label)).toContain('Guest room');
    expect(temperature?.picks.map((p) => p.label)).not.toContain('bedroom');
  });

  it('leaves out the readings the house hid', () => {
    const groups = chartGroups(HOUSE, HOUSE.ids, {
      readingShown: (id, metric) => !(id.endsWith('/bedroom') && metric === 'humidity'),
    });
    expect(group(groups, 'humidity')).toBeUndefined();
    expect(group(groups, 'temperature')?.picks.some((p) => p.device.endsWith('/bedroom'))).toBe(true);
  });

  it('draws only the devices asked for, in the order asked', () => {
    const groups = chartGroups(HOUSE, ['generic/attic', 'homie/study', 'generic/nowhere']);
    expect(group(groups, 'temperature')?.picks.map((p) => p.device)).toEqual([
      'generic/attic',
      'homie/study',
    ]);
  });

  it('charts what the generic rules fold from real topics', () => {
    const memory = createConventionMemory();
    const encoder = new TextEncoder();
    const messages = [
      ['house/den/temp', '21.5'],
      ['house/den/brightness', '40'],
      ['house/den/hum', '48'],
    ].map(([topic, payload]) =>
      interpretInbound(memory, {
        topic: topic as string,
        payload: encoder.encode(payload),
        retained: false,
        receivedAt: 1_700_000_000_000,
      }),
    );
    const { fleet } = foldBatch(EMPTY_FLEET, messages, {
      ...DEFAULT_FOLD_LIMITS,
      nowMs: 1_700_000_000_000,
      staleAfterMs: 60_000,
    });
    expect(chartGroups(fleet, fleet.ids).map((g) => g.key)).toEqual([
      'temperature',
      'humidity',
      'illuminance',
    ]);
  });
});
