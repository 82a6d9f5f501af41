import { describe, expect, it } from 'vitest';
import type { BucketRow, EventRow } from '../recorder/storage.ts';
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

const MINUTE_MS = 60_000;
const FIVE_MINUTES_MS = 5 * MINUTE_MS;
const HOUR_MS = 60 * MINUTE_MS;

describe('mergeReadings', () => {
  it('puts pending readings in time order among the stored ones, replacing one at the same time', () => {
    expect(
      mergeReadings(
        [
          [1000, 20],
          [3000, 21],
        ],
        [
          [4000, 23],
          [3000, 22],
        ],
      ),
    ).toEqual([
      [1000, 20],
      [3000, 22],
      [4000, 23],
    ]);
  });
});

describe('thinReadings', () => {
  it('passes readings that fit through unchanged', () => {
    const readings: Reading[] = [
      [0, 1],
      [10, 2],
    ];
    expect(thinReadings(readings, 0, 100, 2)).toEqual(readings);
  });

  it('keeps the lowest and highest reading of each slice, so a one-reading spike survives', () => {
    const readings: Reading[] = Array.from({ length: 1000 }, (_, i) => [i * 1000, i === 637 ? 99 : 20]);
    const thinned = thinReadings(readings, 0, 999_999, 100);
    expect(thinned.length).toBeLessThanOrEqual(100);
    expect(thinned).toContainEqual([637_000, 99]);
    expect(thinned.map(([at]) => at)).toEqual([...thinned.map(([at]) => at)].sort((a, b) => a - b));
  });

  it('keeps the newest reading when a single point is asked for', () => {
    expect(
      thinReadings(
        [
          [0, 1],
          [5, 2],
        ],
        0,
        10,
        1,
      ),
    ).toEqual([[5, 2]]);
  });
});

describe('bucketReadings', () => {
  it('rolls readings into aligned buckets with mean, min, max and count', () => {
    const readings: Reading[] = [
      [FIVE_MINUTES_MS + 1000, 20],
      [FIVE_MINUTES_MS + 2000, 24],
      [2 * FIVE_MINUTES_MS, 10],
    ];
    expect(bucketReadings(readings, FIVE_MINUTES_MS, 'mean')).toEqual([
      [FIVE_MINUTES_MS, 22, 20, 24, 2],
      [2 * FIVE_MINUTES_MS, 10, 10, 10, 1],
    ]);
  });

  it('keeps the last value of a state or a counter, not a mean it never had', () => {
    const readings: Reading[] = [
      [0, 0],
      [1000, 1],
    ];
    expect(bucketReadings(readings, FIVE_MINUTES_MS, 'last')).toEqual([[0, 1, 0, 1, 2]]);
  });
});

describe('spliceTail', () => {
  it('replaces stored buckets from the tail on with those computed from raw readings', () => {
    const stored: BucketRow[] = [
      [0, 1, 1, 1],
      [HOUR_MS, 2, 2, 2],
    ];
    const tail: BucketRow[] = [
      [HOUR_MS, 3, 2, 4, 10],
      [2 * HOUR_MS, 5, 5, 5, 1],
    ];
    expect(spliceTail(stored, tail, HOUR_MS)).toEqual([[0, 1, 1, 1], ...tail]);
  });
});

describe('mergedBucketMs', () => {
  it('keeps the tier width when the range fits, and widens by whole buckets when not', () => {
    expect(mergedBucketMs(24 * HOUR_MS, HOUR_MS, 500)).toBe(HOUR_MS);
    // 30 days of 5-minute buckets (8,640) in 500 points: 18 buckets (1.5 h) each.
    expect(mergedBucketMs(30 * 24 * HOUR_MS, FIVE_MINUTES_MS, 500)).toBe(18 * FIVE_MINUTES_MS);
  });
});

describe('mergeBuckets', () => {
  it('takes the min of mins, the max of maxes and the mean weighted by count', () => {
    const buckets: BucketRow[] = [
      [0, 10, 5, 12, 1],
      [HOUR_MS, 20, 18, 30, 3],
    ];
    expect(mergeBuckets(buckets, 2 * HOUR_MS, 10, 'mean')).toEqual([[0, 17.5, 5, 30, 4]]);
  });

  it('weighs each bucket the same when the storage gives no counts', () => {
    const buckets: BucketRow[] = [
      [0, 10, 5, 12],
      [HOUR_MS, 20, 18, 30],
    ];
    expect(mergeBuckets(buckets, 2 * HOUR_MS, 10, 'mean')).toEqual([[0, 15, 5, 30, 2]]);
  });

  it('keeps the last bucket value of a counter', () => {
    const buckets: BucketRow[] = [
      [0, 100, 100, 110, 6],
      [HOUR_MS, 120, 110, 120, 6],
    ];
    expect(mergeBuckets(buckets, 2 * HOUR_MS, 10, 'increase')[0]?.[1]).toBe(120);
  });

  it('gives at most the points asked for over a range, aligned to the epoch', () => {
    const range = 30 * 24 * HOUR_MS;
    const buckets: BucketRow[] = Array.from({ length: range / FIVE_MINUTES_MS + 1 }, (_, i) => [
      1_000_000 * FIVE_MINUTES_MS + i * FIVE_MINUTES_MS,
      i,
      i,
      i,
    ]);
    const width = mergedBucketMs(range, FIVE_MINUTES_MS, 500);
    const merged = mergeBuckets(buckets, width, 500, 'mean');
    expect(merged.length).toBeLessThanOrEqual(500);
    for (const [start] of merged) expect(start % width).toBe(0);
    expect(Math.min(...merged.map((bucket) => bucket[2]))).toBe(0);
    expect(Math.max(...merged.map((bucket) => bucket[3]))).toBe(buckets.length - 1);
  });

  it('merges down to one point when one is asked for', () => {
    const buckets: BucketRow[] = [
      [0, 1, 1, 1],
      [HOUR_MS, 3, 3, 3],
    ];
    expect(mergeBuckets(buckets, HOUR_MS, 1, 'mean')).toEqual([[0, 2, 1, 3, 2]]);
  });
});

describe('outageGaps', () => {
  const outage = (at: number, until: number | null): EventRow => ({
    at,
    kind: 'recorder-outage',
    device: null,
    name: null,
    metric: null,
    value: null,
    text: 'The recorder was not running',
    until,
  });

  it('clips outages to the range and ignores other events and outages outside it', () => {
    const events: EventRow[] = [
      outage(500, 1500),
      { ...outage(1200, null), kind: 'offline', device: 'generic/kitchen' },
      outage(1800, 2500),
      outage(3000, 4000),
      outage(100, 900),
    ];
    expect(outageGaps(events, 1000, 2000)).toEqual([
      { from: 1000, to: 1500 },
      { from: 1800, to: 2000 },
    ]);
  });

  it('runs an outage still open to the end of the range', () => {
    expect(outageGaps([outage(1500, null)], 1000, 2000)).toEqual([{ from: 1500, to: 2000 }]);
  });
});
