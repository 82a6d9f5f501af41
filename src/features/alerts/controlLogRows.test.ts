import { describe, expect, it } from 'vitest';
import type { Alert } from '../../core/alerts';
import type { Control } from '../../core/device';
import { testDevice } from '../../core/fixtures/devices';
import { EMPTY_LAYOUT } from '../../core/layout';
import type { ControlAction } from '../../store/accountSlice';
import {
  alertRowTime,
  controlActionWords,
  controlTargets,
  mergeByTime,
  splitAtOpening,
} from './controlLogRows';

const action = (fields: Partial<ControlAction>): ControlAction => ({
  at: 1_000,
  account: 'Ann',
  role: 'owner',
  screen: '',
  kind: 'session',
  topic: 'cmnd/plug1/POWER',
  payload: 'ON',
  retained: false,
  ...fields,
});

const relay: Control = {
  id: 'power',
  label: 'Power',
  stateMetric: 'POWER',
  echoes: true,
  kind: 'switch',
  command: { format: 'plain', topic: 'cmnd/plug1/POWER', on: 'ON', off: 'OFF', retain: false, qos: 0 },
};
const bulb: Control = {
  id: 'state',
  label: 'State',
  stateMetric: 'state',
  echoes: true,
  kind: 'switch',
  command: {
    format: 'json-state',
    topic: 'zigbee2mqtt/hall_bulb/set',
    property: 'state',
    on: 'ON',
    off: 'OFF',
    qos: 0,
  },
};
const thermostat: Control = {
  id: 'target',
  label: 'Target',
  stateMetric: 'target',
  echoes: true,
  kind: 'number',
  min: 5,
  max: 30,
  step: 0.5,
  unit: '°C',
  command: { format: 'plain', topic: 'house/heating/target/set', retain: false, qos: 0 },
};

const devices = [
  testDevice({
    id: 'tasmota/plug1',
    nativeId: 'plug1',
    convention: 'tasmota',
    name: 'Kitchen plug',
    controls: [relay],
  }),
  testDevice({
    id: 'zigbee2mqtt/hall_bulb',
    nativeId: 'hall_bulb',
    convention: 'zigbee2mqtt',
    controls: [bulb],
  }),
  testDevice({ id: 'generic/heating', nativeId: 'heating', controls: [thermostat] }),
];
const topics = new Set([relay.command.topic, bulb.command.topic, thermostat.command.topic]);
const targets = controlTargets(devices, EMPTY_LAYOUT, topics);

describe('a control action in words', () => {
  it('names who, from which kept screen, and the device the topic switches', () => {
    const words = controlActionWords(
      action({ screen: 'Kitchen tablet', kind: 'screen' }),
      targets.get('cmnd/plug1/POWER'),
    );
    expect(words).toBe('Ann · Kitchen tablet switched Kitchen plug → ON');
  });

  it('names the topic when no known device has that control', () => {
    expect(controlActionWords(action({ topic: 'tasmota/plug9/cmnd/POWER', payload: 'OFF' }))).toBe(
      'Ann switched tasmota/plug9/cmnd/POWER → OFF',
    );
  });

  it('reads a Zigbee2MQTT JSON command as the state it asks for', () => {
    const words = controlActionWords(
      action({ topic: 'zigbee2mqtt/hall_bulb/set', payload: '{"state":"OFF"}' }),
      targets.get('zigbee2mqtt/hall_bulb/set'),
    );
    expect(words).toBe('Ann switched hall_bulb → OFF');
  });

  it('says a set point was set', () => {
    const words = controlActionWords(
      action({ topic: 'house/heating/target/set', payload: '21.5' }),
      targets.get('house/heating/target/set'),
    );
    expect(words).toBe('Ann set heating → 21.5');
  });

  it('says "Someone" in a house with no accounts, and "sent" for a payload that is no switch', () => {
    expect(
      controlActionWords(
        action({ account: null, role: null, kind: 'open', topic: 'a/b/set', payload: 'dim 40' }),
      ),
    ).toBe('Someone sent a/b/set → dim 40');
  });

  it('cuts a long payload and says when the broker keeps the message', () => {
    const words = controlActionWords(action({ topic: 'a/b/set', payload: 'x'.repeat(100), retained: true }));
    expect(words).toBe(`Ann sent a/b/set → ${'x'.repeat(40)}… (kept by the broker)`);
  });
});

describe('the log merged by time', () => {
  const alertAt = (id: number, raisedAt: number, resolvedAt: number): Alert =>
    ({ id, kind: 'offline', device: 'generic/x', raisedAt, resolvedAt, acknowledged: true }) as Alert;

  it('puts each control action where its time falls among the alerts, each list keeping its order', () => {
    const alerts = [alertAt(1, 100, 900), alertAt(2, 100, 500), alertAt(3, 50, 100)].map(
      (alert) => ({ type: 'alert', alert }) as const,
    );
    const actions = [action({ at: 950 }), action({ at: 600 }), action({ at: 500 }), action({ at: 10 })];
    const lines = mergeByTime(alerts, alertRowTime, actions);
    expect(lines.map((line) => `${line.type}@${line.at}`)).toEqual([
      'control@950',
      'entry@900',
      'control@600',
      'entry@500',
      'control@500',
      'entry@100',
      'control@10',
    ]);
  });

  it('keeps the actions from before the page opened apart from those since', () => {
    const { since, before } = splitAtOpening([action({ at: 2_000 }), action({ at: 500 })], 1_000);
    expect(since.map((a) => a.at)).toEqual([2_000]);
    expect(before.map((a) => a.at)).toEqual([500]);
  });
});
