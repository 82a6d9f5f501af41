import { CONVENTION_IDS, type ConventionId } from './device';
import type { ApiHistoryBatchResponse, ApiHistoryResponse, HistoryTier } from './historyApi';
import { isQuantityId, type QuantityId } from './quantity';

/**
 * Bounds on what a history answer may hold. A chart asks for at most 1,000 points a line and an
 * export for 5,000; an answer far past that is not the server we asked (or a broken one), and
 * parsing it would cost the page its memory, so it is refused whole.
 */
export const HISTORY_POINTS_MAX = 10_000;
export const HISTORY_SERIES_MAX = 2_000;
export const HISTORY_GAPS_MAX = 2_000;
/** Points in one answer of every series of a quantity: 32 lines of 1,000, with room to spare. */
export const HISTORY_TOTAL_POINTS_MAX = 200_000;
/**
 * Names longer than this are no device's or metric's: refused rather than kept in memory. An MQTT
 * topic (and so a generic device's name) may be this long.
 */
const NAME_MAX = 65_536;

const CONVENTIONS = CONVENTION_IDS;
const TIERS: ReadonlySet<string> = new Set<HistoryTier>(['raw', '5m', '1h']);

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

type Point = ApiHistoryResponse['points'][number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= NAME_MAX;
}

/**
 * One point, or null when it cannot be drawn: a time and a finite mean (`1e999` parses as
 * Infinity), and for a bucket a finite min and max. A bad point is dropped, not the whole line.
 */
function parsePoint(value: unknown): Point | null {
  if (!Array.isArray(value)) return null;
  const [t, mean, min, max] = value as unknown[];
  if (!isTime(t) || typeof mean !== 'number' || !Number.isFinite(mean)) return null;
  if (value.length === 2) return [t, mean];
  if (value.length !== 4 || typeof min !== 'number' || typeof max !== 'number') return null;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return null;
  return [t, mean, Math.min(min, mean), Math.max(max, mean)];
}

/**
 * Points in time order, one per time (the later one wins, as the recorder stores them). A server
 * answers in order; sorting costs nothing then, and a line drawn from unsorted points would
 * scribble back and forth.
 */
function orderPoints(points: Point[]): Point[] {
  let sorted = true;
  for (let i = 1; i < points.length && sorted; i++) {
    if ((points[i] as Point)[0] <= (points[i - 1] as Point)[0]) sorted = false;
  }
  if (sorted) return points;
  const ordered = points.map((p, i) => ({ p, i })).sort((a, b) => a.p[0] - b.p[0] || a.i - b.i);
  const out: Point[] = [];
  for (const { p } of ordered) {
    if (out.length > 0 && (out[out.length - 1] as Point)[0] === p[0]) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/**
 * One series of `GET /api/history`, checked field by field: a wrong shape, a name that is not a
 * string, an unknown convention or tier, or more than `HISTORY_POINTS_MAX` points refuses it;
 * points that cannot be drawn are dropped, unsorted ones put in order, gaps kept only where they
 * are spans of time (sorted). An unknown quantity reads as none.
 */
export function parseHistorySeries(value: unknown): Parsed<ApiHistoryResponse> {
  if (!isRecord(value)) return { ok: false, reason: 'a series is not an object' };
  const { device, convention, metric, handle, quantity, unit, from, to, tier, bucketMs, points, gaps } =
    value;
  if (!isName(device) || !isName(metric) || !isName(handle) || !isName(unit)) {
    return { ok: false, reason: 'a series has no device, metric, handle or unit' };
  }
  if (typeof convention !== 'string' || !CONVENTIONS.has(convention)) {
    return { ok: false, reason: 'a series has an unknown convention' };
  }
  if (typeof tier !== 'string' || !TIERS.has(tier))
    return { ok: false, reason: 'a series has an unknown tier' };
  if (!isTime(from) || !isTime(to) || !isTime(bucketMs) || bucketMs < 0) {
    return { ok: false, reason: 'a series has no range' };
  }
  if (!Array.isArray(points)) return { ok: false, reason: 'a series has no points' };
  if (points.length > HISTORY_POINTS_MAX)
    return { ok: false, reason: `a series has over ${HISTORY_POINTS_MAX} points` };
  if (gaps !== undefined && !Array.isArray(gaps))
    return { ok: false, reason: 'a series has gaps that are not a list' };
  const gapList: unknown[] = gaps ?? [];
  if (gapList.length > HISTORY_GAPS_MAX)
    return { ok: false, reason: `a series has over ${HISTORY_GAPS_MAX} gaps` };
  const parsedPoints: Point[] = [];
  for (const p of points) {
    const point = parsePoint(p);
    if (point !== null) parsedPoints.push(point);
  }
  const parsedGaps = gapList
    .filter(
      (g): g is { from: number; to: number } =>
        isRecord(g) && isTime(g.from) && isTime(g.to) && g.from < g.to,
    )
    .map((g) => ({ from: g.from, to: g.to }))
    .sort((a, b) => a.from - b.from);
  return {
    ok: true,
    value: {
      device,
      convention: convention as ConventionId,
      metric,
      handle,
      quantity: typeof quantity === 'string' && isQuantityId(quantity) ? quantity : null,
      unit,
      from,
      to,
      tier: tier as HistoryTier,
      bucketMs,
      points: orderPoints(parsedPoints),
      gaps: parsedGaps,
    },
  };
}

/**
 * `GET /api/history?quantity=Q…`: every series of one quantity. It must answer the quantity
 * asked (`expected`); one bad series refuses the whole answer, as a server that sends one would
 * not be trusted for the others.
 */
export function parseHistoryBatch(value: unknown, expected: QuantityId): Parsed<ApiHistoryBatchResponse> {
  if (!isRecord(value)) return { ok: false, reason: 'the answer is not an object' };
  const { quantity, from, to, series } = value;
  if (quantity !== expected) return { ok: false, reason: 'the answer is about another quantity' };
  if (!isTime(from) || !isTime(to)) return { ok: false, reason: 'the answer has no range' };
  if (!Array.isArray(series)) return { ok: false, reason: 'the answer has no series' };
  if (series.length > HISTORY_SERIES_MAX) {
    return { ok: false, reason: `the answer has over ${HISTORY_SERIES_MAX} series` };
  }
  let total = 0;
  for (const s of series) total += isRecord(s) && Array.isArray(s.points) ? s.points.length : 0;
  if (total > HISTORY_TOTAL_POINTS_MAX) {
    return { ok: false, reason: `the answer has over ${HISTORY_TOTAL_POINTS_MAX} points` };
  }
  // A bad series is left out, not the answer: one hostile name must not cost every other line
  // its history (the page took the refusal for a server without history, and hid its windows).
  const parsed: ApiHistoryResponse[] = [];
  for (const s of series) {
    const one = parseHistorySeries(s);
    if (one.ok) parsed.push(one.value);
  }
  return { ok: true, value: { quantity: expected, from, to, series: parsed } };
}
