import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../recorder/storage.ts';
import { chooseTier, RAW_FETCH_MAX, tierCovers } from './historyTier.ts';

const NOW = 1_767_225_600_000;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const ask = (rangeMs: number, rawCount: number | null, points = 500) =>
  chooseTier({ from: NOW - rangeMs, to: NOW, points, nowMs: NOW, retention: DEFAULT_RETENTION, rawCount });

describe('tierCovers', () => {
  it('covers a range that starts within the retention, and any range when kept for ever', () => {
    expect(tierCovers(10 * DAY_MS, NOW - 10 * DAY_MS, NOW)).toBe(true);
    expect(tierCovers(10 * DAY_MS, NOW - 10 * DAY_MS - 1, NOW)).toBe(false);
    expect(tierCovers(null, 0, NOW)).toBe(true);
  });
});

describe('chooseTier', () => {
  it('answers raw readings while they fit the points asked for', () => {
    expect(ask(7 * DAY_MS, 500)).toBe('raw');
    expect(ask(HOUR_MS, 0)).toBe('raw');
  });

  it('thins raw readings rather than draw fewer 5-minute buckets than points asked for', () => {
    // A day is 288 five-minute buckets: a reading every 10 s draws better thinned.
    expect(ask(DAY_MS, 8640)).toBe('raw');
    expect(ask(DAY_MS, RAW_FETCH_MAX)).toBe('5m');
  });

  it('answers 5-minute buckets for a week of frequent readings', () => {
    expect(ask(7 * DAY_MS, 60_480)).toBe('5m');
    expect(ask(7 * DAY_MS, 501)).toBe('5m');
  });

  it('answers hourly buckets for 30 days at 500 points', () => {
    // 8,640 five-minute buckets is more than four per point.
    expect(ask(30 * DAY_MS, null)).toBe('1h');
  });

  it('answers 5-minute buckets for 30 days when 2,500 points are asked for', () => {
    expect(ask(30 * DAY_MS, null, 2500)).toBe('5m');
  });

  it('answers hourly buckets where the 5-minute tier no longer reaches', () => {
    const from = NOW - 400 * DAY_MS;
    expect(
      chooseTier({
        from,
        to: from + DAY_MS,
        points: 500,
        nowMs: NOW,
        retention: DEFAULT_RETENTION,
        rawCount: null,
      }),
    ).toBe('1h');
  });

  it('answers a short range older than raw retention from 5-minute buckets', () => {
    const from = NOW - 20 * DAY_MS;
    expect(
      chooseTier({
        from,
        to: from + DAY_MS,
        points: 500,
        nowMs: NOW,
        retention: DEFAULT_RETENTION,
        rawCount: null,
      }),
    ).toBe('5m');
  });

  it('reads no more than the share of rows a series has in a chart of many', () => {
    const question = {
      from: NOW - 7 * DAY_MS,
      to: NOW,
      points: 500,
      nowMs: NOW,
      retention: DEFAULT_RETENTION,
    };
    // 200 lines sharing 50,000 rows: 250 each, so a week of 2,016 five-minute buckets is too many.
    expect(chooseTier({ ...question, rawCount: 10_080, rowsMax: 250 })).toBe('1h');
    expect(chooseTier({ ...question, rawCount: 200, rowsMax: 250 })).toBe('raw');
    expect(chooseTier({ ...question, rawCount: 10_080, rowsMax: 2016 })).toBe('5m');
    // A day of a reading every 10 s is thinned from raw alone, but not past the share.
    const day = { ...question, from: NOW - DAY_MS };
    expect(chooseTier({ ...day, rawCount: 8640, rowsMax: 10_000 })).toBe('raw');
    expect(chooseTier({ ...day, rawCount: 8640, rowsMax: 500 })).toBe('5m');
  });
});
