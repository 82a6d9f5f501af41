import { describe, expect, it } from 'vitest';
import { type Device, EMPTY_FLEET, type Fleet } from './device';
import { DEFAULT_FOLD_LIMITS, foldBatch } from './fold';
import type { ApiDevice, ApiReading } from './historyApi';
import type { InterpretedMessage } from './interpretation';
import { foldServerDevices, type ServerFoldOptions } from './serverFleet';
import { deriveStatus } from './status';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const OPTIONS: ServerFoldOptions = { ...DEFAULT_FOLD_LIMITS, nowMs: T0, staleAfterMs: 60_000 };

const reading = (over: Partial<ApiReading> = {}): ApiReading => ({
  metric: 'temperature',
  handle: 'temperature',
  label: null,
  quantity: 'temperature',
  value: 21.5,
  unit: '°C',
  sourceUnit: '°C',
  precision: null,
  diagnostic: false,
  source: null,
  at: T0 - 60_000,
  receivedAt: T0 - 60_000,
  topic: null,
  ...over,
});

const remembered = (over: Partial<ApiDevice> = {}): ApiDevice => ({
  key: 'generic/kitchen',
  id: 'kitchen',
  convention: 'generic',
  name: null,
  status: 'online',
  availability: null,
  lastSeenAt: T0 - 60_000,
  topics: ['house/kitchen/temperature'],
  readings: [reading()],
  ...over,
});

/** The fleet after live (or retained) messages, as the page folds them. */
function heard(
  messages: Array<{ value: number; at: number; retained?: boolean }>,
  device = 'kitchen',
): Fleet {
  const batch: InterpretedMessage[] = messages.map(({ value, at, retained = false }) => ({
    meaning: {
      kind: 'readings',
      device,
      convention: 'generic',
      readings: [{ metric: 'temperature', value, unit: '°C' }],
      sampleAt: null,
    },
    retained,
    receivedAt: at,
  }));
  return foldBatch(EMPTY_FLEET, batch, { ...OPTIONS, nowMs: T0 }).fleet;
}

describe('foldServerDevices', () => {
  it('shows a device only the server knows at once, with its readings, marked as remembered', () => {
    const result = foldServerDevices(EMPTY_FLEET, [remembered({ name: 'Kitchen' })], OPTIONS);
    const kitchen = result.fleet.devices.get('generic/kitchen');
    expect(result.fleet.ids).toEqual(['generic/kitchen']);
    expect(kitchen).toMatchObject({ nativeId: 'kitchen', convention: 'generic', name: 'Kitchen' });
    expect(kitchen?.metrics.get('temperature')).toMatchObject({
      handle: 'temperature',
      value: 21.5,
      unit: '°C',
      retained: true,
      sampleAt: T0 - 60_000,
    });
    expect(kitchen?.metrics.get('temperature')?.history.length).toBe(1);
    expect(result.statusChanged).toEqual(['generic/kitchen']);
    expect(result.accepted).toMatchObject([{ device: 'generic/kitchen', value: 21.5, retained: true }]);
  });

  it('is never a sign of life: the device stays unheard and unknown, and is not called silent for what it did before the page opened', () => {
    const result = foldServerDevices(EMPTY_FLEET, [remembered({ lastSeenAt: T0 - 1000 })], OPTIONS);
    const kitchen = result.fleet.devices.get('generic/kitchen');
    expect(kitchen).toMatchObject({ lastSeenAt: 0, liveSeen: false, status: 'unknown' });
    if (kitchen === undefined) throw new Error('no kitchen');
    const listening = { spans: [], since: null, listeningSince: T0 };
    expect(kitchen.remembered).toBe(true);
    expect(deriveStatus(kitchen, T0 + 61_000, 60_000, listening)).toBe('unknown');
  });

  it('replaces a value the page holds only with one measured later', () => {
    const fleet = heard([{ value: 20, at: T0 - 30_000 }]);
    const older = foldServerDevices(
      fleet,
      [remembered({ readings: [reading({ value: 19, at: T0 - 60_000 })] })],
      OPTIONS,
    );
    expect(older.fleet).toBe(fleet);
    const newer = foldServerDevices(
      fleet,
      [remembered({ readings: [reading({ value: 23, at: T0 - 1000, receivedAt: T0 - 1000 })] })],
      OPTIONS,
    );
    const metric = newer.fleet.devices.get('generic/kitchen')?.metrics.get('temperature');
    expect(metric).toMatchObject({ value: 23, retained: true, sampleAt: T0 - 1000 });
    // The page's own history goes on: the remembered value joins it.
    expect(metric?.history.length).toBe(2);
  });

  it('leaves the time the device was last heard alone when its value is replaced', () => {
    const fleet = heard([{ value: 20, at: T0 - 30_000 }]);
    const result = foldServerDevices(
      fleet,
      [remembered({ readings: [reading({ value: 23, at: T0 - 1000 })], lastSeenAt: T0 - 1000 })],
      OPTIONS,
    );
    expect(result.fleet.devices.get('generic/kitchen')).toMatchObject({
      lastSeenAt: T0 - 30_000,
      liveSeen: true,
    });
  });

  it('keeps devices nothing changed, and the whole fleet when nothing did', () => {
    const fleet = foldServerDevices(
      EMPTY_FLEET,
      [remembered(), remembered({ key: 'generic/hall', id: 'hall' })],
      OPTIONS,
    ).fleet;
    const again = foldServerDevices(
      fleet,
      [remembered(), remembered({ key: 'generic/hall', id: 'hall' })],
      OPTIONS,
    );
    expect(again.fleet).toBe(fleet);
    const one = foldServerDevices(
      fleet,
      [
        remembered({
          key: 'generic/hall',
          id: 'hall',
          readings: [reading({ at: T0 - 10, receivedAt: T0 - 10 })],
        }),
      ],
      OPTIONS,
    );
    expect(one.fleet.devices.get('generic/kitchen')).toBe(fleet.devices.get('generic/kitchen'));
    expect(one.fleet.devices.get('generic/hall')).not.toBe(fleet.devices.get('generic/hall'));
    expect(one.fleet.ids).toBe(fleet.ids);
  });

  it('shows a device offline when the server last heard it say so, as a retained Last Will would', () => {
    const result = foldServerDevices(
      EMPTY_FLEET,
      [remembered({ availability: false, status: 'offline' })],
      OPTIONS,
    );
    expect(result.fleet.devices.get('generic/kitchen')).toMatchObject({
      availability: false,
      status: 'offline',
    });
  });

  it('keeps an availability the page heard after the server last heard the device', () => {
    const online: InterpretedMessage = {
      meaning: { kind: 'availability', device: 'kitchen', convention: 'generic', online: true },
      retained: false,
      receivedAt: T0 - 1000,
    };
    const fleet = foldBatch(EMPTY_FLEET, [online], OPTIONS).fleet;
    const stale = foldServerDevices(
      fleet,
      [remembered({ availability: false, lastSeenAt: T0 - 5000, readings: [] })],
      OPTIONS,
    );
    expect(stale.fleet.devices.get('generic/kitchen')?.availability).toBe(true);
    const fresh = foldServerDevices(
      fleet,
      [remembered({ availability: false, lastSeenAt: T0 - 500, readings: [] })],
      OPTIONS,
    );
    expect(fresh.fleet.devices.get('generic/kitchen')?.availability).toBe(false);
  });

  it('keeps the name a convention announced, and takes the server’s when there is none', () => {
    const named = foldServerDevices(EMPTY_FLEET, [remembered({ name: 'Kitchen' })], OPTIONS).fleet;
    const renamed = foldServerDevices(named, [remembered({ name: 'Cuisine' })], OPTIONS);
    expect(renamed.fleet.devices.get('generic/kitchen')?.name).toBe('Kitchen');
  });

  it('puts a remembered device in the room the server heard it announce', () => {
    const place = { room: 'Kitchen', floor: 'Ground floor', source: 'announced' as const };
    const folded = foldServerDevices(EMPTY_FLEET, [remembered({ place })], OPTIONS).fleet;
    expect(folded.devices.get('generic/kitchen')?.place).toEqual(place);
  });

  it("takes the server's place over a topic's suggestion, never over a place the page heard announced", () => {
    const withPlace = (place: Device['place']): Fleet => {
      const fleet = heard([{ value: 21, at: T0 - 1000 }]);
      const device = fleet.devices.get('generic/kitchen') as Device;
      return { ...fleet, devices: new Map([[device.id, { ...device, place }]]) };
    };
    const server = remembered({ place: { room: 'Kitchen', source: 'announced' } });
    const suggested = withPlace({ room: 'Cuisine', source: 'topic' });
    expect(
      foldServerDevices(suggested, [server], OPTIONS).fleet.devices.get('generic/kitchen')?.place,
    ).toEqual({
      room: 'Kitchen',
      source: 'announced',
    });
    const announced = withPlace({ room: 'Study', source: 'announced' });
    const kept = foldServerDevices(announced, [server], OPTIONS);
    expect(kept.fleet.devices.get('generic/kitchen')?.place).toEqual({ room: 'Study', source: 'announced' });
  });

  it('leaves out a reading in another unit than the one shown, so the history stays in one unit', () => {
    const fleet = heard([{ value: 20, at: T0 - 30_000 }]);
    const result = foldServerDevices(
      fleet,
      [remembered({ readings: [reading({ unit: 'K', value: 300, at: T0 - 10 })] })],
      OPTIONS,
    );
    expect(result.fleet).toBe(fleet);
  });

  it('does not let a server clock ahead of the page freeze a metric in the future', () => {
    const result = foldServerDevices(
      EMPTY_FLEET,
      [remembered({ readings: [reading({ at: T0 + 3_600_000, receivedAt: T0 + 3_600_000 })] })],
      OPTIONS,
    );
    expect(result.fleet.devices.get('generic/kitchen')?.metrics.get('temperature')).toMatchObject({
      sampleAt: T0,
      receivedAt: T0,
    });
  });

  it('gives a new reading another handle when the device already uses the server’s for another reading', () => {
    const fleet = heard([{ value: 20, at: T0 - 30_000 }]);
    const result = foldServerDevices(
      fleet,
      [
        remembered({
          readings: [reading({ metric: 'DS18B20.Temperature', handle: 'temperature', at: T0 - 10 })],
        }),
      ],
      OPTIONS,
    );
    const metrics = result.fleet.devices.get('generic/kitchen')?.metrics;
    expect([...(metrics?.values() ?? [])].map((m) => m.handle)).toEqual(['temperature', 'temperature_2']);
  });

  it('respects the device and metric limits', () => {
    const limited = { ...OPTIONS, maxDevices: 1, maxMetricsPerDevice: 1 };
    const result = foldServerDevices(
      EMPTY_FLEET,
      [
        remembered({ readings: [reading(), reading({ metric: 'humidity', handle: 'humidity', unit: '%' })] }),
        remembered({ key: 'generic/hall', id: 'hall' }),
      ],
      limited,
    );
    expect(result.fleet.ids).toEqual(['generic/kitchen']);
    expect(result.fleet.devices.get('generic/kitchen')?.metrics.size).toBe(1);
  });

  it('lets a live value take over from a remembered one, even at the same time', () => {
    const fleet = foldServerDevices(EMPTY_FLEET, [remembered()], OPTIONS).fleet;
    const live: InterpretedMessage = {
      meaning: {
        kind: 'readings',
        device: 'kitchen',
        convention: 'generic',
        readings: [{ metric: 'temperature', value: 22, unit: '°C' }],
        sampleAt: null,
      },
      retained: false,
      receivedAt: T0,
    };
    const after = foldBatch(fleet, [live], OPTIONS).fleet.devices.get('generic/kitchen');
    expect(after?.metrics.get('temperature')).toMatchObject({ value: 22, retained: false });
    expect(after?.liveSeen).toBe(true);
  });
});
