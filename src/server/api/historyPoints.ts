import type { Aggregation } from '../../core/quantity.ts';
import type { BucketRow, EventRow } from '../recorder/storage.ts';

/**
 * The arithmetic of a history answer, kept pure: merging stored and pending readings, thinning
 * raw readings to their extremes, rolling raw readings into buckets (the newest minutes, not
 * rolled up yet), merging neighbouring buckets down to the requested points, and the recorder's
 * outages as gaps.
 */

export type Reading = [number, number];

/**
 * Stored readings and the recorder's pending ones, in time order; a pending reading replaces a
 * stored one at the same time (the storage does the same when it writes it).
 */
export function mergeReadings(stored: readonly Reading[], pending: readonly Reading[]): Reading[] {
  if (pending.length === 0) return [...stored];
  const byTime = new Map<number, number>();
  for (const [at, value] of stored) byTime.set(at, value);
  for (const [at, value] of pending) byTime.set(at, value);
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * At most `points` readings: the range cut in `points / 2` slices, each keeping its lowest and
 * highest reading in time order, so a spike survives the thinning. Fewer readings pass as they are.
 */
export function thinReadings(
  readings: readonly Reading[],
  from: number,
  to: number,
  points: number,
): Reading[] {
  if (readings.length <= points) return [...readings];
  if (points < 2) return readings.slice(-1);
  const slices = Math.floor(points / 2);
  const width = (to - from + 1) / slices;
  const thinned: Reading[] = [];
  let slice = -1;
  let low: Reading | null = null;
  let high: Reading | null = null;
  const flush = () => {
    if (!low || !high) return;
    if (low === high) thinned.push(low);
    else if (low[0] < high[0]) thinned.push(low, high);
    else thinned.push(high, low);
  };
  for (const reading of readings) {
    const at = Math.min(slices - 1, Math.max(0, Math.floor((reading[0] - from) / width)));
    if (at !== slice) {
      flush();
      slice = at;
      low = reading;
      high = reading;
      continue;
    }
    if (low && reading[1] < low[1]) low = reading;
    if (high && reading[1] > high[1]) high = reading;
  }
  flush();
  return thinned;
}

/**
 * Raw readings (time order) as buckets of `bucketMs` aligned to the epoch, as the recorder
 * rolls them up: min, max, count, and the mean, or the last value for quantities that condense
 * by their last value (states, counters).
 */
export function bucketReadings(
  readings: readonly Reading[],
  bucketMs: number,
  aggregation: Aggregation,
): BucketRow[] {
  const buckets: BucketRow[] = [];
  let current: { start: number; sum: number; last: number; min: number; max: number; count: number } | null =
    null;
  const flush = () => {
    if (!current) return;
    const value = aggregation === 'mean' ? current.sum / current.count : current.last;
    buckets.push([current.start, value, current.min, current.max, current.count]);
  };
  for (const [at, value] of readings) {
    const start = Math.floor(at / bucketMs) * bucketMs;
    if (!current || current.start !== start) {
      flush();
      current = { start, sum: 0, last: value, min: value, max: value, count: 0 };
    }
    current.sum += value;
    current.count += 1;
    current.last = value;
    current.min = Math.min(current.min, value);
    current.max = Math.max(current.max, value);
  }
  flush();
  return buckets;
}

/**
 * Stored buckets, with those from `tailStart` on replaced by `tail` (computed from raw readings:
 * the stored ones there may be partial, or missing until the next rollup).
 */
export function spliceTail(
  stored: readonly BucketRow[],
  tail: readonly BucketRow[],
  tailStart: number,
): BucketRow[] {
  return [
    ...stored.filter((bucket) => bucket[0] < tailStart),
    ...tail.filter((bucket) => bucket[0] >= tailStart),
  ];
}

/** The width merged buckets need so that a range of `rangeMs` fits in `points` of them. */
export function mergedBucketMs(rangeMs: number, bucketMs: number, points: number): number {
  // Aligned groups overlapping the range number at most range / width + 1.
  const factor = Math.max(1, Math.ceil(rangeMs / (bucketMs * Math.max(1, points - 1))));
  return bucketMs * factor;
}

/**
 * Neighbouring buckets merged into groups `width` wide (aligned to the epoch, so an answer does
 * not shift as the range slides): min of mins, max of maxes, and the count-weighted mean (each
 * bucket weighs the same when counts are unknown), or the last bucket's value for quantities that
 * condense by their last value. At most `points` come out.
 */
export function mergeBuckets(
  buckets: readonly BucketRow[],
  width: number,
  points: number,
  aggregation: Aggregation,
): BucketRow[] {
  const merged: BucketRow[] = [];
  let group: {
    start: number;
    weighted: number;
    weight: number;
    last: number;
    min: number;
    max: number;
    count: number;
  } | null = null;
  const flush = () => {
    if (!group) return;
    const value = aggregation === 'mean' ? group.weighted / group.weight : group.last;
    merged.push([group.start, value, group.min, group.max, group.count]);
  };
  for (const [start, value, min, max, count] of buckets) {
    const groupStart = Math.floor(start / width) * width;
    if (!group || group.start !== groupStart) {
      flush();
      group = { start: groupStart, weighted: 0, weight: 0, last: value, min, max, count: 0 };
    }
    const weight = count ?? 1;
    group.weighted += value * weight;
    group.weight += weight;
    group.count += weight;
    group.last = value;
    group.min = Math.min(group.min, min);
    group.max = Math.max(group.max, max);
  }
  flush();
  // Only a request for a single point can overflow (two groups straddling the range).
  return merged.length > points ? mergeBuckets(merged, width * 2, points, aggregation) : merged;
}

/** The recorder's outages overlapping [from, to], clipped to it, oldest first. */
export function outageGaps(
  events: readonly EventRow[],
  from: number,
  to: number,
): Array<{ from: number; to: number }> {
  return events
    .filter((event) => event.kind === 'recorder-outage' && event.at < to && (event.until ?? to) > from)
    .map((event) => ({ from: Math.max(from, event.at), to: Math.min(to, event.until ?? to) }))
    .sort((a, b) => a.from - b.from);
}
