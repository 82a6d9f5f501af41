import { describe, expect, it } from 'vitest';
import type { Device, Fleet, Metric } from './device';
import { METRIC_DEFAULTS, testDevice, testMetric } from './fixtures/devices';
import { METRIC_PREFERENCES, type UnitPreferences } from './quantity';
import { createRing } from './ringBuffer';
import {
  checkRule,
  describeRule,
  EMPTY_RULE_STATE,
  evaluateRules,
  type RuleState,
  ruleInUnit,
  type ThresholdEvent,
  type ThresholdRule,
} from './thresholds';

const T0 = 1_700_000_000_000;

const hot: ThresholdRule = {
  id: 'hot',
  quantity: 'temperature',
  metric: '',
  device: null,
  direction: 'above',
  limit: 28,
  hysteresis: 1,
  unit: '°C',
  minDurationMs: 60_000,
};

const IMPERIAL: UnitPreferences = { system: 'imperial', perQuantity: {} };

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
    devices.set(`generic/${id}`, {
      id: `generic/${id}`,
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
        device: 'generic/kitchen',
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
    expect(raised.map((e) => e.device).sort()).toEqual(['generic/attic', 'generic/kitchen']);
  });

  it('applies a rule with a device to that device only', () => {
    const rule = { ...hot, minDurationMs: 0, device: 'generic/hall' };
    expect(run([rule], [[T0, { kitchen: 29, hall: 29 }]]).raised.map((e) => e.device)).toEqual([
      'generic/hall',
    ]);
  });

  it('resolves a firing rule that was deleted, or whose device went away', () => {
    const rule = { ...hot, minDurationMs: 0 };
    const firing = evaluateRules([rule], EMPTY_RULE_STATE, fleetAt({ kitchen: 30 }, T0), T0).ruleState;
    expect(evaluateRules([], firing, fleetAt({ kitchen: 30 }, T0), T0 + 1).resolved).toMatchObject([
      { ruleId: 'hot', device: 'generic/kitchen', metric: 'temperature', value: null },
    ]);
    expect(evaluateRules([rule], firing, fleetAt({}, T0), T0 + 1).resolved).toHaveLength(1);
  });
});

describe('threshold rules: checking and words', () => {
  it('refuses a negative hysteresis or duration, a missing reading and a unit not of the quantity', () => {
    expect(checkRule({ ...hot, hysteresis: -1 })).toEqual({
      ok: false,
      reason: 'the hysteresis must be 0 or more',
    });
    expect(checkRule({ ...hot, minDurationMs: -5 })).toMatchObject({ ok: false });
    expect(checkRule({ ...hot, quantity: null, metric: ' ' })).toEqual({
      ok: false,
      reason: 'choose a reading',
    });
    expect(checkRule({ ...hot, unit: 'hPa' })).toEqual({
      ok: false,
      reason: '"hPa" is not a unit of temperature: use °C, °F, K',
    });
    expect(checkRule({ ...hot, limit: Number.NaN })).toMatchObject({ ok: false });
    expect(checkRule(hot)).toEqual({ ok: true });
  });

  it('words a rule with its unit', () => {
    expect(describeRule(hot)).toBe('temperature above 28 °C');
    expect(describeRule({ ...hot, quantity: 'co2', direction: 'below', limit: 400, unit: 'ppm' })).toBe(
      'CO₂ below 400 ppm',
    );
    expect(describeRule({ ...hot, quantity: 'power_factor', limit: 0.9, unit: '' })).toBe(
      'power factor above 0.9',
    );
  });

  it('words a rule by name with the reading name and its own unit', () => {
    const rule: ThresholdRule = { ...hot, quantity: null, metric: 'tank_level', limit: 80, unit: 'cm³' };
    expect(describeRule(rule)).toBe('tank_level above 80 cm³');
    expect(describeRule({ ...rule, unit: '' }, IMPERIAL)).toBe('tank_level above 80');
  });

  it('words a rule in the displayed unit, whatever unit it was written in', () => {
    expect(describeRule(hot, IMPERIAL)).toBe('temperature above 82.4 °F');
    expect(describeRule({ ...hot, limit: 82.4, unit: '°F' }, METRIC_PREFERENCES)).toBe(
      'temperature above 28 °C',
    );
    expect(describeRule(hot, { system: 'metric', perQuantity: { temperature: 'K' } })).toBe(
      'temperature above 301.15 K',
    );
  });

  it('rewrites a rule in another unit of its quantity, hysteresis scaled but not shifted', () => {
    expect(ruleInUnit({ ...hot, hysteresis: 1 }, '°F')).toMatchObject({
      limit: 82.4,
      hysteresis: 1.8,
      unit: '°F',
    });
    expect(ruleInUnit({ ...hot, limit: 82.4, hysteresis: 1.8, unit: '°F' }, '°C')).toMatchObject({
      limit: 28,
      hysteresis: 1,
      unit: '°C',
    });
    expect(ruleInUnit(hot, '°C')).toBe(hot);
    expect(ruleInUnit({ ...hot, quantity: null, metric: 'x' }, '°F').unit).toBe('°C');
  });

  it('shows a rule rewritten in another unit as a person would type it, not to six decimals', () => {
    expect(ruleInUnit({ ...hot, limit: 72, hysteresis: 1, unit: '°F' }, '°C')).toMatchObject({
      limit: 22.22,
      hysteresis: 0.56,
    });
  });
});

describe('threshold rules: by quantity, whatever the convention', () => {
  /** A device of any convention with readings given as [native name, quantity, held value]. */
  function device(
    convention: Device['convention'],
    nativeId: string,
    readings: Array<[string, Metric['quantity'], number]>,
  ): Device {
    return testDevice({
      id: `${convention}/${nativeId}`,
      nativeId,
      convention,
      metrics: new Map(
        readings.map(([name, quantity, value]) => [
          name,
          testMetric({ name, quantity, value, unit: quantity === null ? '' : '°C', sampleAt: T0 }),
        ]),
      ),
    });
  }
  const fleetOf = (...devices: Device[]): Fleet => ({
    devices: new Map(devices.map((d) => [d.id, d])),
    ids: devices.map((d) => d.id),
    unmappedCount: 0,
    overLimitCount: 0,
  });
  const now = { ...hot, minDurationMs: 0 };

  it('fires for every convention reading of the quantity, each device on its own', () => {
    const fleet = fleetOf(
      device('homie', 'attic', [['sensor/temperature', 'temperature', 30]]),
      device('tasmota', 'boiler', [['DS18B20.Temperature', 'temperature', 31]]),
      device('shelly', 'porch', [['temperature:0', 'temperature', 12]]),
      device('generic', 'kitchen', [['temperature', 'temperature', 29]]),
    );
    const { raised } = evaluateRules([now], EMPTY_RULE_STATE, fleet, T0);
    expect(raised.map((e) => [e.device, e.metric])).toEqual([
      ['homie/attic', 'sensor/temperature'],
      ['tasmota/boiler', 'DS18B20.Temperature'],
      ['generic/kitchen', 'temperature'],
    ]);
  });

  it('finds the device of a rule saved by native id before device keys', () => {
    const fleet = fleetOf(
      device('tasmota', 'boiler', [['DS18B20.Temperature', 'temperature', 31]]),
      device('shelly', 'porch', [['temperature:0', 'temperature', 30]]),
    );
    const rule = { ...now, device: 'generic/boiler' };
    expect(evaluateRules([rule], EMPTY_RULE_STATE, fleet, T0).raised.map((e) => e.device)).toEqual([
      'tasmota/boiler',
    ]);
  });

  it('keeps two kitchens of two conventions apart', () => {
    const fleet = fleetOf(
      device('generic', 'kitchen', [['temperature', 'temperature', 29]]),
      device('tasmota', 'kitchen', [['SI7021.Temperature', 'temperature', 21]]),
    );
    const rule = { ...now, device: 'tasmota/kitchen' };
    expect(evaluateRules([rule], EMPTY_RULE_STATE, fleet, T0).raised).toEqual([]);
    expect(
      evaluateRules([{ ...rule, device: 'generic/kitchen' }], EMPTY_RULE_STATE, fleet, T0).raised,
    ).toHaveLength(1);
  });

  it('watches each probe of a device with two readings of the quantity', () => {
    const fleet = fleetOf(
      device('tasmota', 'boiler', [
        ['DS18B20-1.Temperature', 'temperature', 30],
        ['DS18B20-2.Temperature', 'temperature', 20],
        ['DS18B20-3.Temperature', 'temperature', 40],
      ]),
    );
    const { raised } = evaluateRules([now], EMPTY_RULE_STATE, fleet, T0);
    expect(raised.map((e) => e.metric)).toEqual(['DS18B20-1.Temperature', 'DS18B20-3.Temperature']);
  });

  it('compares a limit written in °F with values held in °C', () => {
    const rule: ThresholdRule = { ...now, limit: 82.4, hysteresis: 1.8, unit: '°F' };
    const hotter = fleetOf(device('zigbee2mqtt', 'loft', [['temperature', 'temperature', 28.1]]));
    const cooler = fleetOf(device('zigbee2mqtt', 'loft', [['temperature', 'temperature', 27.9]]));
    expect(evaluateRules([rule], EMPTY_RULE_STATE, cooler, T0).raised).toEqual([]);
    const firing = evaluateRules([rule], EMPTY_RULE_STATE, hotter, T0);
    expect(firing.raised).toMatchObject([{ words: 'temperature above 28 °C', value: 28.1 }]);
    // 1.8 °F of hysteresis is 1 °C: 27.1 °C is inside the band, 27 °C is out.
    const band = fleetOf(device('zigbee2mqtt', 'loft', [['temperature', 'temperature', 27.1]]));
    expect(evaluateRules([rule], firing.ruleState, band, T0 + 1).resolved).toEqual([]);
    const out = fleetOf(device('zigbee2mqtt', 'loft', [['temperature', 'temperature', 27]]));
    expect(evaluateRules([rule], firing.ruleState, out, T0 + 1).resolved).toHaveLength(1);
  });

  it('words its events in the displayed unit', () => {
    const fleet = fleetOf(device('generic', 'kitchen', [['temperature', 'temperature', 29]]));
    expect(evaluateRules([now], EMPTY_RULE_STATE, fleet, T0, IMPERIAL).raised[0]?.words).toBe(
      'temperature above 82.4 °F',
    );
  });

  it('skips a device’s own temperature, a diagnostic reading of a house quantity', () => {
    const plug = device('shelly', 'plug', [
      ['temperature:0', 'temperature', 29],
      ['device_temperature', 'temperature', 45],
    ]);
    const own = plug.metrics.get('device_temperature') as Metric;
    const metrics = new Map(plug.metrics).set('device_temperature', { ...own, diagnostic: true });
    const { raised } = evaluateRules([now], EMPTY_RULE_STATE, fleetOf({ ...plug, metrics }), T0);
    expect(raised.map((e) => e.metric)).toEqual(['temperature:0']);
  });

  it('still watches a diagnostic reading of a diagnostic quantity', () => {
    const rule: ThresholdRule = { ...now, quantity: 'battery', direction: 'below', limit: 20, unit: '%' };
    const sensor = device('zigbee2mqtt', 'door', [['battery', 'battery', 12]]);
    const battery = sensor.metrics.get('battery') as Metric;
    const metrics = new Map([['battery', { ...battery, unit: '%', diagnostic: true }]]);
    expect(evaluateRules([rule], EMPTY_RULE_STATE, fleetOf({ ...sensor, metrics }), T0).raised).toHaveLength(
      1,
    );
  });

  it('selects a reading of no known quantity by its native name only', () => {
    const rule: ThresholdRule = { ...now, quantity: null, metric: 'tank_level', limit: 80, unit: '' };
    const fleet = fleetOf(
      device('generic', 'cellar', [['tank_level', null, 85]]),
      device('generic', 'garden', [['level', null, 95]]),
    );
    expect(evaluateRules([rule], EMPTY_RULE_STATE, fleet, T0).raised.map((e) => e.device)).toEqual([
      'generic/cellar',
    ]);
  });

  it('resolves a probe that went away while the other stays firing', () => {
    const both = fleetOf(
      device('tasmota', 'boiler', [
        ['DS18B20-1.Temperature', 'temperature', 30],
        ['DS18B20-2.Temperature', 'temperature', 30],
      ]),
    );
    const firing = evaluateRules([now], EMPTY_RULE_STATE, both, T0).ruleState;
    const one = fleetOf(device('tasmota', 'boiler', [['DS18B20-1.Temperature', 'temperature', 30]]));
    expect(evaluateRules([now], firing, one, T0 + 1).resolved).toMatchObject([
      { device: 'tasmota/boiler', metric: 'DS18B20-2.Temperature', value: null },
    ]);
  });
});
