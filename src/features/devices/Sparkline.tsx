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
 * Up to the last ten minutes of one metric as a tiny line, redrawn at a bounded rate. It draws
 * the held values: every unit conversion is increasing and linear (°C to °F too), and the line is
 * scaled to its own min and max, so the display unit would draw the very same path.
 */
export const Sparkline = memo(
  SparklineDrawing,
  (a, b) => a.gapMs === b.gapMs && sameSparkline(a.metric, b.metric),
);

/** Whether a sparkline drawn for `a` may stand for `b`: the same history, redrawn at most every REDRAW_MS. */
export function sameSparkline(a: Metric, b: Metric): boolean {
  return a.history === b.history && Math.floor(a.sampleAt / REDRAW_MS) === Math.floor(b.sampleAt / REDRAW_MS);
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
