import { describe, expect, it } from 'vitest';
import type { Device, Fleet } from './device';
import { testDevice, testMetric } from './fixtures/devices';
import { readingChoices, ruleUnit, watchesDevice } from './ruleChoices';

const fleetOf = (...devices: Device[]): Fleet => ({
  devices: new Map(devices.map((d) => [d.id, d])),
  ids: devices.map((d) => d.id),
  unmappedCount: 0,
  overLimitCount: 0,
});

const boiler = testDevice({
  id: 'tasmota/boiler',
  nativeId: 'boiler',
  convention: 'tasmota',
  metrics: new Map([
    ['DS18B20-1.Temperature', testMetric({ name: 'DS18B20-1.Temperature', value: 50 })],
    ['POWER', testMetric({ name: 'POWER', value: 1, quantity: 'switch', unit: '' })],
  ]),
});
const cellar = testDevice({
  id: 'generic/cellar',
  nativeId: 'cellar',
  metrics: new Map([
    ['tank_level', testMetric({ name: 'tank_level', value: 80, quantity: null, unit: 'cm³' })],
    ['humidity', testMetric({ name: 'humidity', value: 70, quantity: 'humidity', unit: '%' })],
  ]),
});

describe('readingChoices', () => {
  it('offers the quantities present, in the vocabulary order, and the names of unknown readings', () => {
    expect(readingChoices(fleetOf(boiler, cellar))).toEqual({
      quantities: ['temperature', 'humidity', 'switch'],
      names: [{ name: 'tank_level', unit: 'cm³' }],
    });
  });
});

describe('ruleUnit', () => {
  it('is the displayed unit of the quantity', () => {
    expect(ruleUnit('temperature', { system: 'imperial', perQuantity: {} })).toBe('°F');
    expect(ruleUnit('pressure', { system: 'metric', perQuantity: { pressure: 'mmHg' } })).toBe('mmHg');
    expect(ruleUnit('switch', { system: 'metric', perQuantity: {} })).toBe('');
  });
});

describe('watchesDevice', () => {
  it('tells the devices that have a rule reading, by quantity or by name', () => {
    expect(watchesDevice({ quantity: 'temperature', metric: '' }, boiler)).toBe(true);
    expect(watchesDevice({ quantity: 'temperature', metric: '' }, cellar)).toBe(false);
    expect(watchesDevice({ quantity: null, metric: 'tank_level' }, cellar)).toBe(true);
    expect(watchesDevice({ quantity: null, metric: 'POWER' }, boiler)).toBe(false);
  });
});
