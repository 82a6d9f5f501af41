import { CONVENTION_IDS, type ConventionId } from '../../core/device.ts';
import { isQuantityId, type QuantityId } from '../../core/quantity.ts';

/**
 * The API's query strings, parsed once at the edge into typed values. Each parser answers
 * `{ ok: false, reason }` with one sentence the 400 answer carries; past here, the handler
 * trusts what it gets.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A device or metric id longer than this is no id the core keeps. */
export const ID_MAX_CHARS = 256;
export const DEFAULT_RANGE_MS = 24 * 3600_000;
/** Longer ranges than ten years are a mistake (seconds for ms), not a chart. */
export const RANGE_MAX_MS = 10 * 365 * 24 * 3600_000;
export const POINTS_DEFAULT = 500;
export const POINTS_MAX = 5000;
export const EVENTS_LIMIT_DEFAULT = 500;
export const EVENTS_LIMIT_MAX = 1000;

export interface TimeRange {
  from: number;
  to: number;
}

/** One device's metric, or every series of a quantity (a chart's lines). */
export type HistoryQuery = TimeRange & { points: number } & (
    | { kind: 'series'; device: string; convention: ConventionId; metric: string }
    | { kind: 'quantity'; quantity: QuantityId }
  );

export interface EventsQuery extends TimeRange {
  limit: number;
  device: { id: string; convention: ConventionId } | null;
}

/** `device`+`convention`+`metric`, or `quantity`; `from`, `to`, `points` optional. */
export function parseHistoryQuery(params: URLSearchParams, nowMs: number): Parsed<HistoryQuery> {
  const range = parseRange(params, nowMs);
  if (!range.ok) return range;
  const points = parseCount(params.get('points'), 'points', POINTS_DEFAULT, POINTS_MAX);
  if (!points.ok) return points;
  const base = { ...range.value, points: points.value };

  const quantity = params.get('quantity');
  const bySeries = ['device', 'convention', 'metric'].some((name) => params.has(name));
  if (quantity !== null) {
    if (bySeries) return fail('Give either quantity, or device, convention and metric, not both.');
    if (!isQuantityId(quantity))
      return fail(`quantity '${clipped(quantity)}' is not a quantity Hearth knows.`);
    return { ok: true, value: { ...base, kind: 'quantity', quantity } };
  }
  if (!bySeries)
    return fail('Give device, convention and metric (one series), or quantity (all of its series).');
  const device = parseId(params.get('device'), 'device');
  if (!device.ok) return device;
  const convention = parseConvention(params.get('convention'));
  if (!convention.ok) return convention;
  const metric = parseId(params.get('metric'), 'metric');
  if (!metric.ok) return metric;
  return {
    ok: true,
    value: {
      ...base,
      kind: 'series',
      device: device.value,
      convention: convention.value,
      metric: metric.value,
    },
  };
}

/** `from`, `to`, `limit`, and optionally one device (`device` with `convention`). */
export function parseEventsQuery(params: URLSearchParams, nowMs: number): Parsed<EventsQuery> {
  const range = parseRange(params, nowMs);
  if (!range.ok) return range;
  const limit = parseCount(params.get('limit'), 'limit', EVENTS_LIMIT_DEFAULT, EVENTS_LIMIT_MAX);
  if (!limit.ok) return limit;
  if (!params.has('device') && !params.has('convention'))
    return { ok: true, value: { ...range.value, limit: limit.value, device: null } };
  const device = parseId(params.get('device'), 'device');
  if (!device.ok) return device;
  const convention = parseConvention(params.get('convention'));
  if (!convention.ok) return convention;
  return {
    ok: true,
    value: { ...range.value, limit: limit.value, device: { id: device.value, convention: convention.value } },
  };
}

/** Epoch ms; `to` defaults to now and `from` to a day before `to`. */
function parseRange(params: URLSearchParams, nowMs: number): Parsed<TimeRange> {
  const to = parseTime(params.get('to'), 'to', nowMs);
  if (!to.ok) return to;
  const from = parseTime(params.get('from'), 'from', to.value - DEFAULT_RANGE_MS);
  if (!from.ok) return from;
  if (from.value >= to.value) return fail(`from (${from.value}) must be before to (${to.value}).`);
  if (to.value - from.value > RANGE_MAX_MS) return fail('The range from..to is longer than 10 years.');
  return { ok: true, value: { from: from.value, to: to.value } };
}

function parseTime(text: string | null, name: string, fallback: number): Parsed<number> {
  if (text === null) return { ok: true, value: fallback };
  // 15 digits reach the year 33658: any real time fits, and no float rounding sneaks in.
  if (/^\d{1,15}$/.test(text)) return { ok: true, value: Number(text) };
  return fail(`${name} must be a time in epoch milliseconds, like 1767225600000 (got '${clipped(text)}').`);
}

function parseCount(text: string | null, name: string, fallback: number, max: number): Parsed<number> {
  if (text === null) return { ok: true, value: fallback };
  const value = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (value >= 1 && value <= max) return { ok: true, value };
  return fail(`${name} must be a whole number from 1 to ${max} (got '${clipped(text)}').`);
}

/** Ids as the core keeps them: non-empty, at most 256 characters, no control characters. */
function parseId(text: string | null, name: string): Parsed<string> {
  if (text === null || text === '') return fail(`${name} is missing.`);
  if (text.length > ID_MAX_CHARS) return fail(`${name} is longer than ${ID_MAX_CHARS} characters.`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return fail(`${name} contains a control character.`);
  return { ok: true, value: text };
}

function parseConvention(text: string | null): Parsed<ConventionId> {
  if (text === null || text === '') return fail('convention is missing (generic, tasmota, zigbee2mqtt…).');
  if (CONVENTION_IDS.has(text)) return { ok: true, value: text as ConventionId };
  return fail(`convention must be one of ${[...CONVENTION_IDS].join(', ')} (got '${clipped(text)}').`);
}

/** Echoes a bad value short and printable, so a reason never carries what it rejected whole. */
function clipped(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it drops.
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
