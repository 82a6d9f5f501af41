import { describe, expect, it } from 'vitest';
import { defaultUnit, deviceLabel, EMPTY_FLEET } from './device';

describe('defaultUnit', () => {
  it('gives °C for temperature', () => {
    expect(defaultUnit('temperature')).toBe('°C');
  });

  it('gives lx for brightness', () => {
    expect(defaultUnit('brightness')).toBe('lx');
  });

  it('ignores the case of the metric name', () => {
    expect(defaultUnit('Temperature')).toBe('°C');
    expect(defaultUnit('BRIGHTNESS')).toBe('lx');
  });

  it.each([
    ['humidity', '%'],
    ['power', 'W'],
    ['energy', 'kWh'],
    ['voltage', 'V'],
    ['co2', 'ppm'],
  ])('gives a generic unit for %s', (metric, unit) => {
    expect(defaultUnit(metric)).toBe(unit);
  });

  it('gives no unit for a metric it does not know', () => {
    expect(defaultUnit('fan_speed')).toBe('');
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'gives no unit for the name %s rather than a prototype member',
    (metric) => {
      expect(defaultUnit(metric)).toBe('');
    },
  );
});

describe('EMPTY_FLEET', () => {
  it('starts with no devices and no counts', () => {
    expect(EMPTY_FLEET.devices.size).toBe(0);
    expect(EMPTY_FLEET.ids).toEqual([]);
    expect(EMPTY_FLEET.unmappedCount).toBe(0);
    expect(EMPTY_FLEET.overLimitCount).toBe(0);
  });
});

describe('deviceLabel', () => {
  it('shows the name its convention announced', () => {
    expect(deviceLabel({ id: 'thermostat-1', name: 'Living room thermostat' })).toBe(
      'Living room thermostat',
    );
  });

  it('shows the native id when there is no name', () => {
    expect(deviceLabel({ id: 'Kitchen/ceiling' })).toBe('Kitchen/ceiling');
  });

  it('shows a generic device by its id', () => {
    expect(deviceLabel({ id: 'kitchen' })).toBe('kitchen');
    expect(deviceLabel({ id: 'x', name: '' })).toBe('x');
  });
});
