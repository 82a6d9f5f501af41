import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from './downsample';
import { createRing, pushSample, type SampleRing } from './ringBuffer';

function ringOf(samples: ReadonlyArray<readonly [number, number]>): SampleRing {
  const ring = createRing(100_000);
  for (const [t, v] of samples) pushSample(ring, t, v);
  return ring;
}

const NO_GAPS = Number.POSITIVE_INFINITY;

describe('downsampleMinMax', () => {
  it('returns nothing for an empty ring', () => {
    expect(downsampleMinMax(createRing(10), 0, 1000, 10, NO_GAPS)).toEqual([]);
  });

  it('returns nothing for an empty or reversed window', () => {
    const ring = ringOf([[500, 1]]);
    expect(downsampleMinMax(ring, 1000, 1000, 10, NO_GAPS)).toEqual([]);
    expect(downsampleMinMax(ring, 1000, 0, 10, NO_GAPS)).toEqual([]);
  });

  it('keeps every sample when there are fewer than the buckets', () => {
    const ring = ringOf([
      [100, 1],
      [500, 2],
      [900, 3],
    ]);
    expect(downsampleMinMax(ring, 0, 1000, 10, NO_GAPS)).toEqual([
      { t: 100, v: 1 },
      { t: 500, v: 2 },
      { t: 900, v: 3 },
    ]);
  });

  it('gives at most two points per bucket however many samples there are', () => {
    const samples = Array.from({ length: 10_000 }, (_, i) => [i, Math.sin(i / 7) * 10] as const);
    const points = downsampleMinMax(ringOf(samples), 0, 10_000, 100, NO_GAPS);
    expect(points.length).toBeLessThanOrEqual(200);
    expect(points.length).toBeGreaterThan(100);
  });

  it('keeps a one-sample spike', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => [i, i === 437 ? 95 : 20] as const);
    const points = downsampleMinMax(ringOf(samples), 0, 1000, 10, NO_GAPS);
    expect(points).toContainEqual({ t: 437, v: 95 });
  });

  it('keeps the minimum and the maximum of a bucket in time order', () => {
    const ring = ringOf([
      [0, 5],
      [10, 9],
      [20, 1],
      [30, 5],
    ]);
    expect(downsampleMinMax(ring, 0, 100, 1, NO_GAPS)).toEqual([
      { t: 10, v: 9 },
      { t: 20, v: 1 },
    ]);
  });

  it('only uses samples inside the window', () => {
    const ring = ringOf([
      [0, 100],
      [50, 1],
      [60, 2],
      [200, 100],
    ]);
    expect(downsampleMinMax(ring, 40, 100, 10, NO_GAPS)).toEqual([
      { t: 50, v: 1 },
      { t: 60, v: 2 },
    ]);
  });

  it('breaks the line with a null point after a silence longer than gapMs', () => {
    const ring = ringOf([
      [0, 1],
      [1000, 2],
      [60_000, 3],
      [61_000, 4],
    ]);
    expect(downsampleMinMax(ring, 0, 100_000, 1000, 10_000)).toEqual([
      { t: 0, v: 1 },
      { t: 1000, v: 2 },
      { t: 1001, v: null },
      { t: 60_000, v: 3 },
      { t: 61_000, v: 4 },
    ]);
  });

  it('does not break the line for silences up to gapMs', () => {
    const ring = ringOf([
      [0, 1],
      [10_000, 2],
    ]);
    expect(downsampleMinMax(ring, 0, 100_000, 1000, 10_000).some((p) => p.v === null)).toBe(false);
  });

  it('skips non-finite values', () => {
    const ring = ringOf([
      [0, 1],
      [10, Number.NaN],
      [20, Number.POSITIVE_INFINITY],
      [30, 2],
    ]);
    expect(downsampleMinMax(ring, 0, 100, 100, NO_GAPS)).toEqual([
      { t: 0, v: 1 },
      { t: 30, v: 2 },
    ]);
  });
});
