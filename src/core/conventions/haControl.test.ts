import { describe, expect, it } from 'vitest';
import { HOME_ASSISTANT } from './fixtures/homeAssistant';
import { type DiscoveryPlace, parseDiscovery, placeDiscoveryTopic } from './haConfig';

function entityOf(topic: string, config: object) {
  const parsed = parseDiscovery(placeDiscoveryTopic(topic) as DiscoveryPlace, config);
  if (!parsed.ok || parsed.entities[0] === undefined) throw new Error('no entity');
  return parsed.entities[0];
}

describe('Home Assistant controls', () => {
  it('offers a switch on command_topic with payload_on / payload_off', () => {
    const entity = entityOf(
      HOME_ASSISTANT.esphomeSwitchConfig.topic,
      JSON.parse(HOME_ASSISTANT.esphomeSwitchConfig.payload),
    );
    expect(entity.control).toEqual({
      kind: 'switch',
      id: 'relay',
      label: 'Garage door relay',
      stateMetric: 'relay',
      echoes: true,
      command: {
        format: 'plain',
        topic: 'garage-node/switch/relay/command',
        on: 'ON',
        off: 'OFF',
        retain: false,
        qos: 0,
      },
    });
  });

  it('uses the configured payloads, retain and QoS', () => {
    const entity = entityOf('homeassistant/switch/pump/config', {
      name: 'Pump',
      state_topic: 'pump/state',
      command_topic: 'pump/set',
      payload_on: '1',
      payload_off: '0',
      retain: true,
      qos: 1,
    });
    expect(entity.control).toMatchObject({ command: { on: '1', off: '0', retain: true, qos: 1 } });
  });

  it('sends payloads given as JSON booleans or numbers as their words', () => {
    const entity = entityOf('homeassistant/switch/valve/config', {
      name: 'Valve',
      state_topic: 'valve/state',
      command_topic: 'valve/set',
      payload_on: true,
      payload_off: 0,
    });
    expect(entity.control).toMatchObject({ command: { on: 'true', off: '0' } });
    expect(entity).toMatchObject({ on: 'true', off: '0' });
  });

  it('expects no echo from a switch without a state topic or an optimistic one', () => {
    expect(
      entityOf('homeassistant/switch/bell/config', { command_topic: 'bell/ring' }).control,
    ).toMatchObject({ echoes: false });
    expect(
      entityOf('homeassistant/switch/bell/config', { command_topic: 'b', state_topic: 's', optimistic: true })
        .control,
    ).toMatchObject({ echoes: false });
  });

  it('offers a number with min, max, step and unit', () => {
    const entity = entityOf(
      HOME_ASSISTANT.numberConfig.topic,
      JSON.parse(HOME_ASSISTANT.numberConfig.payload),
    );
    expect(entity.control).toEqual({
      kind: 'number',
      id: 'setpoint',
      label: 'Boiler set point',
      stateMetric: 'setpoint',
      echoes: true,
      min: 30,
      max: 80,
      step: 0.5,
      unit: '°C',
      command: { format: 'plain', topic: 'boiler/setpoint/set', retain: false, qos: 0 },
    });
  });

  it("uses Home Assistant's defaults for a number: 1 to 100 by 1", () => {
    const entity = entityOf('homeassistant/number/fan/config', {
      state_topic: 'fan',
      command_topic: 'fan/set',
    });
    expect(entity.control).toMatchObject({ min: 1, max: 100, step: 1, unit: null });
  });

  it('sends {"state":"ON"} to a JSON-schema light', () => {
    const entity = entityOf('homeassistant/light/0x0017880104e45517/light/config', {
      schema: 'json',
      command_topic: 'zigbee2mqtt/Kitchen/ceiling/set',
      state_topic: 'zigbee2mqtt/Kitchen/ceiling',
      brightness: true,
    });
    expect(entity.control).toMatchObject({
      kind: 'switch',
      command: {
        format: 'json-state',
        topic: 'zigbee2mqtt/Kitchen/ceiling/set',
        property: 'state',
        on: 'ON',
        off: 'OFF',
      },
    });
    expect(entity.template).toMatchObject({ steps: ['state'] });
  });

  it('offers no control when the command_template is not understood, and says so', () => {
    const entity = entityOf('homeassistant/number/x/config', {
      name: 'Target',
      state_topic: 's',
      command_topic: 'c',
      command_template: '{"target": {{ value }} }',
    });
    expect(entity.control).toBeNull();
    expect(entity.problem).toBe('"Target" cannot be controlled: its command_template is not understood');
  });

  it('accepts a command_template that is the value itself', () => {
    const entity = entityOf('homeassistant/number/x/config', {
      state_topic: 's',
      command_topic: 'c',
      command_template: '{{ value }}',
    });
    expect(entity.control).not.toBeNull();
  });

  it('offers no control for sensors and binary sensors', () => {
    expect(
      entityOf('homeassistant/binary_sensor/door/config', { state_topic: 's', command_topic: 'c' }).control,
    ).toBeNull();
  });
});
