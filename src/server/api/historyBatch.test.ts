import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStorage } from '../recorder/postgresStorage.ts';
import { createSqliteStorage } from '../recorder/sqliteStorage.ts';
import {
  DEFAULT_RETENTION,
  FIVE_MINUTES_MS,
  type ReadingRow,
  type RecorderView,
  type Storage,
  type StoredSeries,
} from '../recorder/storage.ts';
import {
  postgresBinDir,
  postgresRequired,
  startTestPostgres,
  type TestPostgres,
} from '../recorder/testPostgres.ts';
import { answerSeries } from './historyAnswer.ts';
import { answerBatch, BATCH_ROWS_MAX } from './historyBatch.ts';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** On an hour boundary plus a few minutes, so the newest hour is partial. */
const NOW = Date.UTC(2026, 0, 15, 12, 7);
const ROLLED_UP_TO = NOW - 20 * 60_000;
/** Two days of a reading every 5 minutes: 576 each, more than the 500 points asked for. */
const RANGE = { from: NOW - 2 * DAY_MS, to: NOW, points: 500 };
const DEVICES = 120;

/**
 * 120 devices with two days of humidity every 5 minutes (the last one, after the rollup, at 99 %),
 * a sparse device with a reading an hour, and a reading of device 0 not yet written.
 */
async function seed(storage: Storage): Promise<StoredSeries[]> {
  const series: StoredSeries[] = [];
  const rows: ReadingRow[] = [];
  for (let device = 0; device <= DEVICES; device++) {
    const info = {
      device: `generic/room${String(device).padStart(3, '0')}`,
      metric: 'humidity',
      handle: 'humidity',
      quantity: 'humidity' as const,
      unit: '%',
    };
    const id = await storage.addSeries(info);
    series.push({ ...info, id });
    const step = device === DEVICES ? HOUR_MS : FIVE_MINUTES_MS;
    for (let at = RANGE.from + step; at < NOW; at += step)
      rows.push({ series: id, at, value: at >= NOW - step ? 99 : 40 + ((at / step + device) % 20) });
  }
  for (let start = 0; start < rows.length; start += 10_000)
    await storage.write(rows.slice(start, start + 10_000), []);
  await storage.rollUp(RANGE.from - HOUR_MS, ROLLED_UP_TO);
  return series;
}

function viewOf(storage: Storage, series: StoredSeries[]): RecorderView {
  const first = series[0]?.id;
  return {
    devices: () => [],
    series: () => series,
    pending: (id, from, to) =>
      id === first && NOW - 1000 >= from && NOW - 1000 <= to ? [[NOW - 1000, 7]] : [],
    storage,
    retention: DEFAULT_RETENTION,
  };
}

function registerBatchCases(open: () => Promise<Storage>): void {
  let storage: Storage;
  let series: StoredSeries[];
  beforeAll(async () => {
    storage = await open();
    series = await seed(storage);
  }, 120_000);
  afterAll(async () => {
    await storage.close();
  });

  it('answers each line of a small chart exactly as it answers the line alone', async () => {
    const view = viewOf(storage, series);
    const few = [series[0], series[1], series.at(-1)].filter((one) => one !== undefined);
    const batch = await answerBatch(view, few, RANGE, NOW, []);
    const alone = [];
    for (const one of few) alone.push(await answerSeries(view, one, RANGE, NOW, []));
    expect(batch).toEqual(alone);
    expect(batch.map((answer) => answer.tier)).toEqual(['5m', '5m', 'raw']);
    // The newest bucket comes from raw readings and the one not yet written.
    expect(batch[0]?.points.at(-1)?.slice(2)).toEqual([7, 99]);
  });

  it('reads the hourly tier for a chart of many lines, within their share of rows, with the newest minutes', async () => {
    expect(DEVICES * 576).toBeGreaterThan(BATCH_ROWS_MAX);
    const batch = await answerBatch(viewOf(storage, series), series, RANGE, NOW, []);
    expect(batch.map((answer) => answer.device)).toEqual(series.map((one) => one.device.split('/')[1]));
    const [first, second] = batch;
    expect(first?.tier).toBe('1h');
    expect(first?.bucketMs).toBe(HOUR_MS);
    expect(first?.points).toHaveLength(49);
    // The hour still open holds the last written reading (99) and the pending one (7).
    expect(first?.points.at(-1)).toEqual([NOW - 7 * 60_000, expect.any(Number), 7, 99]);
    expect(second?.points.at(-1)?.[3]).toBe(99);
    // Hourly buckets rolled up long ago are the stored ones.
    const stored = await storage.buckets('1h', series[1]?.id ?? 0, RANGE.from, RANGE.to, 100);
    expect(second?.points.slice(0, 40)).toEqual(stored.slice(0, 40).map((bucket) => bucket.slice(0, 4)));
    // The sparse line fits its share as raw readings.
    expect(batch.at(-1)?.tier).toBe('raw');
    expect(batch.at(-1)?.points).toHaveLength(47);
  });
}

describe('a chart of many series on SQLite', () => {
  let dir = '';
  // Registered first, so it runs after the storage has closed.
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  registerBatchCases(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-batch-'));
    return createSqliteStorage(join(dir, 'history.db'));
  });
});

describe.skipIf(postgresBinDir() === null && !postgresRequired())(
  'a chart of many series on PostgreSQL',
  () => {
    let cluster: TestPostgres | null = null;
    afterAll(async () => {
      await cluster?.stop();
    });
    registerBatchCases(async () => {
      cluster = await startTestPostgres();
      if (cluster === null)
        throw new Error('PostgreSQL is required (HEARTH_REQUIRE_POSTGRES=1) but not installed');
      return createPostgresStorage(cluster.url);
    });
  },
);
