import type { ApiDevice, ApiEventKind } from '../../core/historyApi.ts';
import type { QuantityId } from '../../core/quantity.ts';
import { placeholders, TIER_TABLE } from './schema.ts';
import {
  asNullableNumber,
  asNullableText,
  asNumber,
  asText,
  type SqlSession,
  type SqlValue,
} from './sqlSession.ts';
import type { BucketRow, EventRow, ReadingRow, Storage } from './storage.ts';
import { pruneTiers, rollUpTiers } from './tierJobs.ts';

/**
 * The part of `Storage` that is the same SQL on both databases: series, queries, meta, rollups and
 * retention. Each backend adds what differs: how it writes in bulk, how it measures its size and
 * how it closes.
 */
export type BackendParts = Pick<Storage, 'kind' | 'write' | 'saveDevices' | 'sizeBytes' | 'close'>;

const EVENT_COLUMNS = 'at, kind, device, name, metric, value, text, until';

export const INSERT_EVENT_SQL = `insert into events (${EVENT_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?)`;
export const UPSERT_READING_SQL =
  'insert into readings (series, at, value) values (?, ?, ?) on conflict (series, at) do update set value = excluded.value';
/** UPSERT_READING_SQL for `count` readings in one statement (keys must be distinct: see `inKeyOrder`). */
export function upsertReadingsSql(count: number): string {
  const rows = Array.from({ length: count }, () => '(?, ?, ?)').join(', ');
  return `insert into readings (series, at, value) values ${rows} on conflict (series, at) do update set value = excluded.value`;
}
export const UPSERT_DEVICE_SQL =
  'insert into devices (key, json) values (?, ?) on conflict (key) do update set json = excluded.json';
export const DELETE_DEVICE_SQL = 'delete from devices where key = ?';

/**
 * The readings of one write in primary-key order, (series, at), keeping only the last of
 * readings at the same key (a replacement). A recorder's second holds a reading of every series
 * in time order; written so, each chunk touches a page per series. Sorted, a chunk fills a few
 * series' pages: measured on SQLite, twice the readings per second at 20,000 per write.
 */
export function inKeyOrder(readings: readonly ReadingRow[]): ReadingRow[] {
  // Array.prototype.sort is stable: equal keys keep their order, so the last one is the newest.
  const sorted = [...readings].sort((a, b) => a.series - b.series || a.at - b.at);
  return sorted.filter((reading, i) => {
    const next = sorted[i + 1];
    return next === undefined || next.series !== reading.series || next.at !== reading.at;
  });
}

export function eventParams(event: EventRow): SqlValue[] {
  return [event.at, event.kind, event.device, event.name, event.metric, event.value, event.text, event.until];
}

function eventFromRow(row: SqlValue[]): EventRow {
  return {
    at: asNumber(row[0]),
    kind: asText(row[1]) as ApiEventKind,
    device: asNullableText(row[2]),
    name: asNullableText(row[3]),
    metric: asNullableText(row[4]),
    value: asNullableNumber(row[5]),
    text: asText(row[6]),
    until: asNullableNumber(row[7]),
  };
}

/** A saved device, or null when its JSON does not even look like one (it is skipped). */
function deviceFromJson(json: string): ApiDevice | null {
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || !('key' in parsed) || !('readings' in parsed))
      return null;
    return parsed as ApiDevice;
  } catch {
    return null;
  }
}

/** Rows whose first column is the series id, grouped by it (rows come ordered by series). */
function bySeries<Row>(rows: readonly SqlValue[][], toRow: (row: SqlValue[]) => Row): Map<number, Row[]> {
  const grouped = new Map<number, Row[]>();
  for (const row of rows) {
    const series = asNumber(row[0]);
    let list = grouped.get(series);
    if (list === undefined) {
      list = [];
      grouped.set(series, list);
    }
    list.push(toRow(row));
  }
  return grouped;
}

function bucketFromRow(row: SqlValue[], offset: number): BucketRow {
  return [
    asNumber(row[offset]),
    asNumber(row[offset + 1]),
    asNumber(row[offset + 2]),
    asNumber(row[offset + 3]),
    asNumber(row[offset + 4]),
  ];
}

export function createSqlStorage(session: SqlSession, backend: BackendParts): Storage {
  return {
    ...backend,

    async loadSeries() {
      const rows = await session.rows(
        'select id, device, metric, handle, quantity, unit from series order by id',
        [],
      );
      return rows.map((row) => ({
        id: asNumber(row[0]),
        device: asText(row[1]),
        metric: asText(row[2]),
        handle: asText(row[3]),
        quantity: asNullableText(row[4]) as QuantityId | null,
        unit: asText(row[5]),
      }));
    },

    async addSeries(info) {
      await session.run(
        'insert into series (device, metric, handle, quantity, unit) values (?, ?, ?, ?, ?) on conflict (device, metric) do nothing',
        [info.device, info.metric, info.handle, info.quantity, info.unit],
      );
      const rows = await session.rows('select id from series where device = ? and metric = ?', [
        info.device,
        info.metric,
      ]);
      return asNumber(rows[0]?.[0]);
    },

    async updateSeries(series) {
      await session.run('update series set handle = ?, quantity = ?, unit = ? where id = ?', [
        series.handle,
        series.quantity,
        series.unit,
        series.id,
      ]);
    },

    async loadDevices() {
      const rows = await session.rows('select json from devices order by key', []);
      return rows.map((row) => deviceFromJson(asText(row[0]))).filter((device) => device !== null);
    },

    async raw(series, from, to, limit) {
      const rows = await session.rows(
        'select at, value from readings where series = ? and at >= ? and at <= ? order by at limit ?',
        [series, from, to, limit],
      );
      return rows.map((row): [number, number] => [asNumber(row[0]), asNumber(row[1])]);
    },

    /** Buckets whose span overlaps [from, to]: the one holding `from` starts before it. */
    async buckets(tier, series, from, to, limit) {
      const table = TIER_TABLE[tier];
      const width = tier === '5m' ? 5 * 60_000 : 3600_000;
      const rows = await session.rows(
        `select bucket, mean, min, max, count from ${table} where series = ? and bucket > ? and bucket <= ? order by bucket limit ?`,
        [series, from - width, to, limit],
      );
      return rows.map((row) => bucketFromRow(row, 0));
    },

    async rawMany(series, from, to, limit, after) {
      const ids = placeholders(series.length);
      const rows = after
        ? await session.rows(
            `select series, at, value from readings where series in (${ids}) and at >= ? and at <= ? and (series > ? or (series = ? and at > ?)) order by series, at limit ?`,
            [...series, from, to, after[0], after[0], after[1], limit],
          )
        : await session.rows(
            `select series, at, value from readings where series in (${ids}) and at >= ? and at <= ? order by series, at limit ?`,
            [...series, from, to, limit],
          );
      return bySeries(rows, (row): [number, number] => [asNumber(row[1]), asNumber(row[2])]);
    },

    async bucketsMany(tier, series, from, to, limit) {
      const width = tier === '5m' ? 5 * 60_000 : 3600_000;
      const rows = await session.rows(
        `select series, bucket, mean, min, max, count from ${TIER_TABLE[tier]} where series in (${placeholders(series.length)}) and bucket > ? and bucket <= ? order by series, bucket limit ?`,
        [...series, from - width, to, limit],
      );
      return bySeries(rows, (row) => bucketFromRow(row, 1));
    },

    /** One capped count per series, as scalar subqueries: each stops at `cap` rows. */
    async countRawMany(series, from, to, cap) {
      const rows = await session.rows(
        `select id, (select count(*) from (select 1 from readings where readings.series = series.id and at >= ? and at <= ? limit ?) as capped) from series where id in (${placeholders(series.length)})`,
        [from, to, cap, ...series],
      );
      return new Map(rows.map((row) => [asNumber(row[0]), asNumber(row[1])]));
    },

    async countRaw(series, from, to, cap) {
      const rows = await session.rows(
        'select count(*) from (select 1 from readings where series = ? and at >= ? and at <= ? limit ?) as capped',
        [series, from, to, cap],
      );
      return asNumber(rows[0]?.[0]);
    },

    async events(from, to, limit, device) {
      const rows =
        device === undefined
          ? await session.rows(
              `select ${EVENT_COLUMNS} from events where at >= ? and at <= ? order by at desc, id desc limit ?`,
              [from, to, limit],
            )
          : await session.rows(
              `select ${EVENT_COLUMNS} from events where device = ? and at >= ? and at <= ? order by at desc, id desc limit ?`,
              [device, from, to, limit],
            );
      return rows.map(eventFromRow);
    },

    async closeOutages(until) {
      await session.run("update events set until = ? where kind = 'recorder-outage' and until is null", [
        until,
      ]);
    },

    rollUp: (from, to) => rollUpTiers(session, from, to),
    prune: (nowMs, retention) => pruneTiers(session, nowMs, retention),

    async getMeta(key) {
      const rows = await session.rows('select value from meta where key = ?', [key]);
      return rows.length === 0 ? null : asText(rows[0]?.[0]);
    },

    async setMeta(key, value) {
      await session.run(
        'insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
        [key, value],
      );
    },
  };
}
