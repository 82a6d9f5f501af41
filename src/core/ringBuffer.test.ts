import { describe, expect, it } from 'vitest';
import {
  createRing,
  firstIndexAtOrAfter,
  lastTime,
  pushSample,
  recordSample,
  type SampleRing,
  timeAt,
  valueAt,
} from './ringBuffer';

function samplesOf(ring: SampleRing): Array<[number, number]> {
  return Array.from({ length: ring.length }, (_, i) => [timeAt(ring, i), valueAt(ring, i)]);
}

function ringWith(capacity: number, times: readonly number[]): SampleRing {
  const ring = createRing(capacity);
  for (const t of times) pushSample(ring, t, t * 10);
  return ring;
}

describe('ring buffer', () => {
  it('starts empty', () => {
    const ring = createRing(100);
    expect(ring.length).toBe(0);
    expect(lastTime(ring)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('keeps samples oldest first', () => {
    const ring = ringWith(10, [1, 2, 3]);
    expect(samplesOf(ring)).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    expect(lastTime(ring)).toBe(3);
  });

  it('starts small and grows as samples arrive, up to its capacity', () => {
    const ring = createRing(1000);
    expect(ring.times.length).toBeLessThan(1000);
    for (let t = 0; t < 1000; t++) pushSample(ring, t, t);
    expect(ring.length).toBe(1000);
    expect(ring.times.length).toBe(1000);
    expect(timeAt(ring, 0)).toBe(0);
    expect(timeAt(ring, 999)).toBe(999);
  });

  it('never grows past its capacity', () => {
    const ring = ringWith(
      100,
      Array.from({ length: 500 }, (_, i) => i),
    );
    expect(ring.length).toBe(100);
    expect(ring.times.length).toBe(100);
  });

  it('overwrites the oldest sample once full', () => {
    const ring = ringWith(3, [1, 2, 3, 4]);
    expect(samplesOf(ring)).toEqual([
      [2, 20],
      [3, 30],
      [4, 40],
    ]);
  });

  it('keeps the order after wrapping many times', () => {
    const ring = ringWith(
      5,
      Array.from({ length: 23 }, (_, i) => i + 1),
    );
    expect(samplesOf(ring).map(([t]) => t)).toEqual([19, 20, 21, 22, 23]);
    expect(lastTime(ring)).toBe(23);
  });

  it('keeps the order when it wraps after growing', () => {
    const ring = ringWith(
      100,
      Array.from({ length: 150 }, (_, i) => i),
    );
    expect(timeAt(ring, 0)).toBe(50);
    expect(timeAt(ring, 99)).toBe(149);
    expect(valueAt(ring, 99)).toBe(1490);
  });
});

describe('firstIndexAtOrAfter', () => {
  it('finds the first sample at a time', () => {
    expect(firstIndexAtOrAfter(ringWith(10, [10, 20, 30, 40]), 20)).toBe(1);
  });

  it('finds the first sample after a time between samples', () => {
    expect(firstIndexAtOrAfter(ringWith(10, [10, 20, 30, 40]), 25)).toBe(2);
  });

  it('gives 0 for a time before every sample', () => {
    expect(firstIndexAtOrAfter(ringWith(10, [10, 20, 30]), 0)).toBe(0);
  });

  it('gives the length for a time after every sample', () => {
    expect(firstIndexAtOrAfter(ringWith(10, [10, 20, 30]), 31)).toBe(3);
  });

  it('gives 0 on an empty ring', () => {
    expect(firstIndexAtOrAfter(createRing(10), 5)).toBe(0);
  });

  it('finds the first of equal times', () => {
    expect(firstIndexAtOrAfter(ringWith(10, [10, 20, 20, 20, 30]), 20)).toBe(1);
  });

  it('searches in time order after wrapping', () => {
    const ring = ringWith(4, [1, 2, 3, 4, 5, 6]); // holds 3, 4, 5, 6
    expect(firstIndexAtOrAfter(ring, 5)).toBe(2);
    expect(firstIndexAtOrAfter(ring, 1)).toBe(0);
  });
});

describe('recordSample', () => {
  it('keeps every sample while the ring has room', () => {
    const ring = createRing(8);
    recordSample(ring, 1000, 1, 250);
    recordSample(ring, 1100, 2, 250);
    expect(ring.length).toBe(2);
  });

  it('once full, keeps one sample per slot, the latest, so a fast sensor does not flush the history', () => {
    const ring = createRing(2);
    recordSample(ring, 1000, 1, 250);
    recordSample(ring, 1100, 2, 250);
    recordSample(ring, 1240, 3, 250);
    recordSample(ring, 1250, 4, 250);
    expect(ring.length).toBe(2);
    expect([timeAt(ring, 0), valueAt(ring, 0)]).toEqual([1240, 3]);
    expect([timeAt(ring, 1), valueAt(ring, 1)]).toEqual([1250, 4]);
  });
});
