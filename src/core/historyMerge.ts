import {
  breakAtOutages,
  buildChartSeries,
  type ChartRequest,
  type ChartSeries,
  isStateMetric,
  type SeriesPick,
} from './chartSeries';
import { type Device, deviceLabel, type Fleet, type Metric } from './device';
import { metricScale } from './display';
import type { ChartPoint } from './downsample';
import type { ApiHistoryResponse } from './historyApi';

/** A silence this many times a raw line's usual interval breaks it, as the live line's rule. */
const GAP_INTERVALS = 5;
const GAP_MIN_MS = 3000;

/**
 * A server answer as a line in held (canonical) units: raw points as they are, rolled-up buckets
 * as their mean (a state's as its max: the bucket was on if it ever was). It breaks at the
 * answer's gaps (the recorder's outages) and at silences: between buckets more than two widths
 * apart, or between raw measurements more than five times their usual interval apart (at least
 * 3 s, at most `gapMs`). A state is sent when it changes, so its silence is no gap.
 */
export function serverLine(answer: ApiHistoryResponse, isState: boolean, gapMs: number): ChartPoint[] {
  const { points } = answer;
  const rolled = answer.tier !== 'raw';
  let silenceMs = Number.POSITIVE_INFINITY;
  if (rolled) silenceMs = Math.max(gapMs, answer.bucketMs * 2);
  else if (!isState) {
    const first = points[0];
    const last = points[points.length - 1];
    silenceMs =
      first === undefined || last === undefined || points.length < 3
        ? gapMs
        : Math.min(gapMs, Math.max(GAP_MIN_MS, ((last[0] - first[0]) / (points.length - 1)) * GAP_INTERVALS));
  }
  const line: ChartPoint[] = [];
  let previous = Number.NaN;
  let gap = 0;
  for (const p of points) {
    const t = p[0];
    // A point that starts inside the recorder's outage would be a dot in the gap (the line breaks
    // on both sides of it): the outage is drawn as one gap instead.
    while (gap < answer.gaps.length && (answer.gaps[gap]?.to ?? 0) <= t) gap++;
    const covering = answer.gaps[gap];
    if (covering !== undefined && covering.from < t) continue;
    if (t - previous > silenceMs) line.push({ t: previous + 1, v: null });
    line.push({ t, v: rolled && isState ? (p[3] ?? p[1]) : p[1] });
    previous = t;
  }
  return breakAtOutages(line, answer.gaps);
}

/**
 * The server's line, then the live points newer than its last point: the server knows the past,
 * the page's ring what arrived since the answer. A silence over `gapMs` between the two breaks
 * the line (a device that stopped before the answer and spoke again since).
 */
export function mergeLive(
  server: readonly ChartPoint[],
  live: readonly ChartPoint[],
  gapMs: number,
): ChartPoint[] {
  let lastT = Number.NEGATIVE_INFINITY;
  let lastDrawn: ChartPoint | undefined;
  for (const p of server) {
    lastT = p.t;
    if (p.v !== null) lastDrawn = p;
  }
  const newer = live.filter((p) => p.t > lastT);
  while (newer[0]?.v === null) newer.shift();
  const first = newer[0];
  const join =
    lastDrawn !== undefined && first !== undefined && first.t - lastDrawn.t > gapMs
      ? [{ t: lastDrawn.t + 1, v: null }]
      : [];
  return [...server, ...join, ...newer];
}

/** The answer about this device's reading: by convention, device (its key or native id) and metric (its name or handle). */
export function answerFor(
  answers: readonly ApiHistoryResponse[],
  device: Pick<Device, 'id' | 'nativeId' | 'convention'>,
  metric: Pick<Metric, 'name' | 'handle'>,
): ApiHistoryResponse | undefined {
  return answers.find(
    (a) =>
      a.convention === device.convention &&
      (a.device === device.id || a.device === device.nativeId) &&
      (a.metric === metric.name || a.handle === metric.handle),
  );
}

/**
 * One reading's line from the server alone, in the displayed unit (values converted after the
 * line is made, as `buildChartSeries` does), or null when the fleet does not know the pick.
 */
export function serverChartSeries(
  fleet: Fleet,
  pick: SeriesPick,
  answer: ApiHistoryResponse,
  request: Pick<ChartRequest, 'gapMs' | 'units' | 'precisionOf'>,
): ChartSeries | null {
  const device = fleet.devices.get(pick.device);
  const metric = device?.metrics.get(pick.metric);
  if (device === undefined || metric === undefined) return null;
  const isState = isStateMetric(metric);
  const scale =
    request.units === undefined
      ? null
      : metricScale(metric, request.units, request.precisionOf?.(pick.device, pick.metric));
  const toShown = isState ? (v: number) => (v === 0 ? 0 : 1) : (scale?.toDisplay ?? ((v: number) => v));
  return {
    device: pick.device,
    nativeId: device.nativeId,
    convention: device.convention,
    label: pick.label ?? deviceLabel(device),
    metric: metric.name,
    quantity: metric.quantity,
    unit: scale?.unit ?? metric.unit,
    precision: scale?.precision ?? metric.decimals,
    points: serverLine(answer, isState, request.gapMs).map((p) =>
      p.v === null ? p : { t: p.t, v: toShown(p.v) },
    ),
  };
}

/**
 * The chart's lines when a Hearth server keeps the history: per pick, the server's points over
 * the window and then the live ring's newer ones (see `mergeLive`); a pick the server did not
 * answer for draws from the page's own history, as without a server. The page's outages break
 * only the live part: the server heard the house while the page slept, so its points fill that
 * gap (the back-fill). The chart starts at the window's start, or for `fromMs` null at the
 * oldest point drawn.
 */
export function historyChartSeries(
  fleet: Fleet,
  picks: readonly SeriesPick[],
  answers: readonly ApiHistoryResponse[],
  request: ChartRequest,
): { series: ChartSeries[]; fromMs: number } {
  const series: ChartSeries[] = [];
  for (const pick of picks) {
    const device = fleet.devices.get(pick.device);
    const metric = device?.metrics.get(pick.metric);
    if (device === undefined || metric === undefined) continue;
    const answer = answerFor(answers, device, metric);
    if (answer === undefined) {
      series.push(...buildChartSeries(fleet, [pick], request).series);
      continue;
    }
    const fromServer = serverChartSeries(fleet, pick, answer, request);
    if (fromServer === null) continue;
    const windowed =
      request.fromMs === null
        ? fromServer.points
        : fromServer.points.filter((p) => p.t >= (request.fromMs ?? 0));
    while (windowed[0]?.v === null) windowed.shift();
    const lastServer = answer.points[answer.points.length - 1];
    const tailFrom = Math.min(
      request.toMs,
      lastServer === undefined ? (request.fromMs ?? 0) : lastServer[0] + 1,
    );
    const tail = buildChartSeries(fleet, [pick], { ...request, fromMs: tailFrom }).series[0];
    const gapMs = isStateMetric(metric) ? Number.POSITIVE_INFINITY : request.gapMs;
    series.push({ ...fromServer, ...tail, points: mergeLive(windowed, tail?.points ?? [], gapMs) });
  }
  let fromMs = request.toMs;
  for (const s of series) {
    const first = s.points.find((p) => p.v !== null);
    if (first !== undefined) fromMs = Math.min(fromMs, first.t);
  }
  return { series, fromMs: request.fromMs ?? fromMs };
}
