import { describe, expect, it } from 'vitest';
import { addToRollup, compactRollup, createRollup, MINUTE_MS, rollupPoints, rollupStart } from './rollup';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('rollup', () => {
  it('keeps min, mean and max per bucket', () => {
    const r = createRollup(MINUTE_MS, 10);
    addToRollup(r, T0 + 1_000, 20);
    addToRollup(r, T0 + 20_000, 24);
    addToRollup(r, T0 + 59_000, 22);
    expect(rollupPoints(r, T0, T0 + MINUTE_MS)).toEqual([{ t: T0 + 30_000, min: 20, mean: 22, max: 24 }]);
  });

  it('starts a new bucket each interval and forgets the oldest past its capacity', () => {
    const r = createRollup(MINUTE_MS, 3);
    for (let i = 0; i < 5; i++) addToRollup(r, T0 + i * MINUTE_MS, i);
    const points = rollupPoints(r, 0, Number.POSITIVE_INFINITY);
    expect(points.map((p) => p.mean)).toEqual([2, 3, 4]);
    expect(rollupStart(r)).toBe(T0 + 2 * MINUTE_MS);
  });

  it('grows from a few buckets to its capacity without losing order', () => {
    const r = createRollup(MINUTE_MS, 100);
    for (let i = 0; i < 150; i++) addToRollup(r, T0 + i * MINUTE_MS, i);
    const means = rollupPoints(r, 0, Number.POSITIVE_INFINITY).map((p) => p.mean);
    expect(means).toHaveLength(100);
    expect(means[0]).toBe(50);
    expect(means[99]).toBe(149);
  });

  it('compacts to the buckets in use for storage, keeping them readable', () => {
    const r = createRollup(MINUTE_MS, 1440);
    for (let i = 0; i < 20; i++) addToRollup(r, T0 + i * MINUTE_MS, i);
    const stored = compactRollup(r);
    expect(stored.starts.length).toBe(20);
    expect(rollupPoints(stored, 0, Number.POSITIVE_INFINITY)).toEqual(
      rollupPoints(r, 0, Number.POSITIVE_INFINITY),
    );
    addToRollup(stored, T0 + 20 * MINUTE_MS, 20);
    expect(rollupPoints(stored, 0, Number.POSITIVE_INFINITY)).toHaveLength(21);
  });

  it('drops samples older than the newest bucket and non-finite values', () => {
    const r = createRollup(MINUTE_MS, 10);
    addToRollup(r, T0 + 2 * MINUTE_MS, 5);
    addToRollup(r, T0, 100);
    addToRollup(r, T0 + 2 * MINUTE_MS, Number.NaN);
    expect(rollupPoints(r, 0, Number.POSITIVE_INFINITY)).toEqual([
      { t: T0 + 2.5 * MINUTE_MS, min: 5, mean: 5, max: 5 },
    ]);
  });

  it('returns only buckets overlapping the window', () => {
    const r = createRollup(MINUTE_MS, 10);
    for (let i = 0; i < 5; i++) addToRollup(r, T0 + i * MINUTE_MS, i);
    expect(rollupPoints(r, T0 + 2 * MINUTE_MS, T0 + 3 * MINUTE_MS).map((p) => p.mean)).toEqual([2, 3]);
  });
});
