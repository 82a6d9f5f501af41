import { describe, expect, it } from 'vitest';
import type { Metric } from '../../core/device';
import { createRing } from '../../core/ringBuffer';
import { sparklineRedrawIn } from './Sparkline';

const history = createRing(8);
// Only what the redraw rule reads: the history's identity and when the last sample was taken.
const metric = (sampleAt: number, ring = history): Metric =>
  ({ history: ring, sampleAt }) as unknown as Metric;

describe('sparklineRedrawIn', () => {
  const T = 1_000_000;

  it('keeps a drawing while nothing new was sampled', () => {
    const drawn = metric(T);
    expect(sparklineRedrawIn(drawn, drawn, T, T + 60_000)).toBe(Number.POSITIVE_INFINITY);
    expect(sparklineRedrawIn(drawn, metric(T), T, T + 60_000)).toBe(Number.POSITIVE_INFINITY);
  });

  it('draws a new sample at once when the drawing is two seconds old', () => {
    expect(sparklineRedrawIn(metric(T), metric(T + 60_000), T, T + 60_000)).toBe(0);
  });

  it('draws a sample that came sooner when the two seconds are up, not at the next reading', () => {
    expect(sparklineRedrawIn(metric(T), metric(T + 500), T, T + 500)).toBe(1500);
    expect(sparklineRedrawIn(metric(T), metric(T + 500), T, T + 2000)).toBe(0);
  });

  it('draws at once a history that is another one', () => {
    expect(sparklineRedrawIn(metric(T), metric(T + 1, createRing(8)), T, T + 1)).toBe(0);
  });
});
