import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ApiHistoryResponse, HistoryTier } from '../../core/historyApi.ts';
import type { BucketRow, RecorderView, StoredSeries } from '../recorder/storage.ts';
import {
  aggregationOf,
  answerSeries,
  type Gaps,
  type HistoryRange,
  rawAnswer,
  readRaw,
  rolledUpAnswer,
  tailStartOf,
} from './historyAnswer.ts';
import { bucketReadings, mergeReadings, type Reading, spliceTail } from './historyPoints.ts';
import { chooseTier, RAW_FETCH_MAX, TIER_BUCKET_MS, tierCovers } from './historyTier.ts';

/**
 * A chart of every series of a quantity (`/api/history?quantity=`), read with one statement per
 * slice of series instead of several per series: 200 lines of a week were 200 × (a count, slices
 * of buckets, a raw tail), 3.2 s on SQLite and 6.3 s on PostgreSQL on the loaded two-core bench.
 * The lines share one budget of rows, so a chart of many lines reads a coarser tier (a week of
 * 200 lines: hourly, 168 points each, which is all such a chart can show).
 */

/**
 * Rows one chart reads in all, shared by its series. Measured on SQLite under load: 34,000 hourly
 * rows of 200 series took 40-110 ms to read; 400,000 five-minute ones took 6 s.
 */
export const BATCH_ROWS_MAX = 50_000;
/**
 * Rows per statement. SQLite answers synchronously: under the bench's load a row costs about
 * 3-10 µs to reach JavaScript, so 4,000 rows hold the event loop about 10-40 ms.
 */
const SLICE_ROWS = 4000;
/** Rows a capped count may step over per statement: counting is cheaper than reading rows. */
const COUNT_SLICE_ROWS = 20_000;
/**
 * A tail (the newest minutes, from raw readings) longer than this many buckets is read series by
 * series with `readRaw`'s cap: it means the rollup is behind for that series, not the usual case.
 */
const TAIL_BUCKETS_MAX = 2;

type RolledTier = Exclude<HistoryTier, 'raw'>;

/** Splits `items` into slices of `size` (at least one item each). */
function slices<T>(items: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += step) out.push(items.slice(start, start + step));
  return out;
}

/** The answers for every series of a chart, in the order given. */
export async function answerBatch(
  view: RecorderView,
  chosen: readonly StoredSeries[],
  range: HistoryRange,
  nowMs: number,
  gaps: Gaps,
): Promise<ApiHistoryResponse[]> {
  if (chosen.length === 0) return [];
  const { from, to, points } = range;
  const rowsMax = Math.max(1, Math.floor(BATCH_ROWS_MAX / chosen.length));
  const pending = new Map(chosen.map((series) => [series.id, view.pending(series.id, from, to)]));
  const counts = tierCovers(view.retention.rawMs, from, nowMs)
    ? await countRaw(view, chosen, range, Math.min(RAW_FETCH_MAX, rowsMax + 1))
    : null;
  const byTier: Record<HistoryTier, StoredSeries[]> = { raw: [], '5m': [], '1h': [] };
  for (const series of chosen) {
    const rawCount =
      counts === null ? null : (counts.get(series.id) ?? 0) + (pending.get(series.id)?.length ?? 0);
    byTier[chooseTier({ from, to, points, nowMs, retention: view.retention, rawCount, rowsMax })].push(
      series,
    );
  }
  const answers = new Map<number, ApiHistoryResponse>();
  for (const slice of slices(byTier.raw, SLICE_ROWS / rowsMax)) {
    const stored = await view.storage.rawMany(
      slice.map((series) => series.id),
      from,
      to,
      slice.length * rowsMax,
    );
    await nextTurn();
    for (const series of slice)
      answers.set(
        series.id,
        rawAnswer(series, range, gaps, stored.get(series.id) ?? [], pending.get(series.id) ?? []),
      );
  }
  for (const tier of ['5m', '1h'] as const) {
    const rolled = await readRolledUpMany(view, byTier[tier], tier, range, nowMs, pending);
    for (const series of byTier[tier]) {
      const buckets = rolled.get(series.id);
      answers.set(
        series.id,
        buckets === undefined
          ? await answerSeries(view, series, range, nowMs, gaps)
          : rolledUpAnswer(series, range, gaps, tier, buckets),
      );
    }
  }
  return chosen.flatMap((series) => answers.get(series.id) ?? []);
}

/** Each series' raw readings in the range, counted up to `cap`, a slice of series at a time. */
async function countRaw(
  view: RecorderView,
  chosen: readonly StoredSeries[],
  range: HistoryRange,
  cap: number,
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const slice of slices(chosen, COUNT_SLICE_ROWS / cap)) {
    const ids = slice.map((series) => series.id);
    for (const [id, count] of await view.storage.countRawMany(ids, range.from, range.to, cap))
      counts.set(id, count);
    await nextTurn();
  }
  return counts;
}

/**
 * Stored buckets of many series with their newest buckets computed from raw readings, as
 * `readRolledUp` does for one. Series whose range holds more buckets than a slice, or whose tail
 * is long, are left out (the caller reads them one by one).
 */
async function readRolledUpMany(
  view: RecorderView,
  chosen: readonly StoredSeries[],
  tier: RolledTier,
  range: HistoryRange,
  nowMs: number,
  pending: ReadonlyMap<number, Reading[]>,
): Promise<Map<number, BucketRow[]>> {
  const rolled = new Map<number, BucketRow[]>();
  const bucketMs = TIER_BUCKET_MS[tier];
  const bucketsPerSeries = Math.floor((range.to - range.from) / bucketMs) + 2;
  if (chosen.length === 0 || bucketsPerSeries > SLICE_ROWS) return rolled;
  const stored = new Map<number, BucketRow[]>();
  for (const slice of slices(chosen, SLICE_ROWS / bucketsPerSeries)) {
    const ids = slice.map((series) => series.id);
    const rows = await view.storage.bucketsMany(
      tier,
      ids,
      range.from,
      range.to,
      slice.length * bucketsPerSeries,
    );
    for (const id of ids) stored.set(id, rows.get(id) ?? []);
    await nextTurn();
  }
  // Series whose tails start at the same time (the usual case: one rollup for all) share reads.
  const byTailStart = new Map<number, StoredSeries[]>();
  for (const series of chosen) {
    const start = tailStartOf(stored.get(series.id) ?? [], bucketMs, range, view.retention.rawMs, nowMs);
    if (start > range.to) rolled.set(series.id, stored.get(series.id) ?? []);
    else if (range.to - start > TAIL_BUCKETS_MAX * bucketMs) {
      const tail = await readRaw(view.storage, series.id, start, range.to);
      rolled.set(
        series.id,
        withTail(stored.get(series.id) ?? [], tail, series, start, range, bucketMs, pending),
      );
    } else byTailStart.set(start, [...(byTailStart.get(start) ?? []), series]);
  }
  for (const [start, group] of byTailStart) {
    const tails = await readTails(view, group, start, range.to);
    for (const series of group)
      rolled.set(
        series.id,
        withTail(
          stored.get(series.id) ?? [],
          tails.get(series.id) ?? [],
          series,
          start,
          range,
          bucketMs,
          pending,
        ),
      );
  }
  return rolled;
}

function withTail(
  stored: readonly BucketRow[],
  tailRaw: readonly Reading[],
  series: StoredSeries,
  tailStart: number,
  range: HistoryRange,
  bucketMs: number,
  pending: ReadonlyMap<number, Reading[]>,
): BucketRow[] {
  const pendingTail = (pending.get(series.id) ?? []).filter(([at]) => at >= tailStart && at <= range.to);
  const tail = bucketReadings(mergeReadings(tailRaw, pendingTail), bucketMs, aggregationOf(series));
  return spliceTail(stored, tail, tailStart);
}

/** Raw readings of a group of series from `from` to `to`, a page of `SLICE_ROWS` at a time. */
async function readTails(
  view: RecorderView,
  group: readonly StoredSeries[],
  from: number,
  to: number,
): Promise<Map<number, Reading[]>> {
  const ids = group.map((series) => series.id);
  const tails = new Map<number, Reading[]>();
  let after: [number, number] | undefined;
  for (;;) {
    const page = await view.storage.rawMany(ids, from, to, SLICE_ROWS, after);
    await nextTurn();
    let rows = 0;
    for (const [id, readings] of page) {
      rows += readings.length;
      const known = tails.get(id);
      if (known) known.push(...readings);
      else tails.set(id, readings);
      const last = readings.at(-1);
      if (last) after = [id, last[0]];
    }
    if (rows < SLICE_ROWS) return tails;
  }
}
