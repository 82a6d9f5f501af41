import { beforeEach, describe, expect, it } from 'vitest';
import { HOME_ASSISTANT } from './fixtures/homeAssistant';
import { type FixtureMessage, inbound } from './fixtures/message';
import { ZIGBEE2MQTT } from './fixtures/zigbee2mqtt';
import { type DiscoveryPlace, placeDiscoveryTopic } from './haConfig';
import { interpretDiscovery } from './haDiscovery';
import { interpretClaimed } from './haState';
import { nativeDeviceOf } from './interpret';
import { type ConventionMemory, createConventionMemory } from './memory';

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
const read = (fixture: FixtureMessage) => interpretClaimed(memory, inbound(fixture));
const WEATHER = 'esp-weather-01';

describe('Home Assistant entities: values', () => {
  it('reads each entity of a shared state topic with its template, unit, quantity and precision', () => {
    announce(HOME_ASSISTANT.espTemperatureConfig);
    announce(HOME_ASSISTANT.espHumidityConfig);
    announce(HOME_ASSISTANT.espSignalConfig);
    expect(read(HOME_ASSISTANT.espState)).toEqual({
      kind: 'readings',
      device: WEATHER,
      readings: [
        {
          metric: 'temperature',
          value: 68.9,
          unit: '°F',
          label: 'Outside temperature',
          quantity: 'temperature',
          precision: 1,
        },
        { metric: 'humidity', value: 52, unit: '%', label: 'Outside humidity', quantity: 'humidity' },
        {
          metric: 'signal',
          value: -61,
          unit: 'dBm',
          label: 'WiFi signal',
          quantity: 'rssi',
          diagnostic: true,
        },
      ],
      sampleAt: null,
      convention: 'homeassistant',
    });
  });

  it('reads a binary sensor whose payload_on and payload_off are JSON booleans', () => {
    announce(HOME_ASSISTANT.garageDoorConfig);
    expect(read(HOME_ASSISTANT.garageDoorOpen)).toMatchObject({
      device: 'garage-ctl',
      readings: [{ metric: 'door', value: 1, unit: '', quantity: 'contact' }],
    });
    expect(read({ topic: 'garage/door/state', payload: '{"open":false}' })).toMatchObject({
      readings: [{ value: 0 }],
    });
  });

  it('reads a switch state by its payloads as 1/0', () => {
    announce(HOME_ASSISTANT.esphomeSwitchConfig);
    expect(read(HOME_ASSISTANT.esphomeSwitchOn)).toMatchObject({
      readings: [{ metric: 'relay', value: 1, unit: '', quantity: 'switch' }],
    });
    expect(read({ topic: 'garage-node/switch/relay/state', payload: 'OFF' })).toMatchObject({
      readings: [{ value: 0 }],
    });
  });

  it('reads a number entity', () => {
    announce(HOME_ASSISTANT.numberConfig);
    expect(read(HOME_ASSISTANT.numberState)).toMatchObject({
      readings: [{ metric: 'setpoint', value: 55.5, unit: '°C', quantity: null }],
    });
  });

  it('reads the components of a device-based config from their shared state topic', () => {
    announce(HOME_ASSISTANT.deviceConfig);
    expect(read(HOME_ASSISTANT.deviceState)).toMatchObject({
      device: 'ws-0815',
      readings: [
        { metric: 'temp', value: 12.5 },
        { metric: 'rain', value: 0.4 },
      ],
    });
  });

  it('says an entity with a template it does not understand has no value, and why', () => {
    announce(HOME_ASSISTANT.powerConfigWithArithmetic);
    expect(read({ topic: 'solar/inverter', payload: '{"power":2450}' })).toEqual({
      kind: 'invalid',
      device: 'inverter-7',
      reason: expect.stringContaining('Solar power: the template'),
      convention: 'homeassistant',
    });
  });

  it('says when a sensor state is not a number', () => {
    announce(HOME_ASSISTANT.numberConfig);
    expect(read({ topic: 'boiler/setpoint', payload: 'unavailable' })).toMatchObject({
      kind: 'invalid',
      reason: 'Boiler set point: "unavailable" is not a number',
    });
  });

  it('counts an unreadable payload against the device that reads the topic', () => {
    announce(HOME_ASSISTANT.numberConfig);
    expect(
      interpretClaimed(memory, {
        ...inbound(HOME_ASSISTANT.numberState),
        payload: new Uint8Array([0xff, 0xfe]),
      }),
    ).toEqual({
      kind: 'invalid',
      device: 'boiler-ctl-01',
      reason: 'binary payload (not UTF-8 text)',
      convention: 'homeassistant',
    });
  });

  it('says which key a template misses', () => {
    announce(HOME_ASSISTANT.espTemperatureConfig);
    expect(read({ topic: 'esp-weather/sensor/state', payload: '{"rssi":-60}' })).toMatchObject({
      kind: 'invalid',
      reason: 'Outside temperature: no "temperature" in the payload',
    });
  });
});

describe('Home Assistant entities: availability', () => {
  it('reads availability_topic with its own payloads', () => {
    announce(HOME_ASSISTANT.esphomeSwitchConfig);
    expect(read(HOME_ASSISTANT.esphomeOffline)).toEqual({
      kind: 'availability',
      device: 'a4cf12b3c4d5',
      online: false,
      convention: 'homeassistant',
    });
  });

  it('reads an availability list entry through its value_template', () => {
    announce({
      topic: 'homeassistant/sensor/hub-7/power/config',
      payload: JSON.stringify({
        state_topic: 'hub-7/power',
        availability: [{ topic: 'hub-7/state', value_template: '{{ value_json.state }}' }],
        device: { identifiers: ['hub-7'] },
      }),
    });
    expect(read({ topic: 'hub-7/state', payload: '{"state":"offline"}' })).toMatchObject({
      kind: 'availability',
      device: 'hub-7',
      online: false,
    });
  });

  it('ignores a word that is neither available nor not available', () => {
    announce(HOME_ASSISTANT.esphomeSwitchConfig);
    expect(read({ topic: 'garage-node/status', payload: 'rebooting' })).toMatchObject({ kind: 'ignored' });
  });
});

describe('Home Assistant entities on a native device', () => {
  it('leaves the state topic of a native device to its convention', () => {
    announce(HOME_ASSISTANT.z2mTemperatureConfig);
    expect(read(ZIGBEE2MQTT.climate)).toBeNull();
    expect(memory.ha.byStateTopic.size).toBe(0);
  });

  it('leaves the availability a native convention reads to it (the device LWT, the bridge state)', () => {
    announce(HOME_ASSISTANT.z2mTemperatureConfig);
    announce(HOME_ASSISTANT.tasmotaLegacyConfig);
    expect(read(ZIGBEE2MQTT.bridgeState)).toBeNull();
    expect(read(ZIGBEE2MQTT.availabilityJson)).toBeNull();
    expect(read({ topic: 'tele/bathroom/LWT', payload: 'Offline' })).toBeNull();
  });

  it('reads what the native convention does not itself, onto the native device', () => {
    announce(HOME_ASSISTANT.tasmotaStatusConfig);
    expect(read(HOME_ASSISTANT.tasmotaHassState)).toEqual({
      kind: 'readings',
      device: 'bathroom',
      readings: [
        { metric: '9CF9D1_status', value: 76, unit: '%', label: 'Bathroom status', diagnostic: true },
      ],
      sampleAt: null,
      convention: 'tasmota',
    });
  });

  it('leaves an unreadable payload on a native topic to the native convention', () => {
    announce(HOME_ASSISTANT.tasmotaStatusConfig);
    expect(read({ topic: 'tele/bathroom/HASS_STATE', payload: '{"Version":"13"}' })).toMatchObject({
      kind: 'ignored',
    });
  });

  it('returns null for a topic no entity reads', () => {
    expect(read(ZIGBEE2MQTT.motion)).toBeNull();
  });
});
