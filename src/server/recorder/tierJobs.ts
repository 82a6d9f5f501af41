import { placeholders } from './schema.ts';
import { createPacer, type SqlSession } from './sqlSession.ts';
import { FIVE_MINUTES_MS, HOUR_MS, type Retention } from './storage.ts';

/**
 * Rollups and retention, shared by SQLite and PostgreSQL. Both work series by series (a block of
 * series ids in an `in (…)` list, so each lookup is a primary-key range: (series, at)) and slice
 * by time, so no statement reads more than a block's hour of readings. The block grows while
 * statements are quick and shrinks when one takes long, to keep each one well under the 50 ms an
 * API answer or the broker may wait.
 */

const DAY_MS = 24 * HOUR_MS;
/** Rows one delete statement removes at most. */
export const PRUNE_CHUNK_ROWS = 5000;
const BLOCK_MIN = 1;
const BLOCK_MAX = 256;
const BLOCK_START = 32;
const STATEMENT_SLOW_MS = 25;
const STATEMENT_QUICK_MS = 5;

const floorTo = (t: number, step: number) => Math.floor(t / step) * step;
const ceilTo = (t: number, step: number) => Math.ceil(t / step) * step;

/**
 * Runs `statement` over every block of `ids`, resizing blocks by how long the last one took.
 * Blocks are padded to a power of two with the last id (a repeat in `in (…)` is harmless), so a
 * backend sees a handful of distinct statement texts to prepare and cache.
 */
async function forEachBlock(
  ids: readonly number[],
  statement: (block: number[]) => Promise<void>,
): Promise<void> {
  const pace = createPacer();
  let size = BLOCK_START;
  for (let i = 0; i < ids.length; ) {
    const block = ids.slice(i, i + size);
    while (block.length < size) block.push(block[block.length - 1] ?? 0);
    const started = performance.now();
    await statement(block);
    const took = performance.now() - started;
    i += size;
    if (took > STATEMENT_SLOW_MS && size > BLOCK_MIN) size /= 2;
    else if (took < STATEMENT_QUICK_MS && size < BLOCK_MAX) size *= 2;
    await pace();
  }
}

async function seriesIds(session: SqlSession): Promise<number[]> {
  return (await session.rows('select id from series order by id', [])).map((row) => Number(row[0]));
}

function rollUp5mSql(blockSize: number): string {
  const bucket = `(at / ${FIVE_MINUTES_MS}) * ${FIVE_MINUTES_MS}`;
  return `insert into rollup_5m (series, bucket, mean, min, max, count)
    select series, ${bucket}, avg(value), min(value), max(value), count(*) from readings
    where series in (${placeholders(blockSize)}) and at >= ? and at < ?
    group by series, ${bucket}
    on conflict (series, bucket) do update set mean = excluded.mean, min = excluded.min, max = excluded.max, count = excluded.count`;
}

function rollUp1hSql(blockSize: number): string {
  const bucket = `(bucket / ${HOUR_MS}) * ${HOUR_MS}`;
  return `insert into rollup_1h (series, bucket, mean, min, max, count)
    select series, ${bucket}, sum(mean * count) / sum(count), min(min), max(max), sum(count) from rollup_5m
    where series in (${placeholders(blockSize)}) and bucket >= ? and bucket < ?
    group by series, ${bucket}
    on conflict (series, bucket) do update set mean = excluded.mean, min = excluded.min, max = excluded.max, count = excluded.count`;
}

/**
 * Recomputes the 5-minute buckets overlapping [from, to) from raw readings (mean, min, max,
 * count), then the hours overlapping it from their 5-minute buckets (count-weighted mean, min of
 * mins, max of maxes, sum of counts). A bucket is replaced whole, so a late reading corrects it;
 * a bucket with no raw readings left (pruned) is kept as it was, never emptied.
 */
export async function rollUpTiers(session: SqlSession, from: number, to: number): Promise<void> {
  if (!(to > from)) return;
  const ids = await seriesIds(session);
  if (ids.length === 0) return;
  const sliced = async (start: number, end: number, slice: number, sql: (size: number) => string) => {
    for (let sliceStart = start; sliceStart < end; sliceStart += slice) {
      const sliceEnd = Math.min(end, sliceStart + slice);
      await forEachBlock(ids, async (block) => {
        await session.run(sql(block.length), [...block, sliceStart, sliceEnd]);
      });
    }
  };
  await sliced(floorTo(from, FIVE_MINUTES_MS), ceilTo(to, FIVE_MINUTES_MS), HOUR_MS, rollUp5mSql);
  await sliced(floorTo(from, HOUR_MS), ceilTo(to, HOUR_MS), DAY_MS, rollUp1hSql);
}

/** Deletes one keyed table's rows older than `before`, a chunk at a time; returns rows deleted. */
async function pruneKeyed(
  session: SqlSession,
  ids: readonly number[],
  table: string,
  time: string,
  before: number,
): Promise<number> {
  let deleted = 0;
  await forEachBlock(ids, async (block) => {
    const sql = `delete from ${table} where (series, ${time}) in (select series, ${time} from ${table} where series in (${placeholders(block.length)}) and ${time} < ? limit ${PRUNE_CHUNK_ROWS})`;
    for (;;) {
      const changed = await session.run(sql, [...block, before]);
      deleted += changed;
      if (changed < PRUNE_CHUNK_ROWS) break;
    }
  });
  return deleted;
}

/**
 * Deletes what each tier keeps no longer at `nowMs` (a tier whose retention is null is kept for
 * ever): raw readings, 5-minute and hourly buckets by their start, events by their time.
 */
export async function pruneTiers(session: SqlSession, nowMs: number, retention: Retention): Promise<number> {
  const ids = await seriesIds(session);
  let deleted = 0;
  if (retention.rawMs !== null)
    deleted += await pruneKeyed(session, ids, 'readings', 'at', nowMs - retention.rawMs);
  if (retention.fiveMinuteMs !== null)
    deleted += await pruneKeyed(session, ids, 'rollup_5m', 'bucket', nowMs - retention.fiveMinuteMs);
  if (retention.hourlyMs !== null)
    deleted += await pruneKeyed(session, ids, 'rollup_1h', 'bucket', nowMs - retention.hourlyMs);
  if (retention.eventsMs !== null) {
    const pace = createPacer();
    const sql = `delete from events where id in (select id from events where at < ? limit ${PRUNE_CHUNK_ROWS})`;
    for (;;) {
      const changed = await session.run(sql, [nowMs - retention.eventsMs]);
      deleted += changed;
      if (changed < PRUNE_CHUNK_ROWS) break;
      await pace();
    }
  }
  return deleted;
}
