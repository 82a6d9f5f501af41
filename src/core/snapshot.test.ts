import { describe, expect, it } from 'vitest';
import { type Device, savedDeviceKey } from './device';
import { METRIC_DEFAULTS } from './fixtures/devices';
import { createRing, pushSample, timeAt } from './ringBuffer';
import {
  addOutage,
  PERSISTED_RAW_MS,
  persistDevice,
  restoreFleet,
  seriesDevice,
  seriesKey,
  thinRing,
} from './snapshot';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

function deviceWith(samples: Array<[number, number]>): Device {
  const history = createRing(4096);
  for (const [t, v] of samples) pushSample(history, t, v);
  const last = samples[samples.length - 1] ?? [NOW, 0];
  return {
    id: 'kitchen',
    nativeId: 'kitchen',
    convention: 'generic',
    metrics: new Map([
      [
        'temperature',
        {
          ...METRIC_DEFAULTS,
          handle: 'temperature',
          name: 'temperature',
          value: last[1],
          unit: '°C',
          receivedAt: last[0],
          sampleAt: last[0],
          retained: false,
          history,
        },
      ],
    ]),
    availability: true,
    availabilityAt: NOW - 5000,
    lastSeenAt: last[0],
    liveSeen: true,
    invalidCount: 2,
    oversizeCount: 0,
    lastProblem: 'malformed JSON',
    status: 'online',
  };
}

describe('thinRing', () => {
  it('keeps only the last hour', () => {
    const ring = createRing(100);
    pushSample(ring, NOW - PERSISTED_RAW_MS - 1000, 1);
    pushSample(ring, NOW - 1000, 2);
    expect([...thinRing(ring, NOW).values]).toEqual([2]);
  });

  it('thins a dense hour to the cap and always keeps the newest sample', () => {
    const ring = createRing(4096);
    for (let i = 0; i < 3000; i++) pushSample(ring, NOW - 3000 + i, i);
    const { times, values } = thinRing(ring, NOW, 100);
    expect(times.length).toBeLessThanOrEqual(100);
    expect(values[values.length - 1]).toBe(2999);
    expect([...times]).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('persistDevice and restoreFleet', () => {
  it('bring back values, units, counters and raw history', () => {
    const device = deviceWith([
      [NOW - 4000, 20.5],
      [NOW - 2000, 21],
    ]);
    const fleet = restoreFleet([persistDevice(device, NOW)], 4096);
    const restored = fleet.devices.get('kitchen');
    expect(fleet.ids).toEqual(['kitchen']);
    expect(restored?.invalidCount).toBe(2);
    const metric = restored?.metrics.get('temperature');
    expect(metric?.value).toBe(21);
    expect(metric?.unit).toBe('°C');
    expect(metric?.history.length).toBe(2);
    expect(metric === undefined ? 0 : timeAt(metric.history, 0)).toBe(NOW - 4000);
  });
});

describe('addOutage', () => {
  it('merges outages that touch and drops empty ones', () => {
    let outages = addOutage([], { from: 10, to: 20 });
    outages = addOutage(outages, { from: 15, to: 30 });
    outages = addOutage(outages, { from: 40, to: 40 });
    expect(outages).toEqual([{ from: 10, to: 30 }]);
  });

  it('keeps the newest when over the cap', () => {
    let outages: Array<{ from: number; to: number }> = [];
    for (let i = 0; i < 5; i++) outages = addOutage(outages, { from: i * 10, to: i * 10 + 1 }, 3);
    expect(outages.map((o) => o.from)).toEqual([20, 30, 40]);
  });
});

describe('keys as saved', () => {
  it('keeps a device key, and reads a native id saved before keys as a generic device', () => {
    expect(savedDeviceKey('tasmota/kitchen')).toBe('tasmota/kitchen');
    expect(savedDeviceKey('zigbee2mqtt/Kitchen/ceiling')).toBe('zigbee2mqtt/Kitchen/ceiling');
    expect(savedDeviceKey('kitchen')).toBe('generic/kitchen');
    expect(savedDeviceKey('attic/fan')).toBe('generic/attic/fan');
  });

  it('finds the device key of a series again', () => {
    expect(seriesDevice(seriesKey('homie/thermostat-1', 'sensor/temperature'))).toBe('homie/thermostat-1');
  });
});
