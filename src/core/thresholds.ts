import type { Device, Fleet, Metric } from './device';
import { resolveDeviceRef } from './deviceRef';
import {
  displayUnit,
  fromDisplay,
  METRIC_PREFERENCES,
  type Quantity,
  type QuantityId,
  quantityOf,
  spanFromDisplay,
  toDisplay,
  type UnitDefinition,
  type UnitPreferences,
  unitOf,
} from './quantity';

/**
 * Threshold alert rules: "temperature above 28 °C". A rule selects by quantity, so it applies to
 * every device's temperature whatever its convention calls it (a Homie `sensor/temperature`, a
 * Tasmota `DS18B20.Temperature`); a reading of no known quantity is selected by its native name.
 * A rule fires once when a reading has been past the limit for at least `minDurationMs`, and
 * resolves once when the value has been back past the limit minus the hysteresis for as long. A
 * value hovering at the limit therefore neither fires (it keeps dipping back) nor, once fired,
 * resolves (it stays inside the hysteresis band).
 *
 * Evaluation sees each metric's latest value, once per fold and on each tick: a dip shorter than
 * a frame is not seen. `since` times come from the samples themselves (their `sampleAt`).
 */
export interface ThresholdRule {
  id: string;
  /** The quantity watched on every device; null: the reading named `metric` (of no known quantity). */
  quantity: QuantityId | null;
  /** The native name of the reading a rule of no quantity watches; '' for a rule by quantity. */
  metric: string;
  /**
   * One device's key (`deviceKey`), or null for every device that has the reading; a legacy
   * `generic/<native id>` resolves at evaluation (see `resolveDeviceRef`).
   */
  device: string | null;
  direction: 'above' | 'below';
  /** In `unit`. */
  limit: number;
  /** How far back past the limit the value must go to resolve, in `unit`; ≥ 0. */
  hysteresis: number;
  /**
   * The unit the limit and hysteresis were written in (the one displayed then): a unit of the
   * quantity, compared after conversion to its canonical unit. For a rule by name, the reading's
   * own unit, shown in its words only.
   */
  unit: string;
  /** How long the condition must hold before firing, and its opposite before resolving; ≥ 0. */
  minDurationMs: number;
}

type Track =
  | { phase: 'breaching'; since: number }
  | { phase: 'firing' }
  | { phase: 'recovering'; since: number };

/** Where each (rule, device, reading) is; ones in the normal state are absent. Plain data. */
export type RuleState = ReadonlyMap<string, Track>;

export const EMPTY_RULE_STATE: RuleState = new Map();

export interface ThresholdEvent {
  ruleId: string;
  /** The device's key. */
  device: string;
  /** The reading's native name on the device. */
  metric: string;
  /** The value that decided it, held (canonical unit); null when the reading or device went away. */
  value: number | null;
  at: number;
  /** The rule in words, in the displayed unit: "temperature above 82.4 °F". */
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
  if (rule.quantity === null) {
    if (rule.metric.trim().length === 0) return { ok: false, reason: 'choose a reading' };
  } else {
    const quantity = quantityOf(rule.quantity);
    if (quantity === undefined) return { ok: false, reason: `"${rule.quantity}" is not a known quantity` };
    if (unitOf(quantity, rule.unit) === null) {
      const units = quantity.units.map((u) => u.symbol).join(', ');
      return { ok: false, reason: `"${rule.unit}" is not a unit of ${wordOf(quantity)}: use ${units}` };
    }
  }
  if (!Number.isFinite(rule.limit)) return { ok: false, reason: 'the limit must be a number' };
  if (!Number.isFinite(rule.hysteresis) || rule.hysteresis < 0)
    return { ok: false, reason: 'the hysteresis must be 0 or more' };
  if (!Number.isFinite(rule.minDurationMs) || rule.minDurationMs < 0) {
    return { ok: false, reason: 'the minimum duration must be 0 or more' };
  }
  return { ok: true };
}

/**
 * The rule in words, its limit in the unit displayed under `preferences` whatever unit it was
 * written in: "temperature above 28 °C", "temperature above 82.4 °F", "co2_raw below 400 ppm".
 */
export function describeRule(rule: ThresholdRule, preferences: UnitPreferences = METRIC_PREFERENCES): string {
  const quantity = rule.quantity === null ? undefined : quantityOf(rule.quantity);
  if (quantity === undefined) {
    const name = rule.metric === '' ? (rule.quantity ?? '') : rule.metric;
    return `${name} ${rule.direction} ${plainNumber(rule.limit)}${rule.unit ? ` ${rule.unit}` : ''}`;
  }
  const target = displayUnit(quantity, preferences);
  const shown = ruleInUnit(rule, target.symbol);
  return `${wordOf(quantity)} ${rule.direction} ${plainNumber(shown.limit)}${shown.unit ? ` ${shown.unit}` : ''}`;
}

/**
 * The rule with its limit and hysteresis written in another unit of its quantity (the settings
 * form shows a rule in the displayed unit). The same rule when it is already in that unit, is a
 * rule by name, or either unit is not one of its quantity's.
 */
export function ruleInUnit(rule: ThresholdRule, target: string): ThresholdRule {
  const quantity = rule.quantity === null ? undefined : quantityOf(rule.quantity);
  if (quantity === undefined) return rule;
  const from = unitOf(quantity, rule.unit);
  const to = unitOf(quantity, target);
  if (from === null || to === null || from === to) return rule;
  const limit = toDisplay(quantity, fromDisplay(quantity, rule.limit, from), to);
  const hysteresis = spanFromDisplay(quantity, rule.hysteresis, from) / spanFromDisplay(quantity, 1, to);
  // Shown as a person would have typed it in this unit: 72 °F reads 22.2 °C, not 22.222222.
  const decimals = (to.precision ?? quantity.precision) + 1;
  return {
    ...rule,
    limit: roundTyped(Number(limit.toFixed(decimals))),
    hysteresis: roundTyped(Number(hysteresis.toFixed(decimals))),
    unit: to.symbol,
  };
}

/** A rule ready to compare against held values: its bounds in the quantity's canonical unit. */
interface ReadyRule {
  rule: ThresholdRule;
  quantity: Quantity | undefined;
  limit: number;
  hysteresis: number;
}

function readyRule(rule: ThresholdRule): ReadyRule | null {
  if (!checkRule(rule).ok) return null;
  const quantity = rule.quantity === null ? undefined : quantityOf(rule.quantity);
  if (quantity === undefined) return { rule, quantity, limit: rule.limit, hysteresis: rule.hysteresis };
  const unit = unitOf(quantity, rule.unit) as UnitDefinition;
  return {
    rule,
    quantity,
    limit: fromDisplay(quantity, rule.limit, unit),
    hysteresis: spanFromDisplay(quantity, rule.hysteresis, unit),
  };
}

/**
 * The readings of a device a rule watches: every one of its quantity, or the one named. A rule by
 * quantity skips a diagnostic reading of a house quantity (a plug's own `device_temperature`, a
 * battery's voltage): "temperature above 28 °C" is about the room, not the relay.
 */
function watched(ready: ReadyRule, device: Device): Metric[] {
  if (ready.quantity === undefined) {
    const metric = device.metrics.get(ready.rule.metric);
    return metric === undefined ? [] : [metric];
  }
  const out: Metric[] = [];
  for (const metric of device.metrics.values()) {
    if (metric.quantity !== ready.quantity.id) continue;
    if (metric.diagnostic && quantityOf(metric.quantity)?.diagnostic === false) continue;
    out.push(metric);
  }
  return out;
}

/**
 * Advances every rule over the fleet at `nowMs`; `preferences` only word the events. Returns the
 * same `ruleState` object when nothing moved. A firing rule whose rule was deleted, or whose
 * device or reading is gone, resolves.
 */
export function evaluateRules(
  rules: readonly ThresholdRule[],
  ruleState: RuleState,
  fleet: Fleet,
  nowMs: number,
  preferences: UnitPreferences = METRIC_PREFERENCES,
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
    const ready = readyRule(rule);
    if (ready === null) continue;
    const { limit, hysteresis } = ready;
    const devices: Iterable<Device> =
      rule.device === null
        ? fleet.devices.values()
        : [resolveDeviceRef(fleet, rule.device)].filter((d) => d !== undefined);
    for (const device of devices) {
      for (const metric of watched(ready, device)) {
        const key = keyOf(rule.id, device.id, metric.name);
        seen.add(key);
        const event = (value: number): ThresholdEvent => ({
          ruleId: rule.id,
          device: device.id,
          metric: metric.name,
          value,
          at: nowMs,
          words: describeRule(rule, preferences),
        });
        const value = metric.value;
        const at = Math.min(metric.sampleAt, nowMs);
        const breached = rule.direction === 'above' ? value > limit : value < limit;
        const cleared =
          rule.direction === 'above' ? value <= limit - hysteresis : value >= limit + hysteresis;
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
  }

  // Ones no rule looked at this time: their rule, device or reading went away.
  const rulesById = new Map(rules.map((rule) => [rule.id, rule]));
  for (const [key, track] of ruleState) {
    if (seen.has(key)) continue;
    const [ruleId = '', device = '', metric = ''] = key.split('\u0000');
    const rule = rulesById.get(ruleId);
    if (track.phase !== 'breaching') {
      resolved.push({
        ruleId,
        device,
        metric,
        value: null,
        at: nowMs,
        words: rule === undefined ? 'a deleted rule' : describeRule(rule, preferences),
      });
    }
    set(key, null);
  }
  return { ruleState: next ?? ruleState, raised, resolved };
}

/** Rule, device key and metric name joined by a character none of them holds. */
function keyOf(ruleId: string, device: string, metric: string): string {
  return `${ruleId}\u0000${device}\u0000${metric}`;
}

/** How a rule names its quantity in words: "temperature", "power factor", but "CO₂", "PM2.5". */
export function wordOf(quantity: Quantity): string {
  const [first = '', second = ''] = quantity.name;
  return second !== '' && second === second.toLowerCase() && second !== second.toUpperCase()
    ? first.toLowerCase() + quantity.name.slice(1)
    : quantity.name;
}

/** A limit as people write it: at most three decimals, no trailing zeros, never "-0". */
function plainNumber(value: number): string {
  const rounded = Number(value.toFixed(3));
  return String(rounded === 0 ? 0 : rounded);
}

/** A converted limit rid of float noise (28.000000000000004), kept exact to six decimals. */
function roundTyped(value: number): number {
  return Number(value.toFixed(6));
}
