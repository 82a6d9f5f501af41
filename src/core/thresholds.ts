import type { Device, Fleet } from './device';

/**
 * Threshold alert rules: "kitchen temperature above 28 °C". A rule fires once when its metric has
 * been past the limit for at least `minDurationMs`, and resolves once when the value has been back
 * past the limit minus the hysteresis for as long. A value hovering at the limit therefore neither
 * fires (it keeps dipping back) nor, once fired, resolves (it stays inside the hysteresis band).
 *
 * Evaluation sees each metric's latest value, once per fold and on each tick: a dip shorter than
 * a frame is not seen. `since` times come from the samples themselves (their `sampleAt`).
 */
export interface ThresholdRule {
  id: string;
  metric: string;
  /** One device's id, or null for every device that has the metric. */
  device: string | null;
  direction: 'above' | 'below';
  limit: number;
  /** How far back past the limit the value must go to resolve, in the metric's unit; ≥ 0. */
  hysteresis: number;
  /** How long the condition must hold before firing, and its opposite before resolving; ≥ 0. */
  minDurationMs: number;
}

type Track =
  | { phase: 'breaching'; since: number }
  | { phase: 'firing' }
  | { phase: 'recovering'; since: number };

/** Where each (rule, device) pair is; pairs in the normal state are absent. Plain data. */
export type RuleState = ReadonlyMap<string, Track>;

export const EMPTY_RULE_STATE: RuleState = new Map();

export interface ThresholdEvent {
  ruleId: string;
  device: string;
  metric: string;
  /** The value that decided it (null when the metric or device went away). */
  value: number | null;
  at: number;
  /** The rule in words: "temperature above 28 °C". */
  words: string;
}

export interface RuleEvaluation {
  ruleState: RuleState;
  raised: ThresholdEvent[];
  resolved: ThresholdEvent[];
}

export type RuleCheck = { ok: true } | { ok: false; reason: string };

/** Checks a rule as entered in settings. */
export function checkRule(rule: ThresholdRule): RuleCheck {
  if (rule.metric.trim().length === 0) return { ok: false, reason: 'choose a metric' };
  if (!Number.isFinite(rule.limit)) return { ok: false, reason: 'the limit must be a number' };
  if (!Number.isFinite(rule.hysteresis) || rule.hysteresis < 0)
    return { ok: false, reason: 'the hysteresis must be 0 or more' };
  if (!Number.isFinite(rule.minDurationMs) || rule.minDurationMs < 0) {
    return { ok: false, reason: 'the minimum duration must be 0 or more' };
  }
  return { ok: true };
}

/** The rule in words, with the metric's unit when known: "temperature above 28 °C". */
export function describeRule(rule: ThresholdRule, unit = ''): string {
  return `${rule.metric} ${rule.direction} ${rule.limit}${unit ? ` ${unit}` : ''}`;
}

/**
 * Advances every rule over the fleet at `nowMs`. Returns the same `ruleState` object when nothing
 * moved. A firing pair whose rule was deleted, or whose device or metric is gone, resolves.
 */
export function evaluateRules(
  rules: readonly ThresholdRule[],
  ruleState: RuleState,
  fleet: Fleet,
  nowMs: number,
): RuleEvaluation {
  let next: Map<string, Track> | null = null;
  const raised: ThresholdEvent[] = [];
  const resolved: ThresholdEvent[] = [];
  const seen = new Set<string>();
  const set = (key: string, track: Track | null) => {
    next ??= new Map(ruleState);
    if (track === null) next.delete(key);
    else next.set(key, track);
  };

  for (const rule of rules) {
    if (!checkRule(rule).ok) continue;
    const devices: Iterable<Device> =
      rule.device === null
        ? fleet.devices.values()
        : [fleet.devices.get(rule.device)].filter((d) => d !== undefined);
    for (const device of devices) {
      const metric = device.metrics.get(rule.metric);
      if (metric === undefined) continue;
      const key = keyOf(rule.id, device.id);
      seen.add(key);
      const event = (value: number): ThresholdEvent => ({
        ruleId: rule.id,
        device: device.id,
        metric: rule.metric,
        value,
        at: nowMs,
        words: describeRule(rule, metric.unit),
      });
      const value = metric.value;
      const at = Math.min(metric.sampleAt, nowMs);
      const breached = rule.direction === 'above' ? value > rule.limit : value < rule.limit;
      const cleared =
        rule.direction === 'above'
          ? value <= rule.limit - rule.hysteresis
          : value >= rule.limit + rule.hysteresis;
      const track = ruleState.get(key);
      if (track === undefined) {
        if (!breached) continue;
        if (rule.minDurationMs === 0 || nowMs - at >= rule.minDurationMs) {
          raised.push(event(value));
          set(key, { phase: 'firing' });
        } else set(key, { phase: 'breaching', since: at });
      } else if (track.phase === 'breaching') {
        if (!breached) set(key, null);
        else if (nowMs - track.since >= rule.minDurationMs) {
          raised.push(event(value));
          set(key, { phase: 'firing' });
        }
      } else if (track.phase === 'firing') {
        if (!cleared) continue;
        if (rule.minDurationMs === 0 || nowMs - at >= rule.minDurationMs) {
          resolved.push(event(value));
          set(key, null);
        } else set(key, { phase: 'recovering', since: at });
      } else if (!cleared) {
        set(key, { phase: 'firing' });
      } else if (nowMs - track.since >= rule.minDurationMs) {
        resolved.push(event(value));
        set(key, null);
      }
    }
  }

  // Pairs no rule looked at this time: their rule, device or metric went away.
  const rulesById = new Map(rules.map((rule) => [rule.id, rule]));
  for (const [key, track] of ruleState) {
    if (seen.has(key)) continue;
    const [ruleId = '', device = ''] = key.split('\u0000');
    const rule = rulesById.get(ruleId);
    if (track.phase !== 'breaching') {
      resolved.push({
        ruleId,
        device,
        metric: rule?.metric ?? '',
        value: null,
        at: nowMs,
        words: rule === undefined ? 'a deleted rule' : describeRule(rule),
      });
    }
    set(key, null);
  }
  return { ruleState: next ?? ruleState, raised, resolved };
}

function keyOf(ruleId: string, device: string): string {
  return `${ruleId}\u0000${device}`;
}
