import { deviceLabel, type Fleet, type Metric } from './device';
import { type ChartPoint, downsampleMinMax } from './downsample';
import { firstIndexAtOrAfter, timeAt } from './ringBuffer';
import { type Rollup, rollupPoints, rollupStart, type SeriesRollups } from './rollup';
import { type Outage, seriesKey } from './snapshot';

export interface ChartSeries {
  device: string;
  /** What the legend shows: the device's announced name, else its id. */
  label: string;
  metric: string;
  unit: string;
  points: ChartPoint[];
}

/** Matches device ids against a typed filter: case-insensitive substring. */
export function filterDeviceIds(ids: readonly string[], filter: string): readonly string[] {
  const needle = filter.trim().toLowerCase();
  return needle === '' ? ids : ids.filter((id) => id.toLowerCase().includes(needle));
}

export interface ChartRequest {
  /** Start of the window; null for everything kept. */
  fromMs: number | null;
  toMs: number;
  /** Time buckets across the chart: each line gets at most about twice as many points. */
  buckets: number;
  /** Silence longer than this breaks a line. */
  gapMs: number;
  /** Long-term tiers per series; used when the window reaches past the raw samples. */
  rollups?: ReadonlyMap<string, SeriesRollups>;
  /** Spans when the dashboard heard nothing: lines break there too. */
  outages?: readonly Outage[];
}

/** Windows longer than this read the minute rollup; longer than a day, the ten-minute one. */
const RAW_WINDOW_MAX_MS = 60 * 60 * 1000;
const MINUTE_WINDOW_MAX_MS = 24 * 60 * 60 * 1000;

/**
 * One line per device (of `deviceIds`) that has any of `metricNames` (first match wins), over
 * the window, from the oldest data inside it so a young series fills the chart. Up to an hour
 * it draws raw samples (min/max per bucket), beyond that the minute or ten-minute means.
 */
export function buildChartSeries(
  fleet: Fleet,
  deviceIds: readonly string[],
  metricNames: readonly string[],
  request: ChartRequest,
): { series: ChartSeries[]; fromMs: number } {
  const { toMs, buckets, gapMs } = request;
  const span = request.fromMs === null ? Number.POSITIVE_INFINITY : toMs - request.fromMs;
  const picked: Array<{ device: string; label: string; metric: Metric; tier: Rollup | null }> = [];
  for (const id of deviceIds) {
    const device = fleet.devices.get(id);
    if (device === undefined) continue;
    for (const name of metricNames) {
      const metric = device.metrics.get(name);
      if (metric === undefined) continue;
      const rollups = request.rollups?.get(seriesKey(id, name));
      const tier =
        span <= RAW_WINDOW_MAX_MS || rollups === undefined
          ? null
          : span <= MINUTE_WINDOW_MAX_MS
            ? rollups.minute
            : rollups.tenMinute;
      picked.push({ device: id, label: deviceLabel(device), metric, tier });
      break;
    }
  }
  let from = toMs;
  for (const { metric, tier } of picked) {
    const oldest =
      tier === null ? (metric.history.length > 0 ? timeAt(metric.history, 0) : null) : rollupStart(tier);
    if (oldest !== null) from = Math.min(from, oldest);
  }
  if (request.fromMs !== null) from = Math.max(from, request.fromMs);
  const series = picked.map(({ device, label, metric, tier }) => {
    const points =
      tier === null
        ? downsampleMinMax(metric.history, from, toMs, buckets, gapFor(metric, from, gapMs))
        : bucketLine(tier, from, toMs, Math.max(gapMs, tier.bucketMs * 2));
    return {
      device,
      label,
      metric: metric.name,
      unit: metric.unit,
      points: breakAtOutages(points, request.outages ?? []),
    };
  });
  return { series, fromMs: from };
}

/** A silence this many times the series' usual interval breaks its line (a device that dropped). */
const GAP_INTERVALS = 5;
const GAP_MIN_MS = 3000;

/**
 * The silence that breaks a line: five times the series' average interval in the window (a
 * sensor that reports every 2 s is missing after 10 s), at least 3 s, at most `gapMs`.
 */
function gapFor(metric: Metric, fromMs: number, gapMs: number): number {
  const ring = metric.history;
  const first = firstIndexAtOrAfter(ring, fromMs);
  const count = ring.length - first;
  if (count < 3) return gapMs;
  const average = (timeAt(ring, ring.length - 1) - timeAt(ring, first)) / (count - 1);
  return Math.min(gapMs, Math.max(GAP_MIN_MS, average * GAP_INTERVALS));
}

function bucketLine(tier: Rollup, fromMs: number, toMs: number, gapMs: number): ChartPoint[] {
  const points: ChartPoint[] = [];
  let previous = Number.NaN;
  for (const p of rollupPoints(tier, fromMs, toMs)) {
    if (p.t - previous > gapMs) points.push({ t: previous + 1, v: null });
    points.push({ t: p.t, v: p.mean });
    previous = p.t;
  }
  return points;
}

/** Inserts a break wherever an outage falls between two drawn points. */
export function breakAtOutages(points: ChartPoint[], outages: readonly Outage[]): ChartPoint[] {
  if (outages.length === 0 || points.length < 2) return points;
  const out: ChartPoint[] = [];
  let o = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as ChartPoint;
    const previous = out[out.length - 1];
    while (o < outages.length && (outages[o]?.to ?? 0) <= (previous?.t ?? Number.NEGATIVE_INFINITY)) o++;
    const outage = outages[o];
    if (
      previous !== undefined &&
      previous.v !== null &&
      outage !== undefined &&
      outage.from < p.t &&
      outage.to > previous.t
    ) {
      out.push({ t: Math.max(previous.t + 1, outage.from), v: null });
    }
    out.push(p);
  }
  return out;
}
