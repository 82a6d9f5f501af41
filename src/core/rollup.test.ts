import { describe, expect, it } from 'vitest';
import {
  addToRollup,
  addToRollups,
  compactRollup,
  createRollup,
  createSeriesRollups,
  MINUTE_MS,
  rollupPoints,
  rollupStart,
} from './rollup';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('rollup', () => {
  it('keeps min, mean and max per bucket', () => {
    const r = createRollup(MINUTE_MS, 10);
    addToRollup(r, T0 + 1_000, 20);
    addToRollup(r, T0 + 20_000, 24);
    addToRollup(r, T0 + 59_000, 22);
    expect(rollupPoints(r, T0, T0 + MINUTE_MS)).toEqual([
      { t: T0 + 30_000, min: 20, mean: 22, max: 24, last: 22, value: 22 },
    ]);
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
      { t: T0 + 2.5 * MINUTE_MS, min: 5, mean: 5, max: 5, last: 5, value: 5 },
    ]);
  });

  it('returns only buckets overlapping the window', () => {
    const r = createRollup(MINUTE_MS, 10);
    for (let i = 0; i < 5; i++) addToRollup(r, T0 + i * MINUTE_MS, i);
    expect(rollupPoints(r, T0 + 2 * MINUTE_MS, T0 + 3 * MINUTE_MS).map((p) => p.mean)).toEqual([2, 3]);
  });

  it('stands a state for its last value in a bucket, never a mean between off and on', () => {
    const r = createRollup(MINUTE_MS, 10, 'last');
    addToRollup(r, T0, 1);
    addToRollup(r, T0 + 1000, 0);
    addToRollup(r, T0 + 2000, 0);
    expect(rollupPoints(r, 0, Number.POSITIVE_INFINITY)).toMatchObject([{ max: 1, last: 0, value: 0 }]);
  });

  it('stands an energy counter for its reading at the end of the bucket', () => {
    const r = createRollup(MINUTE_MS, 10, 'increase');
    for (const [i, kWh] of [100.1, 100.2, 100.6].entries()) addToRollup(r, T0 + i * 1000, kWh);
    expect(rollupPoints(r, 0, Number.POSITIVE_INFINITY)[0]?.value).toBe(100.6);
  });

  it('keeps the aggregation and the last values through compaction', () => {
    const r = createRollup(MINUTE_MS, 100, 'last');
    for (let i = 0; i < 20; i++) addToRollup(r, T0 + i * MINUTE_MS, i % 2);
    const stored = compactRollup(r);
    expect(stored.aggregation).toBe('last');
    expect(rollupPoints(stored, 0, Number.POSITIVE_INFINITY).map((p) => p.value)).toEqual(
      rollupPoints(r, 0, Number.POSITIVE_INFINITY).map((p) => p.last),
    );
  });

  it('gives both tiers of a series its aggregation', () => {
    const tiers = createSeriesRollups('increase');
    addToRollups(tiers, T0, 5);
    addToRollups(tiers, T0 + 1000, 6);
    expect(rollupPoints(tiers.minute, 0, Number.POSITIVE_INFINITY)[0]?.value).toBe(6);
    expect(rollupPoints(tiers.tenMinute, 0, Number.POSITIVE_INFINITY)[0]?.value).toBe(6);
  });
});
