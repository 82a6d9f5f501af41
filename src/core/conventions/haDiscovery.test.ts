import { beforeEach, describe, expect, it } from 'vitest';
import { HOME_ASSISTANT, removalOf } from './fixtures/homeAssistant';
import { type FixtureMessage, inbound } from './fixtures/message';
import { type DiscoveryPlace, placeDiscoveryTopic } from './haConfig';
import { interpretDiscovery } from './haDiscovery';
import { nativeDeviceOf } from './interpret';
import { type ConventionMemory, createConventionMemory, MEMORY_LIMITS } from './memory';

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
  it('describes the device of a config: its name, the metric with label, unit, quantity and precision', () => {
    expect(announce(HOME_ASSISTANT.espTemperatureConfig)).toEqual({
      kind: 'describe',
      device: 'esp-weather-01',
      convention: 'homeassistant',
      description: {
        name: 'Weather station',
        metrics: [
          {
            metric: 'temperature',
            label: 'Outside temperature',
            unit: '°F',
            quantity: 'temperature',
            precision: 1,
          },
        ],
        controls: [],
      },
    });
    expect(announce(HOME_ASSISTANT.espSignalConfig)).toMatchObject({
      description: { metrics: [{ metric: 'signal', quantity: 'rssi', diagnostic: true }] },
    });
  });

  it('remembers which topics the entity reads', () => {
    announce(HOME_ASSISTANT.espTemperatureConfig);
    expect(memory.ha.byStateTopic.get('esp-weather/sensor/state')?.size).toBe(1);
    expect([...memory.ha.byAvailabilityTopic.keys()]).toEqual(['esp-weather/status']);
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
    announce(HOME_ASSISTANT.espTemperatureConfig);
    const [entity] = memory.ha.entities.values();
    if (entity === undefined) throw new Error('the config announced no entity');
    for (let i = 1; i < MEMORY_LIMITS.haEntities; i++)
      memory.ha.entities.set(`k${i}`, { ...entity, key: `k${i}` });
    expect(announce(HOME_ASSISTANT.numberConfig)).toMatchObject({
      kind: 'ignored',
      reason: expect.stringContaining(`more than ${MEMORY_LIMITS.haEntities} Home Assistant entities`),
    });
  });
});

describe('Home Assistant discovery: removing and replacing', () => {
  it('removes the entity on an empty config, and the device with its last entity', () => {
    announce(HOME_ASSISTANT.espTemperatureConfig);
    announce(HOME_ASSISTANT.espHumidityConfig);
    expect(announce(removalOf(HOME_ASSISTANT.espHumidityConfig))).toEqual({
      kind: 'remove',
      device: 'esp-weather-01',
      convention: 'homeassistant',
      metrics: ['humidity'],
      controls: [],
      wholeDevice: false,
    });
    expect(announce(removalOf(HOME_ASSISTANT.espTemperatureConfig))).toMatchObject({
      kind: 'remove',
      wholeDevice: true,
    });
    expect(memory.ha.entities.size).toBe(0);
    expect(memory.ha.byStateTopic.size).toBe(0);
    expect(memory.ha.byAvailabilityTopic.size).toBe(0);
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

describe('Home Assistant discovery of a native device', () => {
  it('describes the native device whose state topic the entity reads, naming the metric its template picks', () => {
    expect(announce(HOME_ASSISTANT.z2mTemperatureConfig)).toEqual({
      kind: 'describe',
      device: 'Living room sensor',
      convention: 'zigbee2mqtt',
      description: {
        name: 'Living room sensor',
        metrics: [{ metric: 'temperature', unit: '°C', quantity: 'temperature' }],
        controls: [],
      },
    });
  });

  it('describes a Tasmota probe by its sensor and field, with its label and precision', () => {
    expect(announce(HOME_ASSISTANT.tasmotaProbeConfig)).toEqual({
      kind: 'describe',
      device: 'boiler_room',
      convention: 'tasmota',
      description: {
        name: 'Boiler',
        metrics: [
          {
            metric: 'DS18B20-2.Temperature',
            label: 'Boiler DS18B20-2 Temperature',
            unit: '°C',
            quantity: 'temperature',
            precision: 2,
          },
        ],
        controls: [],
      },
    });
  });

  it('describes a diagnostic entity as diagnostic', () => {
    expect(announce(HOME_ASSISTANT.z2mLinkqualityConfig)).toMatchObject({
      convention: 'zigbee2mqtt',
      description: { metrics: [{ metric: 'linkquality', label: 'Linkquality', diagnostic: true }] },
    });
  });

  it('leaves the controls of a native metric to its convention', () => {
    const plug = {
      topic: 'homeassistant/switch/0x0017880104e45517/switch/config',
      payload: JSON.stringify({
        command_topic: 'zigbee2mqtt/Desk plug/set',
        state_topic: 'zigbee2mqtt/Desk plug',
        value_template: '{{ value_json.state }}',
        payload_on: 'ON',
        payload_off: 'OFF',
        name: null,
        device: { identifiers: ['zigbee2mqtt_0x0017880104e45517'], name: 'Desk plug' },
      }),
    };
    expect(announce(plug)).toEqual({
      kind: 'describe',
      device: 'Desk plug',
      convention: 'zigbee2mqtt',
      description: {
        name: 'Desk plug',
        metrics: [{ metric: 'state', label: 'Desk plug', quantity: 'switch' }],
        controls: [],
      },
    });
  });

  it('keeps the native readings when its entities are removed, taking off only what they read themselves', () => {
    announce(HOME_ASSISTANT.z2mTemperatureConfig);
    expect(announce(removalOf(HOME_ASSISTANT.z2mTemperatureConfig))).toMatchObject({ kind: 'ignored' });
    announce(HOME_ASSISTANT.tasmotaStatusConfig);
    expect(announce(removalOf(HOME_ASSISTANT.tasmotaStatusConfig))).toEqual({
      kind: 'remove',
      device: 'bathroom',
      convention: 'tasmota',
      metrics: ['9CF9D1_status'],
      controls: [],
      wholeDevice: false,
    });
    expect(memory.ha.entities.size).toBe(0);
  });

  it('keeps a Home Assistant device that reads other topics beside the native one', () => {
    const plug = (object: string, stateTopic: string) => ({
      topic: `homeassistant/sensor/kitchen_plug/${object}/config`,
      payload: JSON.stringify({
        device: { identifiers: ['kitchen_plug'], name: 'Kitchen plug' },
        state_topic: stateTopic,
        unit_of_measurement: 'W',
        value_template: '{{ value_json.ENERGY.Power }}',
      }),
    });
    expect(announce(plug('power', 'plugs/kitchen/power'))).toMatchObject({
      kind: 'describe',
      convention: 'homeassistant',
      device: 'kitchen_plug',
    });
    expect(announce(plug('energy', 'tele/kitchen_plug/SENSOR'))).toMatchObject({
      kind: 'describe',
      convention: 'tasmota',
      device: 'kitchen_plug',
      description: { metrics: [{ metric: 'ENERGY.Power', unit: 'W' }] },
    });
  });
});
