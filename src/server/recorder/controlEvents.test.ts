import { describe, expect, it } from 'vitest';
import type { Control } from '../../core/device.ts';
import { commandValue } from './controlEvents.ts';

const base = { id: 'relay', label: 'Relay', stateMetric: 'switch', echoes: true };

describe('what a command publish asks for', () => {
  it('reads a plain on/off payload', () => {
    const control: Control = {
      ...base,
      kind: 'switch',
      command: { format: 'plain', topic: 'cmnd/plug/POWER', on: 'ON', off: 'OFF', retain: false, qos: 0 },
    };
    expect(commandValue(control, 'ON')).toBe(true);
    expect(commandValue(control, 'OFF')).toBe(false);
    expect(commandValue(control, 'TOGGLE')).toBeNull();
  });

  it('reads a Zigbee2MQTT state object', () => {
    const control: Control = {
      ...base,
      kind: 'switch',
      command: {
        format: 'json-state',
        topic: 'zigbee2mqtt/Plug/set',
        property: 'state',
        on: 'ON',
        off: 'OFF',
        qos: 0,
      },
    };
    expect(commandValue(control, '{"state":"OFF"}')).toBe(false);
    expect(commandValue(control, '{"brightness":3}')).toBeNull();
  });

  it('reads a Shelly Switch.Set frame for its own switch only', () => {
    const control: Control = {
      ...base,
      kind: 'switch',
      command: { format: 'shelly-rpc', topic: 'shelly1/rpc', id: 0 },
    };
    expect(
      commandValue(control, '{"id":1,"src":"hearth","method":"Switch.Set","params":{"id":0,"on":true}}'),
    ).toBe(true);
    expect(commandValue(control, '{"id":1,"method":"Switch.Set","params":{"id":1,"on":true}}')).toBeNull();
  });

  it('reads a set point, and nothing from text that is not a number', () => {
    const control: Control = {
      ...base,
      kind: 'number',
      min: 5,
      max: 30,
      step: 0.5,
      unit: '°C',
      command: { format: 'plain', topic: 'homie/t/heater/setpoint/set', retain: false, qos: 0 },
    };
    expect(commandValue(control, '21.5')).toBe(21.5);
    expect(commandValue(control, 'warm')).toBeNull();
  });
});
