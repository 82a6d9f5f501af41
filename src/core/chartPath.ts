import type { ChartPoint } from './downsample';

/** One line as SVG paths: its runs of points, and its lone points (a run of one) as dots. */
export interface LinePaths {
  line: string;
  /** Zero-length strokes: drawn with a wide round cap, each is a dot. */
  dots: string;
}

/**
 * SVG paths for one line: a run of points between gaps (null points) is one subpath, drawn
 * straight from point to point, or for a state (`steps`) across at the old value and then up or
 * down to the new one, never sloping between two states. A run of one point (a new device, a
 * reading between two gaps) has no length to draw: it goes to `dots`. `x` and `y` map times and
 * values to pixels. A path per line keeps a chart of 32 lines cheap to redraw (measured:
 * recharts' own line components cost several times more per line than the points they draw).
 */
export function linePaths(
  points: readonly ChartPoint[],
  x: (t: number) => number,
  y: (v: number) => number,
  steps: boolean,
): LinePaths {
  const line: string[] = [];
  const dots: string[] = [];
  let run: string[] = [];
  const endRun = () => {
    if (run.length === 1) dots.push(`${run[0]}h0`);
    else line.push(...run);
    run = [];
  };
  for (const p of points) {
    if (p.v === null) {
      endRun();
      continue;
    }
    const px = round(x(p.t));
    const py = round(y(p.v));
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    run.push(run.length === 0 ? `M${px} ${py}` : steps ? `H${px}V${py}` : `L${px} ${py}`);
  }
  endRun();
  return { line: line.join(''), dots: dots.join('') };
}

function round(pixel: number): number {
  return Math.round(pixel * 10) / 10;
}

/**
 * The value a line shows at time `t`: its point nearest in time within `toleranceMs`, or null
 * (nothing drawn near there). A state (`steps`) shows the value it last took, held until its next
 * point or a gap, however long ago it changed. Points are in time order; a binary search keeps a
 * hover over 32 lines cheap.
 */
export function pointNear(
  points: readonly ChartPoint[],
  t: number,
  toleranceMs: number,
  steps = false,
): number | null {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((points[mid] as ChartPoint).t <= t) low = mid + 1;
    else high = mid;
  }
  // points[low - 1] is the last at or before t, points[low] the first after it.
  const before = points[low - 1];
  if (steps) {
    if (before === undefined || before.v === null) return null;
    return low < points.length || t - before.t <= toleranceMs ? before.v : null;
  }
  let best: ChartPoint | undefined;
  for (const p of [before, points[low]]) {
    if (p === undefined || p.v === null) continue;
    if (best === undefined || Math.abs(p.t - t) < Math.abs(best.t - t)) best = p;
  }
  return best === undefined || Math.abs(best.t - t) > toleranceMs ? null : best.v;
}
