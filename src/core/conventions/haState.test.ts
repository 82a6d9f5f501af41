import { beforeEach, describe, expect, it } from 'vitest';
import { HOME_ASSISTANT } from './fixtures/homeAssistant';
import { type FixtureMessage, inbound } from './fixtures/message';
import { TASMOTA } from './fixtures/tasmota';
import { ZIGBEE2MQTT } from './fixtures/zigbee2mqtt';
import { type DiscoveryPlace, placeDiscoveryTopic } from './haConfig';
import { interpretDiscovery } from './haDiscovery';
import { interpretClaimed, isShadowed } from './haState';
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
const read = (fixture: FixtureMessage) => interpretClaimed(memory, inbound(fixture))?.meaning ?? null;
const SENSOR = 'zigbee2mqtt_0x00158d0001a2b3c4';

describe('Home Assistant entities: values', () => {
  it('reads each entity of a shared state topic with its template, unit and label', () => {
    announce(HOME_ASSISTANT.z2mTemperatureConfig);
    announce(HOME_ASSISTANT.z2mHumidityConfig);
    expect(read(ZIGBEE2MQTT.climate)).toEqual({
      kind: 'readings',
      device: SENSOR,
      readings: [
        { metric: 'temperature', value: 21.34, unit: '°C', label: 'temperature' },
        { metric: 'humidity', value: 44.72, unit: '%', label: 'humidity' },
      ],
      sampleAt: null,
      convention: 'homeassistant',
    });
  });

  it('reads a Tasmota SENSOR through an abbreviated legacy config', () => {
    announce(HOME_ASSISTANT.tasmotaLegacyConfig);
    expect(read(TASMOTA.am2301)).toMatchObject({
      device: '9CF9D1',
      readings: [
        {
          metric: '9CF9D1_AM2301_Temperature',
          value: 24.6,
          unit: '°C',
          label: 'Bathroom AM2301 Temperature',
        },
      ],
    });
  });

  it('reads a switch state by its payloads as 1/0', () => {
    announce(HOME_ASSISTANT.esphomeSwitchConfig);
    expect(read(HOME_ASSISTANT.esphomeSwitchOn)).toMatchObject({
      readings: [{ metric: 'relay', value: 1, unit: '' }],
    });
    expect(read({ topic: 'garage-node/switch/relay/state', payload: 'OFF' })).toMatchObject({
      readings: [{ value: 0 }],
    });
  });

  it('reads a number entity', () => {
    announce(HOME_ASSISTANT.numberConfig);
    expect(read(HOME_ASSISTANT.numberState)).toMatchObject({
      readings: [{ metric: 'setpoint', value: 55.5, unit: '°C' }],
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
      })?.meaning,
    ).toEqual({
      kind: 'invalid',
      device: 'boiler-ctl-01',
      reason: 'binary payload (not UTF-8 text)',
      convention: 'homeassistant',
    });
  });

  it('says which key a template misses', () => {
    announce(HOME_ASSISTANT.z2mTemperatureConfig);
    expect(read({ topic: 'zigbee2mqtt/Living room sensor', payload: '{"linkquality":120}' })).toMatchObject({
      kind: 'invalid',
      reason: 'temperature: no "temperature" in the payload',
    });
  });
});

describe('Home Assistant entities: availability', () => {
  it('reads availability_topic with its own payloads', () => {
    announce(HOME_ASSISTANT.tasmotaLegacyConfig);
    expect(read(TASMOTA.lwtOnline)).toBeNull(); // another topic: kitchen_plug
    expect(read({ topic: 'tele/bathroom/LWT', payload: 'Offline' })).toEqual({
      kind: 'availability',
      device: '9CF9D1',
      online: false,
      convention: 'homeassistant',
    });
  });

  it('reads an availability list entry through its value_template', () => {
    announce(HOME_ASSISTANT.z2mTemperatureConfig);
    expect(read(ZIGBEE2MQTT.availabilityJson)).toMatchObject({
      kind: 'availability',
      device: SENSOR,
      online: true,
    });
    expect(read(ZIGBEE2MQTT.bridgeState)).toMatchObject({
      kind: 'availability',
      device: SENSOR,
      online: true,
    });
  });

  it('says the topic is claimed only for availability', () => {
    announce(HOME_ASSISTANT.z2mTemperatureConfig);
    expect(interpretClaimed(memory, inbound(ZIGBEE2MQTT.bridgeState))?.availabilityOnly).toBe(true);
    expect(interpretClaimed(memory, inbound(ZIGBEE2MQTT.climate))?.availabilityOnly).toBe(false);
  });

  it('ignores a word that is neither available nor not available', () => {
    announce(HOME_ASSISTANT.esphomeSwitchConfig);
    expect(read({ topic: 'garage-node/status', payload: 'rebooting' })).toMatchObject({ kind: 'ignored' });
  });
});

describe('Home Assistant entities: shadowing', () => {
  it('marks the native device whose state topic an entity reads', () => {
    announce(HOME_ASSISTANT.z2mTemperatureConfig);
    expect(isShadowed(memory, 'zigbee2mqtt', 'Living room sensor')).toBe(true);
    expect(isShadowed(memory, 'zigbee2mqtt', 'Hall motion')).toBe(false);
  });

  it('returns null for a topic no entity reads', () => {
    expect(read(ZIGBEE2MQTT.motion)).toBeNull();
  });
});
