import { firstIndexAtOrAfter, type SampleRing, timeAt, valueAt } from './ringBuffer';

export interface ChartPoint {
  t: number;
  /** null breaks the line: a gap in the data. */
  v: number | null;
}

/**
 * Reduces the samples in [fromMs, toMs] to at most about `2 * buckets` points: for each time
 * bucket the minimum and the maximum in time order, so spikes survive and a line costs a few
 * hundred points whatever the message rate. A silence longer than `gapMs` becomes a null point
 * so the chart shows a gap instead of a line drawn across it.
 */
export function downsampleMinMax(
  ring: SampleRing,
  fromMs: number,
  toMs: number,
  buckets: number,
  gapMs: number,
): ChartPoint[] {
  const points: ChartPoint[] = [];
  const first = firstIndexAtOrAfter(ring, fromMs);
  if (first >= ring.length || toMs <= fromMs || buckets < 1) return points;
  const width = (toMs - fromMs) / buckets;
  let bucket = -1;
  let minT = 0;
  let minV = 0;
  let maxT = 0;
  let maxV = 0;
  let previousT = Number.NaN;
  const flush = () => {
    if (bucket < 0) return;
    if (minT === maxT) points.push({ t: minT, v: minV });
    else if (minT < maxT) points.push({ t: minT, v: minV }, { t: maxT, v: maxV });
    else points.push({ t: maxT, v: maxV }, { t: minT, v: minV });
  };
  for (let i = first; i < ring.length; i++) {
    const t = timeAt(ring, i);
    if (t > toMs) break;
    const v = valueAt(ring, i);
    if (!Number.isFinite(v)) continue;
    if (t - previousT > gapMs) {
      flush();
      bucket = -1;
      if (points.length > 0) points.push({ t: previousT + 1, v: null });
    }
    previousT = t;
    const b = Math.min(buckets - 1, Math.floor((t - fromMs) / width));
    if (b !== bucket) {
      flush();
      bucket = b;
      minT = maxT = t;
      minV = maxV = v;
    } else if (v < minV) {
      minV = v;
      minT = t;
    } else if (v > maxV) {
      maxV = v;
      maxT = t;
    }
  }
  flush();
  return points;
}
