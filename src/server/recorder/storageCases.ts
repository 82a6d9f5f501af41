import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ApiDevice } from '../../core/historyApi.ts';
import {
  type EventRow,
  FIVE_MINUTES_MS,
  HOUR_MS,
  type Retention,
  type SeriesInfo,
  type Storage,
} from './storage.ts';

/**
 * The behaviour every storage must have, registered once per backend (`storage.test.ts`): the
 * same cases, the same expected numbers, so SQLite and PostgreSQL answer alike.
 */

/** A fresh, empty storage per test, and how to dispose of it. */
export type StorageFactory = () => Promise<Storage>;

/** 2026-01-01T00:00Z: on an hour boundary, so buckets are easy to read. */
export const T0 = Date.UTC(2026, 0, 1);
const MINUTE_MS = 60_000;
const DAY_MS = 24 * HOUR_MS;

export const kitchenTemperature: SeriesInfo = {
  device: 'generic/kitchen',
  metric: 'temperature',
  handle: 'temperature',
  quantity: 'temperature',
  unit: '°C',
};

export function event(
  at: number,
  kind: EventRow['kind'],
  device: string | null,
  text = `${kind} at ${at}`,
): EventRow {
  return { at, kind, device, name: device, metric: null, value: null, text, until: null };
}

export function device(key: string, name: string): ApiDevice {
  return {
    key,
    id: key.split('/')[1] ?? key,
    convention: 'generic',
    name,
    status: 'online',
    availability: true,
    lastSeenAt: T0,
    topics: ['house/kitchen/temperature'],
    readings: [
      {
        metric: 'temperature',
        handle: 'temperature',
        label: null,
        quantity: 'temperature',
        value: 21.5,
        unit: '°C',
        sourceUnit: null,
        precision: 1,
        diagnostic: false,
        source: null,
        at: T0,
        receivedAt: T0,
        topic: 'house/kitchen/temperature',
      },
    ],
  };
}

export function registerStorageCases(open: StorageFactory): void {
  let storage: Storage;
  beforeEach(async () => {
    storage = await open();
  });
  afterEach(async () => {
    await storage.close();
  });

  it('starts with the current schema version and no series', async () => {
    expect(await storage.getMeta('schema_version')).toBe('1');
    expect(await storage.loadSeries()).toEqual([]);
  });

  it('numbers a series once per device and metric, and updates its announcement', async () => {
    const id = await storage.addSeries(kitchenTemperature);
    expect(await storage.addSeries(kitchenTemperature)).toBe(id);
    const other = await storage.addSeries({
      ...kitchenTemperature,
      metric: 'humidity',
      handle: 'humidity',
      quantity: 'humidity',
      unit: '%',
    });
    expect(other).not.toBe(id);
    await storage.updateSeries({
      ...kitchenTemperature,
      id,
      unit: 'K',
      handle: 'temperature_2',
      quantity: null,
    });
    expect(await storage.loadSeries()).toEqual([
      { ...kitchenTemperature, id, unit: 'K', handle: 'temperature_2', quantity: null },
      {
        ...kitchenTemperature,
        id: other,
        metric: 'humidity',
        handle: 'humidity',
        quantity: 'humidity',
        unit: '%',
      },
    ]);
  });

  it('replaces a reading written again at the same time, also within one write', async () => {
    const series = await storage.addSeries(kitchenTemperature);
    await storage.write([{ series, at: T0, value: 20 }], []);
    await storage.write(
      [
        { series, at: T0, value: 21 },
        { series, at: T0 + 1000, value: 22 },
        { series, at: T0 + 1000, value: 23 },
      ],
      [],
    );
    expect(await storage.raw(series, T0, T0 + 1000, 10)).toEqual([
      [T0, 21],
      [T0 + 1000, 23],
    ]);
  });

  it('stores a write larger than a chunk whole, with its events', async () => {
    const series = await storage.addSeries(kitchenTemperature);
    const readings = Array.from({ length: 4500 }, (_, i) => ({ series, at: T0 + i * 1000, value: i / 10 }));
    await storage.write(readings, [event(T0, 'online', 'generic/kitchen')]);
    expect(await storage.countRaw(series, T0, T0 + DAY_MS, 1_000_000)).toBe(4500);
    expect(await storage.raw(series, T0 + 4499_000, T0 + DAY_MS, 10)).toEqual([[T0 + 4499_000, 449.9]]);
    expect(await storage.events(T0, T0, 10)).toHaveLength(1);
  });

  it('answers raw readings in [from, to] in time order, at most limit', async () => {
    const series = await storage.addSeries(kitchenTemperature);
    const other = await storage.addSeries({ ...kitchenTemperature, device: 'generic/hall' });
    await storage.write(
      [
        ...[5, 1, 3, 2, 4].map((minute) => ({ series, at: T0 + minute * MINUTE_MS, value: minute })),
        { series: other, at: T0 + 2 * MINUTE_MS, value: 99 },
      ],
      [],
    );
    expect(await storage.raw(series, T0 + 2 * MINUTE_MS, T0 + 4 * MINUTE_MS, 100)).toEqual([
      [T0 + 2 * MINUTE_MS, 2],
      [T0 + 3 * MINUTE_MS, 3],
      [T0 + 4 * MINUTE_MS, 4],
    ]);
    expect(await storage.raw(series, T0, T0 + DAY_MS, 2)).toEqual([
      [T0 + MINUTE_MS, 1],
      [T0 + 2 * MINUTE_MS, 2],
    ]);
    expect(await storage.countRaw(series, T0, T0 + DAY_MS, 100)).toBe(5);
    expect(await storage.countRaw(series, T0, T0 + DAY_MS, 3)).toBe(3);
    expect(await storage.countRaw(series, T0 + 10 * MINUTE_MS, T0 + DAY_MS, 3)).toBe(0);
  });

  it('answers events newest first, for one device when asked, and ends open outages', async () => {
    await storage.write(
      [],
      [
        event(T0 + 1000, 'offline', 'generic/kitchen'),
        event(T0 + 3000, 'online', 'generic/kitchen'),
        event(T0 + 2000, 'offline', 'generic/hall'),
        { ...event(T0 + 500, 'recorder-outage', null), until: null },
        { ...event(T0 - 9000, 'recorder-outage', null), until: T0 - 8000 },
      ],
    );
    expect((await storage.events(T0, T0 + 5000, 10)).map((e) => e.at)).toEqual([
      T0 + 3000,
      T0 + 2000,
      T0 + 1000,
      T0 + 500,
    ]);
    expect((await storage.events(T0, T0 + 5000, 2)).map((e) => e.at)).toEqual([T0 + 3000, T0 + 2000]);
    expect((await storage.events(T0, T0 + 5000, 10, 'generic/kitchen')).map((e) => e.kind)).toEqual([
      'online',
      'offline',
    ]);
    await storage.closeOutages(T0 + 4000);
    const outages = (await storage.events(T0 - DAY_MS, T0 + DAY_MS, 10)).filter(
      (e) => e.kind === 'recorder-outage',
    );
    expect(outages.map((e) => e.until)).toEqual([T0 + 4000, T0 - 8000]);
    expect(outages[0]).toEqual({ ...event(T0 + 500, 'recorder-outage', null), until: T0 + 4000 });
  });

  it('rolls raw readings up into 5-minute and hourly buckets', async () => {
    const series = await storage.addSeries(kitchenTemperature);
    // 00:00-00:05: 1, 2, 3 (three readings); 00:05-00:10: 10 (one reading).
    await storage.write(
      [
        { series, at: T0, value: 1 },
        { series, at: T0 + MINUTE_MS, value: 2 },
        { series, at: T0 + 4 * MINUTE_MS, value: 3 },
        { series, at: T0 + 7 * MINUTE_MS, value: 10 },
      ],
      [],
    );
    await storage.rollUp(T0, T0 + HOUR_MS);
    expect(await storage.buckets('5m', series, T0, T0 + HOUR_MS, 100)).toEqual([
      [T0, 2, 1, 3, 3],
      [T0 + FIVE_MINUTES_MS, 10, 10, 10, 1],
    ]);
    // Count-weighted: (2 * 3 + 10 * 1) / 4 = 4, not the mean of means (6).
    expect(await storage.buckets('1h', series, T0, T0 + HOUR_MS, 100)).toEqual([[T0, 4, 1, 10, 4]]);
  });

  it('corrects a bucket when a late reading is rolled up again', async () => {
    const series = await storage.addSeries(kitchenTemperature);
    await storage.write([{ series, at: T0 + MINUTE_MS, value: 4 }], []);
    await storage.rollUp(T0, T0 + FIVE_MINUTES_MS);
    await storage.write([{ series, at: T0 + 2 * MINUTE_MS, value: 8 }], []);
    await storage.rollUp(T0 + 2 * MINUTE_MS, T0 + 2 * MINUTE_MS + 1);
    expect(await storage.buckets('5m', series, T0, T0, 10)).toEqual([[T0, 6, 4, 8, 2]]);
    expect(await storage.buckets('1h', series, T0, T0, 10)).toEqual([[T0, 6, 4, 8, 2]]);
  });

  it('answers buckets overlapping [from, to] in time order, at most limit', async () => {
    const series = await storage.addSeries(kitchenTemperature);
    await storage.write(
      Array.from({ length: 36 }, (_, i) => ({ series, at: T0 + i * FIVE_MINUTES_MS, value: i })),
      [],
    );
    await storage.rollUp(T0, T0 + 3 * HOUR_MS);
    const fromMid = await storage.buckets(
      '5m',
      series,
      T0 + FIVE_MINUTES_MS + 1,
      T0 + 3 * FIVE_MINUTES_MS,
      100,
    );
    expect(fromMid.map((b) => b[0])).toEqual([
      T0 + FIVE_MINUTES_MS,
      T0 + 2 * FIVE_MINUTES_MS,
      T0 + 3 * FIVE_MINUTES_MS,
    ]);
    expect((await storage.buckets('5m', series, T0, T0 + 3 * HOUR_MS, 4)).map((b) => b[1])).toEqual([
      0, 1, 2, 3,
    ]);
    expect((await storage.buckets('1h', series, T0, T0 + 3 * HOUR_MS, 10)).map((b) => b[1])).toEqual([
      5.5, 17.5, 29.5,
    ]);
  });

  it('answers raw readings, buckets and capped counts of many series at once, by series then time', async () => {
    const kitchen = await storage.addSeries(kitchenTemperature);
    const hall = await storage.addSeries({ ...kitchenTemperature, device: 'generic/hall' });
    const attic = await storage.addSeries({ ...kitchenTemperature, device: 'generic/attic' });
    await storage.write(
      [kitchen, hall].flatMap((series) =>
        Array.from({ length: 24 }, (_, i) => ({
          series,
          at: T0 + i * FIVE_MINUTES_MS,
          value: series * 100 + i,
        })),
      ),
      [],
    );
    await storage.rollUp(T0, T0 + 2 * HOUR_MS);
    const ids = [kitchen, hall, attic];
    const raw = await storage.rawMany(ids, T0 + FIVE_MINUTES_MS, T0 + 3 * FIVE_MINUTES_MS, 100);
    expect([...raw.keys()]).toEqual([kitchen, hall]);
    expect(raw.get(hall)).toEqual([1, 2, 3].map((i) => [T0 + i * FIVE_MINUTES_MS, hall * 100 + i]));
    // A page of 4 rows, then the next page after its last row.
    const first = await storage.rawMany(ids, T0, T0 + HOUR_MS, 4);
    expect(first.get(kitchen)).toHaveLength(4);
    const next = await storage.rawMany(ids, T0, T0 + 15 * FIVE_MINUTES_MS, 20, [
      kitchen,
      T0 + 3 * FIVE_MINUTES_MS,
    ]);
    expect(next.get(kitchen)?.map((reading) => reading[1])).toEqual(
      [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((i) => kitchen * 100 + i),
    );
    expect(next.get(hall)?.map((reading) => reading[1])).toEqual(
      Array.from({ length: 8 }, (_, i) => hall * 100 + i),
    );
    const hourly = await storage.bucketsMany('1h', ids, T0 + 1, T0 + HOUR_MS, 100);
    expect([...hourly.keys()]).toEqual([kitchen, hall]);
    expect(hourly.get(kitchen)).toEqual([
      [T0, kitchen * 100 + 5.5, kitchen * 100, kitchen * 100 + 11, 12],
      [T0 + HOUR_MS, kitchen * 100 + 17.5, kitchen * 100 + 12, kitchen * 100 + 23, 12],
    ]);
    expect((await storage.bucketsMany('5m', ids, T0, T0 + HOUR_MS, 100)).get(hall)).toHaveLength(13);
    const counts = await storage.countRawMany(ids, T0, T0 + HOUR_MS, 10);
    expect([kitchen, hall, attic].map((id) => counts.get(id))).toEqual([10, 10, 0]);
    expect((await storage.countRawMany([hall], T0 + HOUR_MS, T0 + DAY_MS, 100)).get(hall)).toBe(12);
  });

  it('rolls up many series over many hours', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 70; i++)
      ids.push(await storage.addSeries({ ...kitchenTemperature, device: `generic/room${i}` }));
    const readings = ids.flatMap((series, i) =>
      Array.from({ length: 30 }, (_, k) => ({ series, at: T0 + k * 10 * MINUTE_MS, value: i + k })),
    );
    await storage.write(readings, []);
    await storage.rollUp(T0, T0 + 5 * HOUR_MS);
    const last = ids[69] ?? 0;
    expect(await storage.buckets('1h', last, T0, T0 + 5 * HOUR_MS, 10)).toEqual([
      [T0, 69 + 2.5, 69, 74, 6],
      [T0 + HOUR_MS, 69 + 8.5, 75, 80, 6],
      [T0 + 2 * HOUR_MS, 69 + 14.5, 81, 86, 6],
      [T0 + 3 * HOUR_MS, 69 + 20.5, 87, 92, 6],
      [T0 + 4 * HOUR_MS, 69 + 26.5, 93, 98, 6],
    ]);
  });

  it('prunes each tier by its own retention and keeps a tier whose retention is null', async () => {
    const series = await storage.addSeries(kitchenTemperature);
    const days = [0, 1, 2, 3].map((d) => T0 + d * DAY_MS);
    await storage.write(
      days.map((at) => ({ series, at, value: 1 })),
      days.map((at) => event(at, 'online', 'generic/kitchen')),
    );
    await storage.rollUp(T0, T0 + 4 * DAY_MS);
    const now = T0 + 3 * DAY_MS + 1;
    const retention: Retention = {
      rawMs: DAY_MS,
      fiveMinuteMs: 2 * DAY_MS,
      hourlyMs: null,
      eventsMs: 3 * DAY_MS,
    };
    // Deleted: raw days 0-2 (3), 5-minute days 0-1 (2), events day 0 (1).
    expect(await storage.prune(now, retention)).toBe(6);
    expect((await storage.raw(series, 0, now, 10)).map((r) => r[0])).toEqual([days[3]]);
    expect((await storage.buckets('5m', series, 0, now, 10)).map((b) => b[0])).toEqual([days[2], days[3]]);
    expect((await storage.buckets('1h', series, 0, now, 10)).map((b) => b[0])).toEqual(days);
    expect((await storage.events(0, now, 10)).map((e) => e.at)).toEqual([days[3], days[2], days[1]]);
    expect(await storage.prune(now, retention)).toBe(0);
  });

  it('prunes more rows than one chunk', async () => {
    const series = await storage.addSeries(kitchenTemperature);
    await storage.write(
      Array.from({ length: 12_000 }, (_, i) => ({ series, at: T0 + i, value: i })),
      [],
    );
    const none: Retention = { rawMs: 10, fiveMinuteMs: null, hourlyMs: null, eventsMs: null };
    expect(await storage.prune(T0 + 11_010, none)).toBe(11_000);
    expect(await storage.countRaw(series, 0, T0 + DAY_MS, 100_000)).toBe(1000);
  });

  it('keeps named values', async () => {
    expect(await storage.getMeta('rollup_watermark')).toBeNull();
    await storage.setMeta('rollup_watermark', '1');
    await storage.setMeta('rollup_watermark', '2');
    expect(await storage.getMeta('rollup_watermark')).toBe('2');
  });

  it('saves devices by key and deletes removed ones', async () => {
    await storage.saveDevices([device('generic/kitchen', 'Kitchen'), device('generic/hall', 'Hall')], []);
    await storage.saveDevices([device('generic/kitchen', 'Kitchen corner')], ['generic/hall']);
    expect(await storage.loadDevices()).toEqual([device('generic/kitchen', 'Kitchen corner')]);
  });

  it('measures its size on disk', async () => {
    const series = await storage.addSeries(kitchenTemperature);
    await storage.write([{ series, at: T0, value: 1 }], []);
    expect(await storage.sizeBytes()).toBeGreaterThan(0);
  });
}
