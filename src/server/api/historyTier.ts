import type { HistoryTier } from '../../core/historyApi.ts';
import { FIVE_MINUTES_MS, HOUR_MS, type Retention } from '../recorder/storage.ts';

/**
 * Which tier answers a history request. Raw readings while they fit the requested points;
 * raw thinned to its extremes when the 5-minute tier would draw fewer points than asked (a day
 * of readings every 30 s is better than 288 buckets); else 5-minute buckets while the range
 * needs at most about five times the points of them (merged down afterwards); else hourly.
 * A tier is used only where its retention still covers the start of the range, and, in a chart
 * of many series, only while it reads at most the series' share of the batch's rows.
 */

/** The most raw readings one answer reads (a reading every 4 s for a day); bounds the query. */
export const RAW_FETCH_MAX = 20_000;
/**
 * How many 5-minute buckets per requested point the 5-minute tier may read before hourly wins:
 * five lets a week (2,016 buckets) at the default 500 points keep its 5-minute detail merged to
 * 25 minutes, where hourly would draw only 168 points.
 */
const FIVE_MINUTE_BUCKETS_PER_POINT = 5;

export const TIER_BUCKET_MS: Readonly<Record<HistoryTier, number>> = {
  raw: 0,
  '5m': FIVE_MINUTES_MS,
  '1h': HOUR_MS,
};

/** Whether a tier kept for `keptMs` (null: for ever) still holds readings from `from` at `nowMs`. */
export function tierCovers(keptMs: number | null, from: number, nowMs: number): boolean {
  return keptMs === null || from >= nowMs - keptMs;
}

export interface TierQuestion {
  from: number;
  to: number;
  points: number;
  nowMs: number;
  retention: Retention;
  /**
   * Raw readings of the series in the range (stored and pending), counted up to
   * `RAW_FETCH_MAX`; null when raw retention does not cover the range (nothing was counted).
   */
  rawCount: number | null;
  /**
   * The most rows this series may read: a chart of many series shares one budget, so each line
   * reads fewer (a chart of 200 lines cannot show 500 points of each). Unbounded when absent.
   */
  rowsMax?: number;
}

export function chooseTier(question: TierQuestion): HistoryTier {
  const { from, to, points, nowMs, retention, rawCount, rowsMax = Number.POSITIVE_INFINITY } = question;
  const fiveMinuteBuckets = Math.ceil((to - from) / FIVE_MINUTES_MS);
  if (rawCount !== null && rawCount <= rowsMax) {
    if (rawCount <= points) return 'raw';
    if (rawCount < RAW_FETCH_MAX && fiveMinuteBuckets < points) return 'raw';
  }
  if (
    tierCovers(retention.fiveMinuteMs, from, nowMs) &&
    fiveMinuteBuckets <= points * FIVE_MINUTE_BUCKETS_PER_POINT &&
    fiveMinuteBuckets <= rowsMax
  )
    return '5m';
  return '1h';
}
