import { memo } from 'react';
import type { Metric } from '../../core/device';
import { downsampleMinMax } from '../../core/downsample';
import { timeAt } from '../../core/ringBuffer';

const WINDOW_MS = 10 * 60 * 1000;
const BUCKETS = 40;
const WIDTH = 120;
const HEIGHT = 28;

/** A busy sensor updates its card every frame; its sparkline is redrawn at most this often. */
const REDRAW_MS = 2000;

/**
 * Up to the last ten minutes of one metric as a tiny line, redrawn at a bounded rate (see
 * `sparklineRedrawIn`). It draws the held values: every unit conversion is increasing and linear
 * (°C to °F too), and the line is scaled to its own min and max, so the display unit would draw
 * the very same path.
 */
export const Sparkline = memo(SparklineDrawing, (a, b) => a.gapMs === b.gapMs && a.metric === b.metric);

/**
 * How long a sparkline drawn for `drawn` at `drawnAtMs` may still stand for `latest` at `nowMs`:
 * 0 when it should be drawn again now, Infinity when nothing new was sampled, else the time left
 * until REDRAW_MS has passed since the drawing. A reading that comes sooner is drawn then, not
 * only with the next reading, which may be minutes away.
 */
export function sparklineRedrawIn(drawn: Metric, latest: Metric, drawnAtMs: number, nowMs: number): number {
  if (drawn === latest) return Number.POSITIVE_INFINITY;
  if (drawn.history !== latest.history) return 0;
  if (drawn.sampleAt === latest.sampleAt) return Number.POSITIVE_INFINITY;
  return Math.max(0, drawnAtMs + REDRAW_MS - nowMs);
}

function SparklineDrawing({ metric, gapMs }: { metric: Metric; gapMs: number }) {
  const to = metric.sampleAt;
  const from = Math.max(to - WINDOW_MS, timeAt(metric.history, 0));
  const span = Math.max(1, to - from);
  const points = downsampleMinMax(metric.history, from, to + 1, BUCKETS, gapMs);
  const values = points.flatMap((p) => (p.v === null ? [] : [p.v]));
  if (values.length < 2) return <div className="h-7" aria-hidden="true" />;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const range = max - min || 1;
  let d = '';
  let pen = 'M';
  for (const p of points) {
    if (p.v === null) {
      pen = 'M';
      continue;
    }
    const x = ((p.t - from) / span) * WIDTH;
    const y = HEIGHT - 2 - ((p.v - min) / range) * (HEIGHT - 4);
    d += `${pen}${x.toFixed(1)} ${y.toFixed(1)}`;
    pen = 'L';
  }
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      className="h-7 w-full"
      aria-hidden="true"
    >
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
