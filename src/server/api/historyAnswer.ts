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
  spliceTail,
  thinReadings,
} from './historyPoints.ts';
import { chooseTier, RAW_FETCH_MAX, TIER_BUCKET_MS, tierCovers } from './historyTier.ts';

/**
 * Reads one series' history from the recorder at the tier that fits the requested points. Every
 * database query is bounded (a limit, or a time window of at most `BUCKET_FETCH_MAX` buckets),
 * and the awaits between them leave the event loop to the broker.
 */

/** Buckets per query: ten years of hourly buckets take nine queries, each a few ms. */
const BUCKET_FETCH_MAX = 10_000;
/** How far before a range to look for an outage that began earlier and reaches into it. */
const OUTAGE_LOOKBACK_MS = 7 * 24 * 3600_000;
/** Events read to find outages; outages are rare, so this many cover a busy week. */
const OUTAGE_EVENTS_MAX = 5000;

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

export async function answerSeries(
  view: RecorderView,
  series: StoredSeries,
  range: HistoryRange,
  nowMs: number,
  gaps: Gaps,
): Promise<ApiHistoryResponse> {
  const { from, to, points } = range;
  const aggregation: Aggregation = (series.quantity && quantityOf(series.quantity)?.aggregation) || 'mean';
  const pending = view.pending(series.id, from, to);
  const rawCount = tierCovers(view.retention.rawMs, from, nowMs)
    ? (await view.storage.countRaw(series.id, from, to, RAW_FETCH_MAX)) + pending.length
    : null;
  const tier = chooseTier({ from, to, points, nowMs, retention: view.retention, rawCount });
  const { convention, nativeId } = splitDeviceKey(series.device);
  const answer = {
    device: nativeId,
    convention: convention as ConventionId,
    metric: series.metric,
    handle: series.handle,
    quantity: series.quantity,
    unit: series.unit,
    from,
    to,
    tier,
    gaps,
  };
  if (tier === 'raw') {
    const stored = await view.storage.raw(series.id, from, to, RAW_FETCH_MAX);
    const readings = thinReadings(mergeReadings(stored, pending), from, to, points);
    return { ...answer, bucketMs: 0, points: readings };
  }
  const bucketMs = TIER_BUCKET_MS[tier];
  const buckets = await readRolledUp(view, series.id, tier, range, nowMs, aggregation);
  const width = mergedBucketMs(to - from, bucketMs, points);
  const merged =
    width > bucketMs || buckets.length > points ? mergeBuckets(buckets, width, points, aggregation) : buckets;
  return {
    ...answer,
    bucketMs: width,
    points: merged.map(([start, mean, min, max]): [number, number, number, number] => [
      start,
      mean,
      min,
      max,
    ]),
  };
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
  const windowMs = BUCKET_FETCH_MAX * bucketMs;
  for (let start = first; start <= range.to; start += windowMs) {
    const end = Math.min(range.to, start + windowMs - 1);
    stored.push(...(await view.storage.buckets(tier, seriesId, start, end, BUCKET_FETCH_MAX)));
  }
  // Buckets older than raw retention keep their stored values: raw can no longer redo them.
  const rawFloor =
    view.retention.rawMs === null ? first : Math.ceil((nowMs - view.retention.rawMs) / bucketMs) * bucketMs;
  const tailStart = Math.max(first, rawFloor, stored.at(-1)?.[0] ?? first);
  if (tailStart > range.to) return stored;
  const tailRaw = await view.storage.raw(seriesId, tailStart, range.to, RAW_FETCH_MAX);
  const tail = bucketReadings(
    mergeReadings(tailRaw, view.pending(seriesId, tailStart, range.to)),
    bucketMs,
    aggregation,
  );
  return spliceTail(stored, tail, tailStart);
}
