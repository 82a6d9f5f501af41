import { setImmediate as nextTurn } from 'node:timers/promises';
import { type ConventionId, splitDeviceKey } from '../../core/device.ts';
import type { ApiHistoryResponse, HistoryTier } from '../../core/historyApi.ts';
import { type Aggregation, quantityOf } from '../../core/quantity.ts';
import type { BucketRow, RecorderView, Storage, StoredSeries } from '../recorder/storage.ts';
import {
  bucketReadings,
  mergeBuckets,
  mergedBucketMs,
  mergeReadings,
  outageGaps,
  type Reading,
  spliceTail,
  thinReadings,
} from './historyPoints.ts';
import { chooseTier, RAW_FETCH_MAX, TIER_BUCKET_MS, tierCovers } from './historyTier.ts';

/**
 * Reads one series' history from the recorder at the tier that fits the requested points. Every
 * database query is bounded (a limit, or a time window of at most `ROWS_PER_QUERY` buckets),
 * with a turn of the event loop between queries for the broker.
 */

/**
 * Rows per query. SQLite answers synchronously, and its promises resolve at once, so a long read
 * goes in slices of this many rows with a turn of the event loop between them: 2,000 rows are a
 * few ms (17,000 in one query took 30-95 ms on a busy two-core machine).
 */
export const ROWS_PER_QUERY = 2000;
/** How far before a range to look for an outage that began earlier and reaches into it. */
const OUTAGE_LOOKBACK_MS = 7 * 24 * 3600_000;
/** Events read to find outages; outages are rare, so this many cover a busy week. */
const OUTAGE_EVENTS_MAX = 2000;

export interface HistoryRange {
  from: number;
  to: number;
  points: number;
}

export type Gaps = ApiHistoryResponse['gaps'];

/** The metric of a device by its native name or, failing that, its handle. */
export function findSeries(
  series: readonly StoredSeries[],
  deviceKey: string,
  metric: string,
): StoredSeries | undefined {
  const ofDevice = series.filter((candidate) => candidate.device === deviceKey);
  return (
    ofDevice.find((candidate) => candidate.metric === metric) ??
    ofDevice.find((candidate) => candidate.handle === metric)
  );
}

/** The recorder's outages in the range (the same for every series, so read once per request). */
export async function loadGaps(storage: Storage, from: number, to: number): Promise<Gaps> {
  const events = await storage.events(from - OUTAGE_LOOKBACK_MS, to, OUTAGE_EVENTS_MAX);
  return outageGaps(events, from, to);
}

/** How a series' buckets condense: by their mean, or by their last value (states, counters). */
export function aggregationOf(series: StoredSeries): Aggregation {
  return (series.quantity && quantityOf(series.quantity)?.aggregation) || 'mean';
}

/** The answer for stored and pending raw readings of a series, thinned to the points asked for. */
export function rawAnswer(
  series: StoredSeries,
  range: HistoryRange,
  gaps: Gaps,
  stored: readonly Reading[],
  pending: readonly Reading[],
): ApiHistoryResponse {
  const readings = thinReadings(mergeReadings(stored, pending), range.from, range.to, range.points);
  return { ...answerHead(series, range, gaps, 'raw'), bucketMs: 0, points: readings };
}

/** The answer for a series' buckets of a tier, merged down to the points asked for. */
export function rolledUpAnswer(
  series: StoredSeries,
  range: HistoryRange,
  gaps: Gaps,
  tier: Exclude<HistoryTier, 'raw'>,
  buckets: readonly BucketRow[],
): ApiHistoryResponse {
  const { from, to, points } = range;
  const bucketMs = TIER_BUCKET_MS[tier];
  const width = mergedBucketMs(to - from, bucketMs, points);
  const merged =
    width > bucketMs || buckets.length > points
      ? mergeBuckets(buckets, width, points, aggregationOf(series))
      : buckets;
  return {
    ...answerHead(series, range, gaps, tier),
    bucketMs: width,
    points: merged.map(([start, mean, min, max]): [number, number, number, number] => [
      start,
      mean,
      min,
      max,
    ]),
  };
}

function answerHead(series: StoredSeries, range: HistoryRange, gaps: Gaps, tier: HistoryTier) {
  const { convention, nativeId } = splitDeviceKey(series.device);
  return {
    device: nativeId,
    convention: convention as ConventionId,
    metric: series.metric,
    handle: series.handle,
    quantity: series.quantity,
    unit: series.unit,
    from: range.from,
    to: range.to,
    tier,
    gaps,
  };
}

export async function answerSeries(
  view: RecorderView,
  series: StoredSeries,
  range: HistoryRange,
  nowMs: number,
  gaps: Gaps,
): Promise<ApiHistoryResponse> {
  const { from, to, points } = range;
  const pending = view.pending(series.id, from, to);
  // SQLite's promises resolve at once: only a turn of the event loop lets the broker in.
  await nextTurn();
  const rawCount = tierCovers(view.retention.rawMs, from, nowMs)
    ? (await view.storage.countRaw(series.id, from, to, RAW_FETCH_MAX)) + pending.length
    : null;
  const tier = chooseTier({ from, to, points, nowMs, retention: view.retention, rawCount });
  if (tier === 'raw')
    return rawAnswer(series, range, gaps, await readRaw(view.storage, series.id, from, to), pending);
  const buckets = await readRolledUp(view, series.id, tier, range, nowMs, aggregationOf(series));
  return rolledUpAnswer(series, range, gaps, tier, buckets);
}

/**
 * Where the newest buckets of a series start to be computed from raw readings: from its last
 * stored bucket on (which may be partial), but never before raw retention (older buckets keep
 * their stored values: raw can no longer redo them) nor before the range.
 */
export function tailStartOf(
  stored: readonly BucketRow[],
  bucketMs: number,
  range: HistoryRange,
  rawMs: number | null,
  nowMs: number,
): number {
  const first = Math.floor(range.from / bucketMs) * bucketMs;
  const rawFloor = rawMs === null ? first : Math.ceil((nowMs - rawMs) / bucketMs) * bucketMs;
  return Math.max(first, rawFloor, stored.at(-1)?.[0] ?? first);
}

/**
 * Stored buckets of the range, with the newest ones (from the last stored bucket on, which may be
 * partial, to the end) computed from raw readings: a chart is never a rollup period behind.
 */
async function readRolledUp(
  view: RecorderView,
  seriesId: number,
  tier: Exclude<HistoryTier, 'raw'>,
  range: HistoryRange,
  nowMs: number,
  aggregation: Aggregation,
): Promise<BucketRow[]> {
  const bucketMs = TIER_BUCKET_MS[tier];
  const first = Math.floor(range.from / bucketMs) * bucketMs;
  const stored: BucketRow[] = [];
  const windowMs = ROWS_PER_QUERY * bucketMs;
  for (let start = first; start <= range.to; start += windowMs) {
    const end = Math.min(range.to, start + windowMs - 1);
    stored.push(...(await view.storage.buckets(tier, seriesId, start, end, ROWS_PER_QUERY)));
    await nextTurn();
  }
  const tailStart = tailStartOf(stored, bucketMs, range, view.retention.rawMs, nowMs);
  if (tailStart > range.to) return stored;
  const tailRaw = await readRaw(view.storage, seriesId, tailStart, range.to);
  const tail = bucketReadings(
    mergeReadings(tailRaw, view.pending(seriesId, tailStart, range.to)),
    bucketMs,
    aggregation,
  );
  return spliceTail(stored, tail, tailStart);
}

/** Raw readings in [from, to], at most `RAW_FETCH_MAX`, a slice of `ROWS_PER_QUERY` at a time. */
export async function readRaw(
  storage: Storage,
  seriesId: number,
  from: number,
  to: number,
): Promise<Reading[]> {
  const readings: Reading[] = [];
  let cursor = from;
  while (readings.length < RAW_FETCH_MAX && cursor <= to) {
    const slice = await storage.raw(
      seriesId,
      cursor,
      to,
      Math.min(ROWS_PER_QUERY, RAW_FETCH_MAX - readings.length),
    );
    readings.push(...slice);
    await nextTurn();
    const last = slice.at(-1);
    if (slice.length < ROWS_PER_QUERY || !last) break;
    // Readings of one series are unique by time, so the next slice starts just after the last.
    cursor = last[0] + 1;
  }
  return readings;
}
