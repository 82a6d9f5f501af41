import type { Aggregation } from './quantity';

/**
 * Long-term history as fixed-width time buckets (min, mean, max, last) in typed arrays that grow
 * up to a fixed capacity: one-minute buckets for a day and ten-minute buckets for a week cost the
 * same whatever the message rate, and a new series costs almost nothing. Mutated in place,
 * like the raw ring buffer.
 */
export interface Rollup {
  readonly bucketMs: number;
  readonly capacity: number;
  /**
   * How its quantity condenses (quantity.ts): a bucket's `value` is the mean of a measurement,
   * the last value of a state or of a counter (an energy meter's mean is no reading it ever had).
   */
  readonly aggregation: Aggregation;
  starts: Float64Array;
  mins: Float64Array;
  maxs: Float64Array;
  sums: Float64Array;
  counts: Float64Array;
  lasts: Float64Array;
  /** Index of the oldest bucket. */
  first: number;
  length: number;
}

export const MINUTE_MS = 60_000;
export const TEN_MINUTES_MS = 10 * MINUTE_MS;

/** The tiers kept per metric beside the raw ring: a day of minutes, a week of ten minutes. */
export interface SeriesRollups {
  minute: Rollup;
  tenMinute: Rollup;
}

const INITIAL_BUCKETS = 16;

const COLUMNS = 6;
const DOUBLE_BYTES = 8;

export function createRollup(
  bucketMs: number,
  capacity: number,
  aggregation: Aggregation = 'mean',
  /** Room for the first buckets, shared with other series' (see createSeriesRollups). */
  room: { buffer: ArrayBuffer; byteOffset: number } | null = null,
): Rollup {
  const slots = Math.min(capacity, INITIAL_BUCKETS);
  const buffer = room?.buffer ?? new ArrayBuffer(COLUMNS * slots * DOUBLE_BYTES);
  const at = room?.byteOffset ?? 0;
  const column = (i: number) => new Float64Array(buffer, at + i * slots * DOUBLE_BYTES, slots);
  return {
    bucketMs,
    capacity,
    aggregation,
    starts: column(0),
    mins: column(1),
    maxs: column(2),
    sums: column(3),
    counts: column(4),
    lasts: column(5),
    first: 0,
    length: 0,
  };
}

/** Copies the buckets, oldest first, into arrays of `slots` entries. */
function resize(rollup: Rollup, slots: number): void {
  const columns = ['starts', 'mins', 'maxs', 'sums', 'counts', 'lasts'] as const;
  const size = rollup.starts.length;
  const kept = Math.min(rollup.length, slots);
  const skip = rollup.length - kept;
  for (const column of columns) {
    const next = new Float64Array(slots);
    const old = rollup[column];
    for (let i = 0; i < kept; i++) next[i] = old[(rollup.first + skip + i) % size] ?? 0;
    rollup[column] = next;
  }
  rollup.first = 0;
  rollup.length = kept;
}

/** A copy holding only the buckets in use, for storage. */
export function compactRollup(rollup: Rollup): Rollup {
  const copy: Rollup = { ...rollup };
  resize(copy, Math.max(1, rollup.length));
  return copy;
}

/** The tiers of a new series, aggregating as its quantity does ('mean' for one of no known quantity). */
export function createSeriesRollups(aggregation: Aggregation = 'mean'): SeriesRollups {
  // Both tiers' first buckets in one allocation, not twelve: a browser allocates each typed
  // array's memory apart, and a fleet of 200 devices seen in its first second made 5,000 of them
  // in one task (a third of a second on a slow tablet). The tiers grow apart later, if ever.
  const tierBytes = COLUMNS * INITIAL_BUCKETS * DOUBLE_BYTES;
  const buffer = new ArrayBuffer(2 * tierBytes);
  return {
    minute: createRollup(MINUTE_MS, 24 * 60, aggregation, { buffer, byteOffset: 0 }),
    tenMinute: createRollup(TEN_MINUTES_MS, 7 * 24 * 6, aggregation, { buffer, byteOffset: tierBytes }),
  };
}

/**
 * Adds a sample to its bucket. A sample older than the newest bucket is dropped: late data
 * cannot be placed without reordering, and the raw ring keeps it anyway.
 */
export function addToRollup(rollup: Rollup, time: number, value: number): void {
  if (!Number.isFinite(value) || !Number.isFinite(time)) return;
  const start = Math.floor(time / rollup.bucketMs) * rollup.bucketMs;
  const slots = rollup.starts.length;
  const last = rollup.length === 0 ? -1 : (rollup.first + rollup.length - 1) % slots;
  if (last >= 0 && rollup.starts[last] === start) {
    rollup.mins[last] = Math.min(rollup.mins[last] ?? value, value);
    rollup.maxs[last] = Math.max(rollup.maxs[last] ?? value, value);
    rollup.sums[last] = (rollup.sums[last] ?? 0) + value;
    rollup.counts[last] = (rollup.counts[last] ?? 0) + 1;
    rollup.lasts[last] = value;
    return;
  }
  if (last >= 0 && start < (rollup.starts[last] ?? 0)) return;
  if (rollup.length === rollup.starts.length && rollup.length < rollup.capacity) {
    resize(rollup, Math.min(rollup.capacity, Math.ceil(rollup.length * 1.5)));
  }
  const size = rollup.starts.length;
  let at: number;
  if (rollup.length < size) {
    at = (rollup.first + rollup.length) % size;
    rollup.length++;
  } else {
    at = rollup.first;
    rollup.first = (rollup.first + 1) % size;
  }
  rollup.starts[at] = start;
  rollup.mins[at] = value;
  rollup.maxs[at] = value;
  rollup.sums[at] = value;
  rollup.counts[at] = 1;
  rollup.lasts[at] = value;
}

export function addToRollups(rollups: SeriesRollups, time: number, value: number): void {
  addToRollup(rollups.minute, time, value);
  addToRollup(rollups.tenMinute, time, value);
}

export interface BucketPoint {
  /** Middle of the bucket. */
  t: number;
  min: number;
  mean: number;
  max: number;
  /** The bucket's latest sample. */
  last: number;
  /** What the bucket stands for, by the rollup's aggregation: the mean, or the last value. */
  value: number;
}

/** Buckets overlapping [fromMs, toMs], oldest first. */
export function rollupPoints(rollup: Rollup, fromMs: number, toMs: number): BucketPoint[] {
  const points: BucketPoint[] = [];
  const size = rollup.starts.length;
  for (let i = 0; i < rollup.length; i++) {
    const at = (rollup.first + i) % size;
    const start = rollup.starts[at] ?? 0;
    if (start + rollup.bucketMs <= fromMs || start > toMs) continue;
    const count = rollup.counts[at] ?? 0;
    if (count === 0) continue;
    const mean = (rollup.sums[at] ?? 0) / count;
    const last = rollup.lasts[at] ?? mean;
    points.push({
      t: start + rollup.bucketMs / 2,
      min: rollup.mins[at] ?? 0,
      mean,
      max: rollup.maxs[at] ?? 0,
      last,
      value: rollup.aggregation === 'mean' ? mean : last,
    });
  }
  return points;
}

/** The oldest bucket's start, or null when empty. */
export function rollupStart(rollup: Rollup): number | null {
  return rollup.length === 0 ? null : (rollup.starts[rollup.first] ?? null);
}
