import { type ConventionId, deviceLabel, type Fleet, type Metric } from './device';
import { metricScale } from './display';
import { type ChartPoint, downsampleMinMax } from './downsample';
import { type QuantityId, quantityOf, type UnitPreferences } from './quantity';
import { firstIndexAtOrAfter, timeAt, valueAt } from './ringBuffer';
import { type Rollup, rollupPoints, rollupStart, type SeriesRollups } from './rollup';
import { type Outage, seriesKey } from './snapshot';

/** One line of a chart: one reading of one device, its values in the displayed unit. */
export interface ChartSeries {
  /** The device's key in the fleet (`deviceKey`). */
  device: string;
  nativeId: string;
  convention: ConventionId;
  /** What the legend shows: see `chartGroups`. */
  label: string;
  /** The reading's native name on its device. */
  metric: string;
  quantity: QuantityId | null;
  /** The displayed unit ('' for states and plain numbers). */
  unit: string;
  /** Decimals its values are shown with. */
  precision: number;
  /** Values in the displayed unit; a state's are 0 (resting) or 1 (active). */
  points: ChartPoint[];
}

/** One reading to draw: a device (its key) and a metric (its native name). */
export interface SeriesPick {
  device: string;
  metric: string;
  /** The legend's name for it; the device's name when absent. */
  label?: string;
}

/**
 * Matches device keys against a typed filter: case-insensitive substring. To find devices by the
 * names people gave them (alias, room) too, use `filterDeviceIdsWithLayout` (deviceNames.ts).
 */
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
  /** Long-term tiers per series (`seriesKey(device key, metric name)`), read past the raw samples. */
  rollups?: ReadonlyMap<string, SeriesRollups>;
  /** Spans when the dashboard heard nothing: lines break there too. */
  outages?: readonly Outage[];
  /** Values are converted to these preferences' units; absent: drawn as held (canonical units). */
  units?: UnitPreferences;
  /**
   * False: a state's line is its samples only (an export). Default: it holds its value from
   * before the window and until the device was last heard from, as a chart draws it.
   */
  holdStates?: boolean;
  /** Decimals the user chose for a reading (device key, metric name); undefined: automatic. */
  precisionOf?: (device: string, metric: string) => number | undefined;
}

/** Windows longer than this read the minute rollup; longer than a day, the ten-minute one. */
const RAW_WINDOW_MAX_MS = 60 * 60 * 1000;
const MINUTE_WINDOW_MAX_MS = 24 * 60 * 60 * 1000;

interface Picked {
  pick: SeriesPick;
  nativeId: string;
  convention: ConventionId;
  label: string;
  metric: Metric;
  tier: Rollup | null;
  /** When the device was last heard from: a state holds its value until then. */
  lastSeenAt: number;
}

/**
 * One line per pick that exists in the fleet, over the window, from the oldest data inside it
 * so a young series fills the chart. Up to an hour it draws raw samples (min/max per bucket),
 * beyond that the minute or ten-minute buckets as their quantity aggregates (a mean, a counter's
 * last value; a state's bucket is active if it ever was). Values are converted to the displayed
 * unit after thinning, so a line costs a few hundred conversions.
 */
export function buildChartSeries(
  fleet: Fleet,
  picks: readonly SeriesPick[],
  request: ChartRequest,
): { series: ChartSeries[]; fromMs: number } {
  const { toMs, buckets, gapMs } = request;
  const span = request.fromMs === null ? Number.POSITIVE_INFINITY : toMs - request.fromMs;
  const picked: Picked[] = [];
  for (const pick of picks) {
    const device = fleet.devices.get(pick.device);
    const metric = device?.metrics.get(pick.metric);
    if (device === undefined || metric === undefined) continue;
    const rollups = request.rollups?.get(seriesKey(pick.device, pick.metric));
    const tier =
      span <= RAW_WINDOW_MAX_MS || rollups === undefined
        ? null
        : span <= MINUTE_WINDOW_MAX_MS
          ? rollups.minute
          : rollups.tenMinute;
    const label = pick.label ?? deviceLabel(device);
    picked.push({
      pick,
      nativeId: device.nativeId,
      convention: device.convention,
      label,
      metric,
      tier,
      lastSeenAt: device.lastSeenAt,
    });
  }
  let from = toMs;
  for (const { metric, tier } of picked) {
    const oldest =
      tier === null ? (metric.history.length > 0 ? timeAt(metric.history, 0) : null) : rollupStart(tier);
    if (oldest !== null) from = Math.min(from, oldest);
  }
  if (request.fromMs !== null) from = Math.max(from, request.fromMs);
  const series = picked.map(
    ({ pick, nativeId, convention, label, metric, tier, lastSeenAt }): ChartSeries => {
      const isState = isStateMetric(metric);
      const thinned =
        tier !== null
          ? bucketLine(tier, from, toMs, Math.max(gapMs, tier.bucketMs * 2), isState)
          : isState && request.holdStates !== false
            ? heldState(metric, from, Math.min(toMs, Math.max(metric.receivedAt, lastSeenAt)), buckets)
            : downsampleMinMax(metric.history, from, toMs, buckets, gapFor(metric, from, gapMs));
      const scale =
        request.units === undefined
          ? null
          : metricScale(metric, request.units, request.precisionOf?.(pick.device, pick.metric));
      const toShown = isState ? (v: number) => (v === 0 ? 0 : 1) : scale === null ? null : scale.toDisplay;
      const points =
        toShown === null ? thinned : thinned.map((p) => (p.v === null ? p : { t: p.t, v: toShown(p.v) }));
      return {
        device: pick.device,
        nativeId,
        convention,
        label,
        metric: metric.name,
        quantity: metric.quantity,
        unit: scale?.unit ?? metric.unit,
        precision: scale?.precision ?? metric.decimals,
        points: breakAtOutages(points, request.outages ?? []),
      };
    },
  );
  return { series, fromMs: from };
}

/** Whether a metric holds a state (on/off, open/closed…) rather than a measurement. */
export function isStateMetric(metric: Pick<Metric, 'quantity'>): boolean {
  return metric.quantity !== null && quantityOf(metric.quantity)?.kind === 'state';
}

/**
 * A state's line over [fromMs, untilMs]: it is sent when it changes, so the value it had before
 * the window holds from the window's start, and the last one holds until the device was last
 * heard from. Silence between two changes is no gap (outages still break the line).
 */
function heldState(metric: Metric, fromMs: number, untilMs: number, buckets: number): ChartPoint[] {
  const ring = metric.history;
  if (untilMs <= fromMs) {
    // Heard once (the window starts at its only sample): a dot, as a measurement's single sample.
    const at = firstIndexAtOrAfter(ring, untilMs + 1) - 1;
    return at >= 0 && untilMs === fromMs ? [{ t: untilMs, v: valueAt(ring, at) }] : [];
  }
  const points = downsampleMinMax(ring, fromMs, untilMs, buckets, Number.POSITIVE_INFINITY);
  const before = firstIndexAtOrAfter(ring, fromMs) - 1;
  if (before >= 0 && (points[0]?.t ?? Number.POSITIVE_INFINITY) > fromMs) {
    points.unshift({ t: fromMs, v: valueAt(ring, before) });
  }
  const last = points[points.length - 1];
  if (last !== undefined && last.v !== null && last.t < untilMs) points.push({ t: untilMs, v: last.v });
  return points;
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

function bucketLine(
  tier: Rollup,
  fromMs: number,
  toMs: number,
  gapMs: number,
  isState: boolean,
): ChartPoint[] {
  const points: ChartPoint[] = [];
  let previous = Number.NaN;
  for (const p of rollupPoints(tier, fromMs, toMs)) {
    if (p.t - previous > gapMs) points.push({ t: previous + 1, v: null });
    // `value` is the mean of a measurement, the last reading of a counter (energy, rain).
    points.push({ t: p.t, v: isState ? p.max : p.value });
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
