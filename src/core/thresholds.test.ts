import { describe, expect, it } from 'vitest';
import type { Device, Fleet, Metric } from './device';
import { METRIC_DEFAULTS } from './fixtures/devices';
import { createRing } from './ringBuffer';
import {
  checkRule,
  describeRule,
  EMPTY_RULE_STATE,
  evaluateRules,
  type RuleState,
  type ThresholdEvent,
  type ThresholdRule,
} from './thresholds';

const T0 = 1_700_000_000_000;

const hot: ThresholdRule = {
  id: 'hot',
  metric: 'temperature',
  device: null,
  direction: 'above',
  limit: 28,
  hysteresis: 1,
  minDurationMs: 60_000,
};

function fleetAt(values: Record<string, number>, sampleAt: number): Fleet {
  const devices = new Map<string, Device>();
  for (const [id, value] of Object.entries(values)) {
    const metric: Metric = {
      ...METRIC_DEFAULTS,
      handle: 'temperature',
      name: 'temperature',
      value,
      unit: '°C',
      receivedAt: sampleAt,
      sampleAt,
      retained: false,
      history: createRing(2),
    };
    devices.set(id, {
      id,
      nativeId: id,
      convention: 'generic',
      metrics: new Map([['temperature', metric]]),
      availability: null,
      availabilityAt: 0,
      lastSeenAt: sampleAt,
      liveSeen: true,
      invalidCount: 0,
      oversizeCount: 0,
      lastProblem: null,
      status: 'online',
    });
  }
  return { devices, ids: [...devices.keys()], unmappedCount: 0, overLimitCount: 0 };
}

/** Feeds one value per step (each a new sample at its time) and collects every event. */
function run(rules: ThresholdRule[], steps: Array<[number, Record<string, number>]>) {
  let state: RuleState = EMPTY_RULE_STATE;
  const raised: ThresholdEvent[] = [];
  const resolved: ThresholdEvent[] = [];
  for (const [at, values] of steps) {
    const result = evaluateRules(rules, state, fleetAt(values, at), at);
    state = result.ruleState;
    raised.push(...result.raised);
    resolved.push(...result.resolved);
  }
  return { state, raised, resolved };
}

const every10s = (values: number[], device = 'kitchen'): Array<[number, Record<string, number>]> =>
  values.map((value, i) => [T0 + i * 10_000, { [device]: value }]);

describe('threshold rules: firing', () => {
  it('fires once the value has been past the limit for the minimum duration', () => {
    const { raised } = run([hot], every10s([29, 29, 29, 29, 29, 29, 29, 29]));
    expect(raised).toEqual([
      {
        ruleId: 'hot',
        device: 'kitchen',
        metric: 'temperature',
        value: 29,
        at: T0 + 60_000,
        words: 'temperature above 28 °C',
      },
    ]);
  });

  it('does not fire on a spike shorter than the minimum duration', () => {
    const { raised, state } = run([hot], every10s([29, 29, 27.5, 29, 29, 27.5, 29]));
    expect(raised).toEqual([]);
    expect(state.size).toBe(1); // breaching again since the last spike
  });

  it('fires at once when the minimum duration is 0', () => {
    const { raised } = run([{ ...hot, minDurationMs: 0 }], every10s([27, 28.5]));
    expect(raised.map((e) => e.at)).toEqual([T0 + 10_000]);
  });

  it('fires for below rules too', () => {
    const cold: ThresholdRule = { ...hot, id: 'cold', direction: 'below', limit: 16, minDurationMs: 0 };
    expect(run([cold], every10s([17, 15.5])).raised).toMatchObject([
      { words: 'temperature below 16 °C', value: 15.5 },
    ]);
  });

  it('counts the duration in sample time, with ticks in between', () => {
    let state: RuleState = EMPTY_RULE_STATE;
    const fleet = fleetAt({ kitchen: 30 }, T0);
    state = evaluateRules([hot], state, fleet, T0).ruleState;
    expect(evaluateRules([hot], state, fleet, T0 + 59_999).raised).toEqual([]);
    expect(evaluateRules([hot], state, fleet, T0 + 60_000).raised).toHaveLength(1);
  });
});

describe('threshold rules: no flapping', () => {
  it('a value hovering at the limit fires once and resolves once', () => {
    const hovering = [
      29, 29, 29, 29, 29, 29, 29, 27.9, 28.1, 27.8, 28.2, 27.9, 28.3, 26.5, 26.8, 26.9, 26.4, 26.7, 26.6,
      26.5,
    ];
    const { raised, resolved } = run([hot], every10s(hovering));
    expect(raised).toHaveLength(1);
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ value: 26.5, words: 'temperature above 28 °C' });
  });

  it('stays firing inside the hysteresis band', () => {
    const { raised, resolved, state } = run(
      [{ ...hot, minDurationMs: 0 }],
      every10s([29, 27.5, 27.2, 28.5, 27.1]),
    );
    expect(raised).toHaveLength(1);
    expect(resolved).toEqual([]);
    expect([...state.values()]).toEqual([{ phase: 'firing' }]);
  });

  it('needs the value back for the minimum duration before resolving', () => {
    const steps = every10s([29, 29, 29, 29, 29, 29, 29, 26, 26, 29, 26, 26, 26, 26, 26, 26, 26]);
    const { resolved } = run([hot], steps);
    expect(resolved.map((e) => e.at)).toEqual([T0 + 160_000]);
  });

  it('returns the same rule state when nothing moved', () => {
    const fleet = fleetAt({ kitchen: 21 }, T0);
    const result = evaluateRules([hot], EMPTY_RULE_STATE, fleet, T0);
    expect(result.ruleState).toBe(EMPTY_RULE_STATE);
  });
});

describe('threshold rules: which devices', () => {
  it('applies a rule without a device to every device with the metric, each on its own', () => {
    const rule = { ...hot, minDurationMs: 0 };
    const { raised } = run([rule], [[T0, { kitchen: 29, hall: 21, attic: 31 }]]);
    expect(raised.map((e) => e.device).sort()).toEqual(['attic', 'kitchen']);
  });

  it('applies a rule with a device to that device only', () => {
    const rule = { ...hot, minDurationMs: 0, device: 'hall' };
    expect(run([rule], [[T0, { kitchen: 29, hall: 29 }]]).raised.map((e) => e.device)).toEqual(['hall']);
  });

  it('resolves a firing rule that was deleted, or whose device went away', () => {
    const rule = { ...hot, minDurationMs: 0 };
    const firing = evaluateRules([rule], EMPTY_RULE_STATE, fleetAt({ kitchen: 30 }, T0), T0).ruleState;
    expect(evaluateRules([], firing, fleetAt({ kitchen: 30 }, T0), T0 + 1).resolved).toMatchObject([
      { ruleId: 'hot', device: 'kitchen', value: null },
    ]);
    expect(evaluateRules([rule], firing, fleetAt({}, T0), T0 + 1).resolved).toHaveLength(1);
  });
});

describe('threshold rules: checking and words', () => {
  it('refuses a negative hysteresis or duration and a missing metric', () => {
    expect(checkRule({ ...hot, hysteresis: -1 })).toEqual({
      ok: false,
      reason: 'the hysteresis must be 0 or more',
    });
    expect(checkRule({ ...hot, minDurationMs: -5 })).toMatchObject({ ok: false });
    expect(checkRule({ ...hot, metric: ' ' })).toEqual({ ok: false, reason: 'choose a metric' });
    expect(checkRule({ ...hot, limit: Number.NaN })).toMatchObject({ ok: false });
    expect(checkRule(hot)).toEqual({ ok: true });
  });

  it('words a rule with its unit', () => {
    expect(describeRule(hot, '°C')).toBe('temperature above 28 °C');
    expect(describeRule({ ...hot, direction: 'below', metric: 'co2', limit: 400 })).toBe('co2 below 400');
  });
});
