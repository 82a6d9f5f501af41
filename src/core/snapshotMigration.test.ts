import { describe, expect, it } from 'vitest';
import { EMPTY_ALERTS } from './alerts';
import { testDevice, testMetric } from './fixtures/devices';
import { addToRollups, createSeriesRollups, MINUTE_MS, rollupPoints } from './rollup';
import { persistDevice, restoreFleet, seriesKey } from './snapshot';
import {
  migrateDevice,
  migrateSnapshot,
  type SavedDevice,
  type SavedMetric,
  type SavedRollup,
  type SavedSnapshot,
} from './snapshotMigration';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

/** A metric as versions before quantities saved it: value as sent, no quantity, no handle. */
function oldMetric(name: string, unit: string, values: number[]): SavedMetric {
  const value = values.at(-1) ?? 0;
  return {
    name,
    value,
    unit,
    receivedAt: T0,
    sampleAt: T0,
    retained: false,
    times: Float64Array.from(values.map((_, i) => T0 - (values.length - 1 - i) * 1000)),
    values: Float64Array.from(values),
  };
}

/** A device as versions before device keys saved it: `id` is the native id. */
function oldDevice(id: string, metrics: SavedMetric[], convention?: SavedDevice['convention']): SavedDevice {
  return {
    id,
    ...(convention !== undefined ? { convention } : {}),
    metrics: new Map(metrics.map((m) => [m.name, m])),
    availability: true,
    availabilityAt: T0,
    lastSeenAt: T0,
    liveSeen: true,
    invalidCount: 0,
    oversizeCount: 0,
    lastProblem: null,
    status: 'online',
  };
}

/** Rollups as versions before aggregation saved them: no last values, no aggregation. */
function oldRollups(values: Array<[number, number]>): SavedSnapshot['series'][number]['rollups'] {
  const fresh = createSeriesRollups();
  for (const [at, v] of values) addToRollups(fresh, at, v);
  const strip = ({ lasts: _l, aggregation: _a, ...rest }: SavedRollup): SavedRollup => rest;
  return { minute: strip(fresh.minute), tenMinute: strip(fresh.tenMinute) };
}

const snapshotOf = (devices: SavedDevice[], series: SavedSnapshot['series'] = []): SavedSnapshot => ({
  devices,
  series,
  alerts: null,
  outages: [],
  savedAt: T0,
});

describe('migrateDevice', () => {
  it('keys a device saved by its native id alone as a generic device', () => {
    const device = migrateDevice(oldDevice('kitchen', [oldMetric('temperature', '°C', [21.5])]));
    expect(device).toMatchObject({ id: 'generic/kitchen', nativeId: 'kitchen', convention: 'generic' });
  });

  it('keys it by the convention it was saved with', () => {
    const device = migrateDevice(oldDevice('kitchen_plug', [oldMetric('POWER', '', [1])], 'tasmota'));
    expect(device).toMatchObject({
      id: 'tasmota/kitchen_plug',
      nativeId: 'kitchen_plug',
      convention: 'tasmota',
    });
  });

  it("places a convention's metric by its unit only: a Tasmota POWER relay is no power in watts", () => {
    const device = migrateDevice(
      oldDevice(
        'kitchen_plug',
        [oldMetric('POWER', '', [1]), oldMetric('DS18B20.Temperature', '°C', [21])],
        'tasmota',
      ),
    );
    expect([...device.metrics.values()].map((m) => [m.handle, m.quantity])).toEqual([
      ['POWER', null],
      ['temperature', 'temperature'],
    ]);
  });

  it('places each metric in the vocabulary, its value and history in the canonical unit', () => {
    const device = migrateDevice(oldDevice('porch', [oldMetric('temperature', '°F', [68, 71.6])]));
    const metric = device.metrics.get('temperature');
    expect(metric).toMatchObject({
      handle: 'temperature',
      quantity: 'temperature',
      unit: '°C',
      sourceUnit: '°F',
      precision: null,
      decimals: 1,
      diagnostic: false,
    });
    expect(metric?.value).toBeCloseTo(22, 9);
    expect([...(metric?.values ?? [])].map((v) => Number(v.toFixed(9)))).toEqual([20, 22]);
  });

  it('names readings as this version does: brightness keeps its word, a second temperature is _2, unknown keeps its name', () => {
    const device = migrateDevice(
      oldDevice('hall', [
        oldMetric('brightness', 'lx', [40]),
        oldMetric('temp', '°C', [20]),
        oldMetric('temperature', '°C', [21]),
        oldMetric('tank_level', 'cm³', [7]),
        oldMetric('linkquality', '', [90]),
      ]),
    );
    const view = [...device.metrics.values()].map((m) => [m.name, m.handle, m.quantity, m.diagnostic]);
    expect(view).toEqual([
      ['brightness', 'brightness', 'illuminance', false],
      ['temp', 'temperature', 'temperature', false],
      ['temperature', 'temperature_2', 'temperature', false],
      ['tank_level', 'tank_level', null, false],
      ['linkquality', 'link_quality', 'link_quality', true],
    ]);
  });

  it('gives back a device of this version as it is', () => {
    const now = persistDevice(
      testDevice({ id: 'tasmota/kitchen', nativeId: 'kitchen', convention: 'tasmota' }),
      T0,
    );
    expect(migrateDevice(now)).toBe(now);
  });
});

describe('migrateSnapshot', () => {
  it('re-keys series and alerts with their devices, and lists the records it replaced', () => {
    const saved: SavedSnapshot = {
      ...snapshotOf(
        [oldDevice('kitchen', [oldMetric('temperature', '°C', [21])])],
        [{ device: 'kitchen', metric: 'temperature', rollups: oldRollups([[T0, 21]]) }],
      ),
      alerts: {
        ...EMPTY_ALERTS,
        active: [
          { id: 1, device: 'kitchen', kind: 'offline', raisedAt: T0, resolvedAt: null, acknowledged: false },
        ],
        log: [
          { id: 2, device: 'gone', kind: 'stale', raisedAt: T0, resolvedAt: T0 + 1, acknowledged: false },
        ],
      },
    };
    const { snapshot, replaced } = migrateSnapshot(saved);
    expect(snapshot.devices.map((d) => d.id)).toEqual(['generic/kitchen']);
    expect(snapshot.series.map((s) => s.device)).toEqual(['generic/kitchen']);
    expect(snapshot.alerts?.active.map((a) => a.device)).toEqual(['generic/kitchen']);
    expect(snapshot.alerts?.log.map((a) => a.device)).toEqual(['generic/gone']);
    expect(replaced).toEqual({ devices: ['kitchen'], series: [seriesKey('kitchen', 'temperature')] });
  });

  it('gives old rollups a last value per bucket and their quantity aggregation, converted like the metric', () => {
    const saved = snapshotOf(
      [oldDevice('porch', [oldMetric('temperature', '°F', [68]), oldMetric('POWER', '', [1])], 'tasmota')],
      [
        {
          device: 'porch',
          metric: 'temperature',
          rollups: oldRollups([
            [T0, 50],
            [T0 + 1000, 68],
          ]),
        },
        { device: 'porch', metric: 'POWER', rollups: oldRollups([[T0, 1]]) },
      ],
    );
    const [temperature, power] = migrateSnapshot(saved).snapshot.series;
    const points =
      temperature === undefined ? [] : rollupPoints(temperature.rollups.minute, 0, T0 + MINUTE_MS);
    expect(temperature?.rollups.minute.aggregation).toBe('mean');
    expect(points.map((p) => [p.min, p.mean, p.max].map((v) => Number(v.toFixed(6))))).toEqual([
      [10, 15, 20],
    ]);
    // A Tasmota `POWER` with no unit is a relay, not watts: left unknown until the convention says.
    expect(power?.rollups.minute.aggregation).toBe('mean');
    expect(power?.rollups.tenMinute.lasts).toBeInstanceOf(Float64Array);
  });

  it('restores an old snapshot into a fleet keyed by device, with nothing lost', () => {
    const { snapshot } = migrateSnapshot(
      snapshotOf([
        oldDevice('kitchen', [oldMetric('temperature', '°C', [20, 21, 22])]),
        oldDevice('kitchen', [oldMetric('POWER', '', [1])], 'tasmota'),
      ]),
    );
    const fleet = restoreFleet(snapshot.devices, 16);
    expect(fleet.ids).toEqual(['generic/kitchen', 'tasmota/kitchen']);
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')?.history.length).toBe(3);
  });

  it('keeps the device heard from last when an old and a new record meet under one key', () => {
    const current = persistDevice(
      testDevice({
        id: 'generic/kitchen',
        nativeId: 'kitchen',
        lastSeenAt: T0 + 5000,
        metrics: new Map([['temperature', testMetric({ name: 'temperature', value: 23 })]]),
      }),
      T0,
    );
    const { snapshot } = migrateSnapshot(snapshotOf([oldDevice('kitchen', []), current]));
    expect(snapshot.devices).toEqual([current]);
  });

  it('gives back a snapshot of this version as it is, replacing nothing', () => {
    const first = migrateSnapshot(
      snapshotOf(
        [oldDevice('kitchen', [oldMetric('temperature', '°F', [70])])],
        [{ device: 'kitchen', metric: 'temperature', rollups: oldRollups([[T0, 70]]) }],
      ),
    ).snapshot;
    const again = migrateSnapshot(first);
    expect(again.snapshot).toBe(first);
    expect(again.replaced).toEqual({ devices: [], series: [] });
  });
});
