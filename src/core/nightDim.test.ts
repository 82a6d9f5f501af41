import { describe, expect, it } from 'vitest';
import type { Device, Fleet } from './device';
import { testDevice, testMetric } from './fixtures/devices';
import { clockMinutes, illuminanceSensors, isDark, isWithinSpan, sensorLux } from './nightDim';

describe('clockMinutes', () => {
  it('reads HH:MM as minutes since midnight', () => {
    expect(clockMinutes('06:30')).toBe(390);
    expect(clockMinutes('23:59')).toBe(1439);
  });
  it('refuses what is not a clock time', () => {
    expect(clockMinutes('24:00')).toBeNull();
    expect(clockMinutes('7pm')).toBeNull();
  });
});

describe('isWithinSpan', () => {
  it('handles a night that crosses midnight', () => {
    const from = 22 * 60;
    const to = 6 * 60 + 30;
    expect(isWithinSpan(23 * 60, from, to)).toBe(true);
    expect(isWithinSpan(3 * 60, from, to)).toBe(true);
    expect(isWithinSpan(12 * 60, from, to)).toBe(false);
    expect(isWithinSpan(to, from, to)).toBe(false);
  });
  it('handles a span within one day', () => {
    expect(isWithinSpan(13 * 60, 12 * 60, 14 * 60)).toBe(true);
    expect(isWithinSpan(15 * 60, 12 * 60, 14 * 60)).toBe(false);
  });
  it('never dims for an empty span', () => {
    expect(isWithinSpan(600, 600, 600)).toBe(false);
  });
});

describe('isDark', () => {
  it('turns dark below the threshold and light only clearly above it', () => {
    expect(isDark(4, 5, false)).toBe(true);
    expect(isDark(6, 5, true)).toBe(true);
    expect(isDark(9, 5, true)).toBe(false);
    expect(isDark(5, 5, false)).toBe(false);
  });
  it('keeps its state for a reading that is not a number', () => {
    expect(isDark(Number.NaN, 5, true)).toBe(true);
  });
});

describe('the night-dim sensor, by quantity', () => {
  const lux = (name: string, value: number, diagnostic = false) =>
    testMetric({ name, value, quantity: 'illuminance', unit: 'lx', diagnostic });
  const fleetOf = (...devices: Device[]): Fleet => ({
    devices: new Map(devices.map((d) => [d.id, d])),
    ids: devices.map((d) => d.id),
    unmappedCount: 0,
    overLimitCount: 0,
  });
  const device = (id: string, metrics: ReturnType<typeof lux>[]) => {
    const [convention = 'generic', nativeId = id] = id.split('/');
    return testDevice({
      id,
      nativeId,
      convention: convention as Device['convention'],
      metrics: new Map(metrics.map((m) => [m.name, m])),
    });
  };
  const fleet = fleetOf(
    device('generic/hall', [lux('brightness', 40)]),
    device('tasmota/hall', [lux('BH1750.Illuminance', 3)]),
    device('zigbee2mqtt/landing', [lux('illuminance', 900, true), lux('illuminance_lux', 120)]),
    device('generic/kitchen', [testMetric({ name: 'temperature', value: 21 })]),
  );

  it('reads the illuminance of the chosen device, whatever its convention calls it', () => {
    expect(sensorLux(fleet, 'generic/hall')).toBe(40);
    expect(sensorLux(fleet, 'tasmota/hall')).toBe(3);
  });

  it('prefers a reading of the house to a diagnostic one', () => {
    expect(sensorLux(fleet, 'zigbee2mqtt/landing')).toBe(120);
  });

  it('reads a native id saved before device keys as the generic device', () => {
    expect(sensorLux(fleet, 'hall')).toBe(40);
  });

  it('reads a legacy generic key as the one device of that native id', () => {
    expect(sensorLux(fleet, 'generic/landing')).toBe(120);
    expect(sensorLux(fleet, 'landing')).toBe(120);
  });

  it('has nothing to read for a device without illuminance, a missing one, or none chosen', () => {
    expect(sensorLux(fleet, 'generic/kitchen')).toBeNull();
    expect(sensorLux(fleet, 'generic/attic')).toBeNull();
    expect(sensorLux(fleet, '')).toBeNull();
  });

  it('offers every device with an illuminance as a sensor', () => {
    expect(illuminanceSensors(fleet).map((d) => d.id)).toEqual([
      'generic/hall',
      'tasmota/hall',
      'zigbee2mqtt/landing',
    ]);
  });
});
