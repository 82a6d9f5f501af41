import { beforeEach, describe, expect, it } from 'vitest';
import { HOME_ASSISTANT, removalOf } from './fixtures/homeAssistant';
import { type FixtureMessage, inbound } from './fixtures/message';
import { type DiscoveryPlace, placeDiscoveryTopic } from './haConfig';
import { interpretDiscovery } from './haDiscovery';
import { nativeDeviceOf } from './interpret';
import { type ConventionMemory, createConventionMemory, MEMORY_LIMITS, nativeDeviceKey } from './memory';

let memory: ConventionMemory;
beforeEach(() => {
  memory = createConventionMemory();
});
const announce = (fixture: FixtureMessage) =>
  interpretDiscovery(
    memory,
    inbound(fixture),
    placeDiscoveryTopic(fixture.topic) as DiscoveryPlace,
    nativeDeviceOf,
  );

describe('Home Assistant discovery: announcing', () => {
  it('describes the device of a config: its name, the metric with label and unit', () => {
    const meaning = announce(HOME_ASSISTANT.z2mTemperatureConfig);
    const parts = meaning.kind === 'multiple' ? meaning.meanings : [meaning];
    expect(parts.find((part) => part.kind === 'describe')).toEqual({
      kind: 'describe',
      device: 'zigbee2mqtt_0x00158d0001a2b3c4',
      convention: 'homeassistant',
      description: {
        name: 'Living room sensor',
        metrics: [{ metric: 'temperature', label: 'temperature', unit: '°C' }],
        controls: [],
      },
    });
  });

  it('remembers which topics the entity reads', () => {
    announce(HOME_ASSISTANT.z2mTemperatureConfig);
    expect(memory.ha.byStateTopic.get('zigbee2mqtt/Living room sensor')?.size).toBe(1);
    expect([...memory.ha.byAvailabilityTopic.keys()]).toEqual([
      'zigbee2mqtt/bridge/state',
      'zigbee2mqtt/Living room sensor/availability',
    ]);
    expect(memory.ha.shadowed.get(nativeDeviceKey('zigbee2mqtt', 'Living room sensor'))).toBe(1);
  });

  it('describes a control with the entity that offers it', () => {
    expect(announce(HOME_ASSISTANT.esphomeSwitchConfig)).toMatchObject({
      kind: 'describe',
      device: 'a4cf12b3c4d5',
      description: { name: 'garage-node', controls: [{ kind: 'switch', id: 'relay' }] },
    });
  });

  it('passes on what it does not understand as the device problem', () => {
    expect(announce(HOME_ASSISTANT.powerConfigWithArithmetic)).toMatchObject({
      kind: 'describe',
      description: {
        problem: expect.stringContaining(
          '"Solar power": the template "{{ (value_json.power / 1000) | round(2) }}" is not understood',
        ),
      },
    });
  });

  it('describes every component of a device-based config', () => {
    expect(announce(HOME_ASSISTANT.deviceConfig)).toMatchObject({
      kind: 'describe',
      device: 'ws-0815',
      description: {
        name: 'Garden weather station',
        metrics: [
          { metric: 'temp', unit: '°C' },
          { metric: 'rain', unit: 'mm' },
        ],
      },
    });
  });

  it('ignores a config of a component Hearth does not show, saying which', () => {
    const climate = {
      topic: 'homeassistant/climate/study/config',
      payload: '{"name":"Study","mode_command_topic":"m"}',
    };
    expect(announce(climate)).toEqual({
      kind: 'ignored',
      reason:
        'Home Assistant "climate" entities are not shown (Hearth shows sensor, binary_sensor, switch, light and number)',
    });
  });

  it('ignores a malformed config with the reason', () => {
    expect(announce({ topic: 'homeassistant/sensor/x/config', payload: '{"name":' })).toEqual({
      kind: 'ignored',
      reason: 'discovery config: malformed JSON',
    });
  });

  it('stops at its limit of entities, saying so', () => {
    for (let i = 0; i < MEMORY_LIMITS.haEntities; i++) memory.ha.entities.set(`k${i}`, {} as never);
    expect(announce(HOME_ASSISTANT.numberConfig)).toMatchObject({
      kind: 'ignored',
      reason: expect.stringContaining(`more than ${MEMORY_LIMITS.haEntities} Home Assistant entities`),
    });
  });
});

describe('Home Assistant discovery: removing and replacing', () => {
  it('removes the entity on an empty config, and the device with its last entity', () => {
    announce(HOME_ASSISTANT.z2mTemperatureConfig);
    announce(HOME_ASSISTANT.z2mHumidityConfig);
    expect(announce(removalOf(HOME_ASSISTANT.z2mHumidityConfig))).toEqual({
      kind: 'remove',
      device: 'zigbee2mqtt_0x00158d0001a2b3c4',
      convention: 'homeassistant',
      metrics: ['humidity'],
      controls: [],
      wholeDevice: false,
    });
    expect(announce(removalOf(HOME_ASSISTANT.z2mTemperatureConfig))).toMatchObject({
      kind: 'remove',
      wholeDevice: true,
    });
    expect(memory.ha.entities.size).toBe(0);
    expect(memory.ha.byStateTopic.size).toBe(0);
    expect(memory.ha.shadowed.size).toBe(0);
  });

  it('removes the control with its entity', () => {
    announce(HOME_ASSISTANT.esphomeSwitchConfig);
    expect(announce(removalOf(HOME_ASSISTANT.esphomeSwitchConfig))).toMatchObject({
      metrics: ['relay'],
      controls: ['relay'],
    });
  });

  it('ignores a removal of something never announced', () => {
    expect(announce(removalOf(HOME_ASSISTANT.numberConfig))).toMatchObject({ kind: 'ignored' });
  });

  it('moves an entity whose config names another device', () => {
    announce(HOME_ASSISTANT.numberConfig);
    const moved = JSON.parse(HOME_ASSISTANT.numberConfig.payload);
    moved.device = { identifiers: ['boiler-ctl-02'], name: 'New boiler' };
    expect(
      announce({ topic: HOME_ASSISTANT.numberConfig.topic, payload: JSON.stringify(moved) }),
    ).toMatchObject({
      kind: 'multiple',
      meanings: [
        { kind: 'remove', device: 'boiler-ctl-01', wholeDevice: true },
        { kind: 'describe', device: 'boiler-ctl-02' },
      ],
    });
  });

  it('takes a control away when the entity is announced again without a command topic', () => {
    announce(HOME_ASSISTANT.esphomeSwitchConfig);
    const readOnly = JSON.parse(HOME_ASSISTANT.esphomeSwitchConfig.payload);
    delete readOnly.cmd_t;
    expect(
      announce({ topic: HOME_ASSISTANT.esphomeSwitchConfig.topic, payload: JSON.stringify(readOnly) }),
    ).toMatchObject({
      kind: 'multiple',
      meanings: [
        { kind: 'remove', metrics: [], controls: ['relay'], wholeDevice: false },
        { kind: 'describe' },
      ],
    });
  });
});

describe('Home Assistant discovery: one device, shown once', () => {
  const nativeRemoval = {
    kind: 'remove',
    device: 'Living room sensor',
    convention: 'zigbee2mqtt',
    metrics: [],
    controls: [],
    wholeDevice: true,
  };

  it('takes away the card of the native device whose state the entity reads, before describing it', () => {
    expect(announce(HOME_ASSISTANT.z2mTemperatureConfig)).toMatchObject({
      kind: 'multiple',
      meanings: [nativeRemoval, { kind: 'describe', device: 'zigbee2mqtt_0x00158d0001a2b3c4' }],
    });
  });

  it('takes a native device away once, not for a second entity or a config sent again', () => {
    announce(HOME_ASSISTANT.z2mTemperatureConfig);
    expect(announce(HOME_ASSISTANT.z2mHumidityConfig)).toMatchObject({ kind: 'describe' });
    expect(announce(HOME_ASSISTANT.z2mTemperatureConfig)).toMatchObject({ kind: 'describe' });
  });

  it('keeps a native card that is also a Home Assistant device already shown', () => {
    const plug = (object: string, stateTopic: string) => ({
      topic: `homeassistant/sensor/kitchen_plug/${object}/config`,
      payload: JSON.stringify({
        device: { identifiers: ['kitchen_plug'], name: 'Kitchen plug' },
        state_topic: stateTopic,
        unit_of_measurement: 'W',
      }),
    });
    announce(plug('power', 'plugs/kitchen/power'));
    expect(announce(plug('energy', 'tele/kitchen_plug/SENSOR'))).toMatchObject({ kind: 'describe' });
  });
});
