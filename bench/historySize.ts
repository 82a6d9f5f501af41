// `npm run bench -- --history-size`: what history costs on disk, per table, measured on SQLite and
// PostgreSQL with the recorder's own storage code: bytes per raw reading, per 5-minute and hourly
// bucket, per event, and what one device costs a year with the default tiers. docs/history.md
// quotes its output.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'libsql';
import pg from 'pg';
import { openStorage } from '../src/server/recorder/openStorage.ts';
import {
  DEFAULT_RETENTION,
  type EventRow,
  type ReadingRow,
  type Storage,
} from '../src/server/recorder/storage.ts';
import { startTestPostgres } from '../src/server/recorder/testPostgres.ts';

const SERIES = 20;
const DAYS = 10;
const INTERVAL_MS = 30_000;
const EVENTS = 20_000;
const CHUNK = 20_000;
const DAY_MS = 24 * 3600_000;

interface TableBytes {
  readings: number;
  rollup_5m: number;
  rollup_1h: number;
  events: number;
}

export interface SizeResult {
  backend: 'sqlite' | 'postgres';
  rows: TableBytes;
  bytes: TableBytes;
  perRow: TableBytes;
}

async function fill(storage: Storage, nowMs: number): Promise<TableBytes> {
  const from = nowMs - DAYS * DAY_MS;
  let rows: ReadingRow[] = [];
  let readings = 0;
  for (let i = 0; i < SERIES; i++) {
    const series = await storage.addSeries({
      device: `generic/room${i}`,
      metric: 'temperature',
      handle: 'temperature',
      quantity: 'temperature',
      unit: '°C',
    });
    // A room's temperature as sensors send it: two decimals, drifting.
    for (let at = from; at < nowMs; at += INTERVAL_MS) {
      rows.push({ series, at, value: Math.round((20 + 3 * Math.sin(at / 7_200_000 + i)) * 100) / 100 });
      if (rows.length >= CHUNK) {
        await storage.write(rows, []);
        readings += rows.length;
        rows = [];
      }
    }
  }
  await storage.write(rows, []);
  readings += rows.length;
  const events: EventRow[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const online = i % 2 === 0;
    events.push({
      at: from + i * 30_000,
      kind: online ? 'online' : 'offline',
      device: `generic/room${i % SERIES}`,
      name: `room${i % SERIES}`,
      metric: null,
      value: null,
      text: `room${i % SERIES} ${online ? 'is back online' : 'went offline'}`,
      until: null,
    });
  }
  await storage.write([], events);
  await storage.rollUp(from, nowMs);
  const fiveMinute = SERIES * Math.ceil((DAYS * DAY_MS) / 300_000);
  const hourly = SERIES * Math.ceil((DAYS * DAY_MS) / 3600_000);
  return { readings, rollup_5m: fiveMinute, rollup_1h: hourly, events: EVENTS };
}

async function sqliteBytes(file: string): Promise<TableBytes> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('select name, sum(pgsize) as bytes from dbstat group by name').all() as Array<{
      name: string;
      bytes: number;
    }>;
    // A table's indexes count with it (autoindexes and named ones alike).
    const sum = (table: string) =>
      rows
        .filter(
          (row) => row.name === table || row.name.includes(`_${table}_`) || row.name.startsWith(`${table}_`),
        )
        .reduce((total, row) => total + row.bytes, 0);
    return {
      readings: sum('readings'),
      rollup_5m: sum('rollup_5m'),
      rollup_1h: sum('rollup_1h'),
      events: sum('events'),
    };
  } finally {
    db.close();
  }
}

async function postgresBytes(url: string): Promise<TableBytes> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('vacuum analyze');
    const size = async (table: string) =>
      Number((await client.query('select pg_total_relation_size($1) as bytes', [table])).rows[0]?.bytes ?? 0);
    return {
      readings: await size('readings'),
      rollup_5m: await size('rollup_5m'),
      rollup_1h: await size('rollup_1h'),
      events: await size('events'),
    };
  } finally {
    await client.end();
  }
}

async function measure(backend: 'sqlite' | 'postgres'): Promise<SizeResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-size-'));
  const cluster = backend === 'postgres' ? await startTestPostgres() : null;
  if (backend === 'postgres' && cluster === null) throw new Error('PostgreSQL is not installed');
  try {
    const storage = await openStorage({ database: cluster?.url, dataDir }, (line) => console.error(line));
    const rows = await fill(storage, Date.now());
    await storage.close();
    const bytes =
      cluster === null
        ? await sqliteBytes(path.join(dataDir, 'hearth.db'))
        : await postgresBytes(cluster.url);
    const per = (key: keyof TableBytes) => Math.round((bytes[key] / rows[key]) * 10) / 10;
    return {
      backend,
      rows,
      bytes,
      perRow: {
        readings: per('readings'),
        rollup_5m: per('rollup_5m'),
        rollup_1h: per('rollup_1h'),
        events: per('events'),
      },
    };
  } finally {
    await cluster?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** One reading every `intervalS` seconds, with the default tiers, at steady state after a year. */
export function deviceYearBytes(perRow: TableBytes, intervalS: number): number {
  const rawKept = ((DEFAULT_RETENTION.rawMs ?? 0) / 1000 / intervalS) * perRow.readings;
  const fiveMinuteYear = ((365 * DAY_MS) / 300_000) * perRow.rollup_5m;
  const hourlyYear = ((365 * DAY_MS) / 3600_000) * perRow.rollup_1h;
  return rawKept + fiveMinuteYear + hourlyYear;
}

export async function runHistorySize(): Promise<number> {
  const results: SizeResult[] = [];
  for (const backend of ['sqlite', 'postgres'] as const) {
    try {
      results.push(await measure(backend));
    } catch (error) {
      console.error(`${backend}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
  console.log(
    `Measured with ${SERIES} series × ${DAYS} days of one reading every ${INTERVAL_MS / 1000} s, rolled up, and ${EVENTS.toLocaleString('en-US')} events.\n`,
  );
  console.log('| bytes per row (indexes included) | raw reading | 5-minute bucket | hourly bucket | event |');
  console.log('|---|--:|--:|--:|--:|');
  for (const result of results) {
    const { perRow } = result;
    console.log(
      `| ${result.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${perRow.readings} | ${perRow.rollup_5m} | ${perRow.rollup_1h} | ${perRow.events} |`,
    );
  }
  console.log(
    '\n| one metric, a year at steady state (raw 10 d, 5-min 1 y, hourly) | every 10 s | every 30 s | every 5 min |',
  );
  console.log('|---|--:|--:|--:|');
  for (const result of results) {
    console.log(
      `| ${result.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, MB | ${mb(deviceYearBytes(result.perRow, 10))} | ${mb(deviceYearBytes(result.perRow, 30))} | ${mb(deviceYearBytes(result.perRow, 300))} |`,
    );
  }
  return results.length === 2 ? 0 : 1;
}
