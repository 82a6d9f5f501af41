import { describe, expect, it } from 'vitest';
import { EMPTY_ALERTS } from './alerts';
import { PENDING_TIMEOUT_MS, startPending } from './command';
import { EMPTY_FLEET, type Fleet, type SwitchControl } from './device';
import {
  applyFleetRules,
  type FleetChange,
  type FleetRulesSettings,
  type FleetRulesState,
  statusChange,
} from './fleetRules';
import { DEFAULT_FOLD_LIMITS, foldBatch } from './fold';
import type { ApiDevice } from './historyApi';
import type { Interpretation, InterpretedMessage, Reading } from './interpretation';
import { METRIC_PREFERENCES } from './quantity';
import { MINUTE_MS, rollupPoints } from './rollup';
import { foldServerDevices } from './serverFleet';
import { seriesKey } from './snapshot';
import { refreshStatuses } from './status';
import { EMPTY_RULE_STATE, type ThresholdRule } from './thresholds';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const STALE_AFTER_MS = 60_000;

/** A house on a fake clock: each step folds messages (or only lets time pass) and runs the rules. */
function house(settings: Partial<FleetRulesSettings> = {}, armed = true) {
  let fleet: Fleet = EMPTY_FLEET;
  let state: FleetRulesState = {
    alerts: EMPTY_ALERTS,
    alertsArmed: armed,
    ruleState: EMPTY_RULE_STATE,
    rollups: new Map(),
    pending: [],
    notices: [],
  };
  const rules: FleetRulesSettings = { rules: [], units: METRIC_PREFERENCES, ...settings };
  const run = (change: FleetChange, nowMs: number) => {
    fleet = change.fleet;
    const outcome = applyFleetRules(state, rules, change, nowMs);
    const previous = state;
    state = { ...state, ...outcome };
    return { outcome, previous };
  };
  return {
    get fleet() {
      return fleet;
    },
    get state() {
      return state;
    },
    set state(next: FleetRulesState) {
      state = next;
    },
    /** Folds the messages, all received at `nowMs`. */
    fold(nowMs: number, ...meanings: Array<Interpretation | [Interpretation, 'retained']>) {
      const batch: InterpretedMessage[] = meanings.map((m) =>
        Array.isArray(m)
          ? { meaning: m[0], retained: true, receivedAt: nowMs }
          : { meaning: m, retained: false, receivedAt: nowMs },
      );
      const folded = foldBatch(fleet, batch, { ...DEFAULT_FOLD_LIMITS, nowMs, staleAfterMs: STALE_AFTER_MS });
      return run(folded, nowMs);
    },
    /** Folds the server's memory of the house (`/api/devices`), as a fresh screen does. */
    remember(nowMs: number, ...devices: ApiDevice[]) {
      const folded = foldServerDevices(fleet, devices, {
        ...DEFAULT_FOLD_LIMITS,
        nowMs,
        staleAfterMs: STALE_AFTER_MS,
      });
      return run(folded, nowMs);
    },
    /** Lets time pass: statuses refresh, rules and pending controls run, no fold. */
    tick(nowMs: number) {
      const refreshed = refreshStatuses(fleet, nowMs, STALE_AFTER_MS);
      return run(statusChange(refreshed.fleet, refreshed.changed), nowMs);
    },
    arm(nowMs: number) {
      state = { ...state, alertsArmed: true };
      return run(statusChange(fleet, fleet.ids), nowMs);
    },
  };
}

const readings = (
  convention: 'generic' | 'tasmota' | 'homie' | 'zigbee2mqtt' | 'shelly',
  device: string,
  values: Reading[],
  sampleAt: number | null = null,
): Interpretation =>
  convention === 'generic'
    ? { kind: 'readings', device, readings: values, sampleAt }
    : { kind: 'readings', device, readings: values, sampleAt, convention };
const temperature = (value: number, metric = 'temperature'): Reading => ({
  metric,
  value,
  unit: '°C',
  quantity: 'temperature',
});
const battery = (value: number, externalPower?: boolean): Reading => ({
  metric: 'battery',
  value,
  unit: '%',
  quantity: 'battery',
  ...(externalPower !== undefined ? { externalPower } : {}),
});

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

describe('applyFleetRules: rollups', () => {
  it('records the live values the fold accepted, by device key, and not the retained ones', () => {
    const h = house();
    h.fold(T0, [readings('generic', 'kitchen', [temperature(19)]), 'retained']);
    h.fold(T0 + 1000, readings('tasmota', 'kitchen', [temperature(21, 'SI7021.Temperature')]));
    h.fold(T0 + 2000, readings('generic', 'kitchen', [temperature(22)]));
    expect([...h.state.rollups.keys()]).toEqual([
      seriesKey('tasmota/kitchen', 'SI7021.Temperature'),
      seriesKey('generic/kitchen', 'temperature'),
    ]);
    const minute = h.state.rollups.get(seriesKey('generic/kitchen', 'temperature'))?.minute;
    expect(minute === undefined ? [] : rollupPoints(minute, 0, Infinity).map((p) => p.mean)).toEqual([22]);
  });

  it('places a sample from a device clock in the future at its arrival, not in its future bucket', () => {
    const h = house();
    const year2100 = Date.UTC(2100, 0, 1);
    h.fold(T0, readings('generic', 'kitchen', [temperature(22)], year2100));
    h.fold(T0 + MINUTE_MS, readings('generic', 'kitchen', [temperature(23)]));
    const minute = h.state.rollups.get(seriesKey('generic/kitchen', 'temperature'))?.minute;
    const points = minute === undefined ? [] : rollupPoints(minute, 0, Infinity);
    expect(points.map((p) => [p.t, p.mean])).toEqual([
      [T0 + MINUTE_MS / 2, 22],
      [T0 + 1.5 * MINUTE_MS, 23],
    ]);
  });

  it('aggregates a switch by its last value and a temperature by its mean', () => {
    const h = house();
    const relay = (on: number): Reading => ({ metric: 'POWER', value: on, unit: null, quantity: 'switch' });
    h.fold(T0, readings('tasmota', 'plug', [relay(1)]));
    h.fold(T0 + 1000, readings('tasmota', 'plug', [relay(0)]));
    h.fold(T0 + 2000, readings('tasmota', 'plug', [relay(0)]));
    const tiers = h.state.rollups.get(seriesKey('tasmota/plug', 'POWER'));
    expect(tiers?.minute.aggregation).toBe('last');
    expect(tiers === undefined ? [] : rollupPoints(tiers.minute, 0, Infinity).map((p) => p.value)).toEqual([
      0,
    ]);
  });

  it('forgets the series of a device that went away, and only its own', () => {
    const h = house();
    h.fold(T0, readings('tasmota', 'plug', [temperature(30, 'ANALOG.Temperature')]));
    h.fold(T0, readings('tasmota', 'plug_2', [temperature(30, 'ANALOG.Temperature')]));
    const rollups = h.state.rollups;
    h.fold(T0 + 1000, {
      kind: 'remove',
      device: 'plug',
      convention: 'tasmota',
      metrics: [],
      controls: [],
      wholeDevice: true,
    });
    expect(h.state.rollups).toBe(rollups);
    expect([...rollups.keys()]).toEqual([seriesKey('tasmota/plug_2', 'ANALOG.Temperature')]);
  });

  it('records history while alerts are disarmed, and moves no alert', () => {
    const h = house({ rules: [{ ...hot, minDurationMs: 0 }] }, false);
    h.fold(T0, readings('generic', 'attic', [temperature(35), battery(3)]));
    h.fold(T0, { kind: 'availability', device: 'hall', online: false });
    expect(h.state.alerts).toBe(EMPTY_ALERTS);
    expect(h.state.ruleState).toBe(EMPTY_RULE_STATE);
    expect(h.state.rollups.size).toBe(2);
  });
});

describe('applyFleetRules: alerts', () => {
  it('raises an offline alert per device key: one of two kitchens', () => {
    const h = house();
    h.fold(T0, readings('generic', 'kitchen', [temperature(21)]));
    h.fold(T0, readings('tasmota', 'kitchen', [temperature(21, 'SI7021.Temperature')]));
    h.fold(T0 + 1000, { kind: 'availability', device: 'kitchen', online: false, convention: 'tasmota' });
    expect(h.state.alerts.active.map((a) => [a.device, a.kind])).toEqual([['tasmota/kitchen', 'offline']]);
  });

  it('marks a silent device stale as the clock runs, with no message at all', () => {
    const h = house();
    h.fold(T0, readings('zigbee2mqtt', 'porch', [temperature(12)]));
    h.tick(T0 + STALE_AFTER_MS - 1);
    expect(h.state.alerts.active).toEqual([]);
    h.tick(T0 + STALE_AFTER_MS + 1);
    expect(h.state.alerts.active.map((a) => [a.device, a.kind])).toEqual([['zigbee2mqtt/porch', 'stale']]);
  });

  it('raises a battery alert once at 15 %, keeps it under 20 %, resolves it above', () => {
    const h = house();
    h.fold(T0, readings('zigbee2mqtt', 'door', [battery(40)]));
    h.fold(T0 + 1, readings('zigbee2mqtt', 'door', [battery(15)]));
    h.fold(T0 + 2, readings('zigbee2mqtt', 'door', [battery(18)]));
    h.fold(T0 + 3, readings('zigbee2mqtt', 'door', [battery(14)]));
    expect(h.state.alerts.active).toMatchObject([
      { device: 'zigbee2mqtt/door', kind: 'battery', raisedAt: T0 + 1, words: 'battery at 15 %' },
    ]);
    h.fold(T0 + 4, readings('zigbee2mqtt', 'door', [battery(100)]));
    expect(h.state.alerts.active).toEqual([]);
    expect(h.state.alerts.log.map((a) => a.kind)).toEqual(['battery']);
  });

  it('does not alert on a USB-powered Shelly H&T that says 0 %', () => {
    const h = house();
    h.fold(T0, readings('shelly', 'shellyht-1', [battery(0, true)]));
    expect(h.state.alerts.active).toEqual([]);
  });

  describe('a USB-powered Shelly H&T on a fresh screen: the server memory first, then the retained copy', () => {
    const remembered = (externalPower?: boolean): ApiDevice => ({
      key: 'shelly/shellyht-1',
      id: 'shellyht-1',
      convention: 'shelly',
      name: null,
      status: 'online',
      availability: null,
      lastSeenAt: T0 - 60_000,
      topics: ['shellyht-1/status/devicepower:0'],
      readings: [
        {
          metric: 'battery',
          handle: 'battery',
          label: null,
          quantity: 'battery',
          value: 0,
          unit: '%',
          sourceUnit: '%',
          precision: null,
          diagnostic: false,
          source: null,
          ...(externalPower !== undefined ? { externalPower } : {}),
          at: T0 - 60_000,
          receivedAt: T0 - 60_000,
          topic: 'shellyht-1/status/devicepower:0',
        },
      ],
    });

    it('raises no battery alert when the server remembers the external power', () => {
      const h = house();
      h.remember(T0, remembered(true));
      expect(h.fleet.devices.get('shelly/shellyht-1')?.metrics.get('battery')?.externalPower).toBe(true);
      h.fold(T0 + 100, [readings('shelly', 'shellyht-1', [battery(0, true)]), 'retained']);
      expect(h.fleet.devices.get('shelly/shellyht-1')?.metrics.get('battery')?.externalPower).toBe(true);
      expect(h.state.alerts.active).toEqual([]);
      expect(h.state.alerts.log).toEqual([]);
    });

    it('keeps the external power the retained copy names when the server did not remember it, with no alert left', () => {
      const h = house();
      h.remember(T0, remembered());
      h.fold(T0 + 100, [readings('shelly', 'shellyht-1', [battery(0, true)]), 'retained']);
      const sensor = h.fleet.devices.get('shelly/shellyht-1');
      expect(sensor?.metrics.get('battery')).toMatchObject({ value: 0, externalPower: true, retained: true });
      expect(sensor).toMatchObject({ lastSeenAt: 0, liveSeen: false });
      expect(h.state.alerts.active).toEqual([]);
    });
  });

  it('alerts on batteries already low when the alerts are armed', () => {
    const h = house({}, false);
    h.fold(T0, [readings('zigbee2mqtt', 'door', [battery(5)]), 'retained']);
    expect(h.state.alerts.active).toEqual([]);
    h.arm(T0 + 3000);
    expect(h.state.alerts.active.map((a) => a.kind)).toEqual(['battery']);
  });

  it('fires a threshold rule by quantity for a Homie temperature once its duration has run on the clock', () => {
    const h = house({ rules: [hot] });
    h.fold(T0, readings('homie', 'attic', [temperature(30, 'sensor/temperature')]));
    h.tick(T0 + 59_999);
    expect(h.state.alerts.active).toEqual([]);
    h.tick(T0 + 60_000);
    expect(h.state.alerts.active).toMatchObject([
      {
        device: 'homie/attic',
        kind: 'threshold',
        ruleId: 'hot',
        metric: 'sensor/temperature',
        words: 'temperature above 28 °C',
      },
    ]);
  });

  it('words the threshold alert in the displayed unit', () => {
    const h = house({
      rules: [{ ...hot, minDurationMs: 0 }],
      units: { system: 'imperial', perQuantity: {} },
    });
    h.fold(T0, readings('zigbee2mqtt', 'loft', [temperature(29)]));
    expect(h.state.alerts.active[0]?.words).toBe('temperature above 82.4 °F');
  });
});

describe('applyFleetRules: pending controls and notices', () => {
  const power: SwitchControl = {
    kind: 'switch',
    id: 'POWER',
    label: 'Power',
    stateMetric: 'POWER',
    echoes: true,
    command: { format: 'plain', topic: 'cmnd/plug/POWER', on: 'ON', off: 'OFF', retain: false, qos: 0 },
  };
  const relay = (on: number): Reading => ({ metric: 'POWER', value: on, unit: null, quantity: 'switch' });

  it('confirms a control when its device echoes in a fold', () => {
    const h = house();
    h.fold(T0, readings('tasmota', 'plug', [relay(0)]));
    h.state = { ...h.state, pending: [startPending('tasmota/plug', power, true, T0 + 10)] };
    h.fold(T0 + 200, readings('tasmota', 'plug', [relay(1)]));
    expect(h.state.pending).toEqual([]);
    expect(h.state.notices).toEqual([]);
  });

  it('reverts a control with a notice once its deadline passes on the clock', () => {
    const h = house();
    h.fold(T0, readings('tasmota', 'plug', [relay(0)]));
    h.state = { ...h.state, pending: [startPending('tasmota/plug', power, true, T0 + 10)] };
    h.tick(T0 + 10 + PENDING_TIMEOUT_MS - 1);
    expect(h.state.pending).toHaveLength(1);
    h.tick(T0 + 10 + PENDING_TIMEOUT_MS);
    expect(h.state.pending).toEqual([]);
    expect(h.state.notices).toEqual([
      {
        id: T0 + 10 + PENDING_TIMEOUT_MS,
        text: 'plug did not confirm Power → on within 5 s; it still reports off.',
        tone: 'error',
        at: T0 + 10 + PENDING_TIMEOUT_MS,
      },
    ]);
  });
});

describe('applyFleetRules: nothing to do', () => {
  it('gives back the very objects it was given when time passes and nothing moves', () => {
    const h = house({ rules: [hot] });
    h.fold(T0, readings('generic', 'kitchen', [temperature(21), battery(90)]));
    const { outcome, previous } = h.tick(T0 + 1000);
    expect(outcome.alerts).toBe(previous.alerts);
    expect(outcome.ruleState).toBe(previous.ruleState);
    expect(outcome.pending).toBe(previous.pending);
    expect(outcome.notices).toBe(previous.notices);
    expect(outcome.rollups).toBe(previous.rollups);
  });
});
