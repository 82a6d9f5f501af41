import { describe, expect, it } from 'vitest';
import {
  commandFor,
  confirmPending,
  PENDING_TIMEOUT_MS,
  settlePending,
  snapNumber,
  startPending,
} from './command';
import type { Device, Fleet, Metric, NumberControl, SwitchControl } from './device';
import { METRIC_DEFAULTS } from './fixtures/devices';
import { createRing } from './ringBuffer';

const T0 = 1_700_000_000_000;

const tasmotaPower: SwitchControl = {
  kind: 'switch',
  id: 'POWER',
  label: 'Power',
  stateMetric: 'POWER',
  echoes: true,
  command: { format: 'plain', topic: 'cmnd/kitchen_plug/POWER', on: 'ON', off: 'OFF', retain: false, qos: 0 },
};
const haSwitch: SwitchControl = {
  ...tasmotaPower,
  id: 'relay',
  stateMetric: 'relay',
  command: {
    format: 'plain',
    topic: 'garage-node/switch/relay/command',
    on: 'ON',
    off: 'OFF',
    retain: true,
    qos: 1,
  },
};
const homieHeating: SwitchControl = {
  ...tasmotaPower,
  id: 'heater/power',
  stateMetric: 'heater/power',
  command: {
    format: 'plain',
    topic: 'homie/thermostat-1/heater/power/set',
    on: 'true',
    off: 'false',
    retain: false,
    qos: 1,
  },
};
const z2mState: SwitchControl = {
  ...tasmotaPower,
  id: 'state',
  stateMetric: 'state',
  command: {
    format: 'json-state',
    topic: 'zigbee2mqtt/Kitchen/ceiling/set',
    property: 'state',
    on: 'ON',
    off: 'OFF',
    qos: 0,
  },
};
const shellySwitch: SwitchControl = {
  ...tasmotaPower,
  id: 'switch:0',
  stateMetric: 'switch:0',
  command: { format: 'shelly-rpc', topic: 'shellyplus1pm-a8032ab12345/rpc', id: 0 },
};
const setpoint: NumberControl = {
  kind: 'number',
  id: 'heater/setpoint',
  label: 'Set point',
  stateMetric: 'heater/setpoint',
  echoes: true,
  min: 5,
  max: 30,
  step: 0.5,
  unit: '°C',
  command: { format: 'plain', topic: 'homie/thermostat-1/heater/setpoint/set', retain: false, qos: 1 },
};
const brightness: NumberControl = {
  ...setpoint,
  id: 'brightness',
  min: 0,
  max: 254,
  step: 1,
  unit: null,
  command: { format: 'json-state', topic: 'zigbee2mqtt/Kitchen/ceiling/set', property: 'brightness', qos: 0 },
};

describe('commandFor: per convention', () => {
  it('Tasmota: ON / OFF on cmnd/<topic>/POWER, not retained', () => {
    expect(commandFor(tasmotaPower, true)).toEqual({
      ok: true,
      topic: 'cmnd/kitchen_plug/POWER',
      payload: 'ON',
      retain: false,
      qos: 0,
    });
    expect(commandFor(tasmotaPower, false)).toMatchObject({ payload: 'OFF' });
  });

  it('Home Assistant: payload_on on command_topic, with the retain and QoS of the config', () => {
    expect(commandFor(haSwitch, true)).toEqual({
      ok: true,
      topic: 'garage-node/switch/relay/command',
      payload: 'ON',
      retain: true,
      qos: 1,
    });
  });

  it('Homie: true / false on <property>/set', () => {
    expect(commandFor(homieHeating, false)).toEqual({
      ok: true,
      topic: 'homie/thermostat-1/heater/power/set',
      payload: 'false',
      retain: false,
      qos: 1,
    });
  });

  it('Zigbee2MQTT: {"state":"ON"} on /set', () => {
    expect(commandFor(z2mState, true)).toEqual({
      ok: true,
      topic: 'zigbee2mqtt/Kitchen/ceiling/set',
      payload: '{"state":"ON"}',
      retain: false,
      qos: 0,
    });
  });

  it('Shelly: a Switch.Set JSON-RPC frame on <id>/rpc', () => {
    const command = commandFor(shellySwitch, true, 7);
    expect(command).toMatchObject({
      ok: true,
      topic: 'shellyplus1pm-a8032ab12345/rpc',
      retain: false,
      qos: 1,
    });
    expect(command.ok && JSON.parse(command.payload)).toEqual({
      id: 7,
      src: 'hearth',
      method: 'Switch.Set',
      params: { id: 0, on: true },
    });
  });

  it('a number: the value as text, or as JSON for Zigbee2MQTT', () => {
    expect(commandFor(setpoint, 21.5)).toMatchObject({
      ok: true,
      topic: 'homie/thermostat-1/heater/setpoint/set',
      payload: '21.5',
    });
    expect(commandFor(setpoint, 21)).toMatchObject({ payload: '21.0' });
    expect(commandFor(brightness, 128)).toMatchObject({ payload: '{"brightness":128}' });
  });
});

describe('commandFor: refusals', () => {
  it('refuses a command topic with wildcards', () => {
    const control: SwitchControl = {
      ...tasmotaPower,
      command: { ...tasmotaPower.command, topic: 'cmnd/+/POWER' } as SwitchControl['command'],
    };
    expect(commandFor(control, true)).toEqual({
      ok: false,
      error:
        'cannot send to "cmnd/+/POWER": wildcards (+ and #) are only for subscribing, not for publishing',
    });
  });

  it('refuses numbers outside the range, in words with the unit', () => {
    expect(commandFor(setpoint, 31)).toEqual({ ok: false, error: '31 °C is above the maximum of 30 °C' });
    expect(commandFor(setpoint, 4)).toEqual({ ok: false, error: '4 °C is below the minimum of 5 °C' });
    expect(commandFor(setpoint, Number.NaN)).toMatchObject({ ok: false });
  });

  it('refuses the wrong kind of value', () => {
    expect(commandFor(tasmotaPower, 1)).toMatchObject({ ok: false });
    expect(commandFor(setpoint, true)).toMatchObject({ ok: false });
  });

  it('snaps a number to the step, counted from the minimum', () => {
    expect(snapNumber(setpoint, 21.3)).toEqual({ ok: true, value: 21.5 });
    expect(snapNumber({ ...setpoint, min: 0.1, step: 0.2 }, 0.4)).toEqual({ ok: true, value: 0.5 });
    expect(snapNumber({ ...setpoint, step: null }, 21.33)).toEqual({ ok: true, value: 21.33 });
  });
});

function deviceWith(metric: Partial<Metric> | null, overrides: Partial<Device> = {}): Device {
  const metrics = new Map<string, Metric>();
  if (metric !== null) {
    metrics.set('POWER', {
      ...METRIC_DEFAULTS,
      handle: 'POWER',
      name: 'POWER',
      value: 0,
      unit: '',
      receivedAt: T0,
      sampleAt: T0,
      retained: false,
      history: createRing(4),
      ...metric,
    });
  }
  return {
    id: 'kitchen_plug',
    nativeId: 'kitchen_plug',
    convention: 'tasmota',
    name: 'Kitchen plug',
    metrics,
    availability: true,
    availabilityAt: T0,
    lastSeenAt: T0,
    liveSeen: true,
    invalidCount: 0,
    oversizeCount: 0,
    lastProblem: null,
    status: 'online',
    ...overrides,
  };
}

describe('pending controls', () => {
  it('waits until the device echoes, then confirms', () => {
    const pending = startPending('kitchen_plug', tasmotaPower, true, T0 + 100);
    expect(confirmPending(pending, deviceWith({ value: 0 }), T0 + 200)).toEqual({
      state: 'waiting',
      remainingMs: PENDING_TIMEOUT_MS - 100,
    });
    expect(confirmPending(pending, deviceWith({ value: 1, receivedAt: T0 + 400 }), T0 + 400)).toEqual({
      state: 'confirmed',
    });
  });

  it('does not take a report from before the command as the echo', () => {
    const pending = startPending('kitchen_plug', tasmotaPower, true, T0 + 100);
    expect(confirmPending(pending, deviceWith({ value: 1, receivedAt: T0 }), T0 + 200)).toMatchObject({
      state: 'waiting',
    });
  });

  it('keeps waiting through a late report of the old value, until the deadline', () => {
    const pending = startPending('kitchen_plug', tasmotaPower, true, T0);
    expect(confirmPending(pending, deviceWith({ value: 0, receivedAt: T0 + 50 }), T0 + 60)).toMatchObject({
      state: 'waiting',
    });
  });

  it('reverts after the timeout with a message saying what the device reports', () => {
    const pending = startPending('kitchen_plug', tasmotaPower, true, T0);
    expect(confirmPending(pending, deviceWith({ value: 0 }), T0 + PENDING_TIMEOUT_MS)).toEqual({
      state: 'reverted',
      message: 'Kitchen plug did not confirm Power → on within 5 s; it still reports off.',
    });
  });

  it('says when the device is offline or never reported its state', () => {
    const pending = startPending('kitchen_plug', tasmotaPower, false, T0, 3000);
    expect(confirmPending(pending, deviceWith(null, { status: 'offline' }), T0 + 3000)).toEqual({
      state: 'reverted',
      message:
        'Kitchen plug did not confirm Power → off within 3 s; it has not reported its state. The device is offline.',
    });
  });

  it('confirms a number within half a step, and words a revert with its unit', () => {
    const pending = startPending('thermostat-1', setpoint, 21.5, T0);
    const device = (value: number) =>
      deviceWith(null, {
        metrics: new Map([
          [
            'heater/setpoint',
            {
              ...METRIC_DEFAULTS,
              handle: 'heater/setpoint',
              name: 'heater/setpoint',
              value,
              unit: '°C',
              receivedAt: T0 + 10,
              sampleAt: T0 + 10,
              retained: false,
              history: createRing(2),
            },
          ],
        ]),
        name: 'Thermostat',
      });
    expect(confirmPending(pending, device(21.6), T0 + 10)).toEqual({ state: 'confirmed' });
    expect(confirmPending(pending, device(20), T0 + 6000)).toMatchObject({
      message: 'Thermostat did not confirm Set point → 21.5 °C within 5 s; it still reports 20 °C.',
    });
  });

  it('confirms a set point sent in °F against the value held in °C', () => {
    const pending = startPending('thermostat-1', { ...setpoint, unit: '°F' }, 70, T0);
    const device = deviceWith(null, {
      metrics: new Map([
        [
          'heater/setpoint',
          {
            ...METRIC_DEFAULTS,
            handle: 'heater/setpoint',
            name: 'heater/setpoint',
            value: ((70 - 32) * 5) / 9,
            unit: '°C',
            sourceUnit: '°F',
            receivedAt: T0 + 10,
            sampleAt: T0 + 10,
            retained: false,
            history: createRing(2),
          },
        ],
      ]),
    });
    expect(confirmPending(pending, device, T0 + 10)).toEqual({ state: 'confirmed' });
  });

  it('confirms at once a control whose device never echoes', () => {
    const pending = startPending('bell', { ...haSwitch, echoes: false }, true, T0);
    expect(confirmPending(pending, undefined, T0)).toEqual({ state: 'confirmed' });
  });
});

describe('settlePending', () => {
  const fleetOf = (device: Device): Fleet => ({
    devices: new Map([[device.id, device]]),
    ids: [device.id],
    unmappedCount: 0,
    overLimitCount: 0,
  });
  const plug = (value: number, receivedAt: number) =>
    deviceWith({ value, receivedAt }, { id: 'tasmota/kitchen_plug' });

  it('keeps the same list while every control still waits', () => {
    const pending = [startPending('tasmota/kitchen_plug', tasmotaPower, true, T0)];
    expect(settlePending(pending, fleetOf(plug(0, T0)), T0 + 10)).toEqual({ pending, reverted: [] });
    expect(settlePending(pending, fleetOf(plug(0, T0)), T0 + 10).pending).toBe(pending);
  });

  it('drops a confirmed control by the device key, and words a reverted one', () => {
    const power = startPending('tasmota/kitchen_plug', tasmotaPower, true, T0);
    const echoed = settlePending([power], fleetOf(plug(1, T0 + 5)), T0 + 5);
    expect(echoed).toEqual({ pending: [], reverted: [] });
    const silent = settlePending([power], fleetOf(plug(0, T0)), T0 + PENDING_TIMEOUT_MS);
    expect(silent).toEqual({
      pending: [],
      reverted: ['Kitchen plug did not confirm Power → on within 5 s; it still reports off.'],
    });
  });
});
