import { describe, expect, it } from 'vitest';
import { niceScale, timeTicks } from './niceTicks';

describe('niceScale', () => {
  it('puts temperatures around 21.85 °C on whole and half degrees', () => {
    expect(niceScale(20.4, 21.85, 5, 1)).toEqual({ ticks: [20, 20.5, 21, 21.5, 22], step: 0.5, decimals: 1 });
  });

  it('uses steps of 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceScale(0, 1000, 6, 0).ticks).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceScale(0, 100, 5, 0).ticks).toEqual([0, 25, 50, 75, 100]);
    expect(niceScale(3, 38, 5, 0).ticks).toEqual([0, 10, 20, 30, 40]);
  });

  it('covers the data with its first and last tick', () => {
    const { ticks } = niceScale(-3.2, 17.9, 6, 1);
    expect(ticks[0]).toBeLessThanOrEqual(-3.2);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(17.9);
  });

  it('never steps finer than the precision shows, so no two labels read alike', () => {
    const { ticks, step, decimals } = niceScale(21.81, 21.87, 5, 1);
    expect(step).toBe(0.1);
    expect(decimals).toBe(1);
    expect(new Set(ticks.map((t) => t.toFixed(1))).size).toBe(ticks.length);
  });

  it('skips the 2.5 step when it needs a decimal the unit does not show', () => {
    expect(niceScale(0, 10, 5, 0).step).toBe(5);
    expect(niceScale(0, 10, 5, 1).step).toBe(2.5);
  });

  it('gives a flat line a step either side', () => {
    expect(niceScale(40, 40, 5, 0).ticks).toEqual([39, 40, 41]);
  });

  it('keeps to the number of ticks asked for', () => {
    for (const [min, max] of [
      [0, 1],
      [-40, 120],
      [990, 1035],
      [0.01, 0.07],
    ] as const) {
      expect(niceScale(min, max, 5, 2).ticks.length).toBeLessThanOrEqual(5);
    }
  });

  it('writes ticks without floating-point noise', () => {
    expect(niceScale(0.1, 0.7, 8, 1).ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('has nothing to show for values that are not numbers', () => {
    expect(niceScale(Number.NaN, 1, 5, 1).ticks).toEqual([]);
  });
});

describe('timeTicks', () => {
  const NOON = Date.UTC(2026, 10, 25, 12, 0, 0);

  it('puts a five-minute window on whole minutes', () => {
    const ticks = timeTicks(NOON - 5 * 60_000 + 7000, NOON + 7000, 6, 0);
    expect(ticks).toEqual([NOON - 4 * 60_000, NOON - 3 * 60_000, NOON - 2 * 60_000, NOON - 60_000, NOON]);
  });

  it('puts a day on hours of the local clock', () => {
    const offset = 2 * 3600_000;
    const ticks = timeTicks(NOON - 24 * 3600_000, NOON, 6, offset);
    // Noon UTC is 14:00 at UTC+2: the ticks fall on 18:00, 00:00, 06:00 and 12:00 local.
    const hour = 3600_000;
    expect(ticks).toEqual([NOON - 20 * hour, NOON - 14 * hour, NOON - 8 * hour, NOON - 2 * hour]);
    for (const t of ticks) expect((t + offset) % (6 * hour)).toBe(0);
  });

  it('is empty for an empty window', () => {
    expect(timeTicks(NOON, NOON, 5, 0)).toEqual([]);
  });
});
