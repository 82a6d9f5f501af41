import { beforeEach, describe, expect, it } from 'vitest';
import { deviceLabel, EMPTY_FLEET, type Fleet } from '../device';
import { foldBatch } from '../fold';
import type { Interpretation } from '../interpretation';
import { CUSTOM, GENERIC } from './fixtures/generic';
import { HOME_ASSISTANT } from './fixtures/homeAssistant';
import { HOMESEER } from './fixtures/homeseer';
import { HOMIE, HOMIE_THERMOSTAT } from './fixtures/homie';
import { type FixtureMessage, inbound } from './fixtures/message';
import { SHELLY } from './fixtures/shelly';
import { TASMOTA } from './fixtures/tasmota';
import { ZIGBEE2MQTT } from './fixtures/zigbee2mqtt';
import { interpret, interpretInbound, nativeDeviceOf } from './interpret';
import { type ConventionMemory, createConventionMemory } from './memory';

const T0 = 1_700_000_000_000;
let memory: ConventionMemory;
beforeEach(() => {
  memory = createConventionMemory();
});
const read = (fixture: FixtureMessage) => interpret(memory, inbound(fixture));

/** Folds fixtures one batch each, a second apart, as the page would. */
function fleetOf(...fixtures: FixtureMessage[]): Fleet {
  let fleet = EMPTY_FLEET;
  fixtures.forEach((fixture, i) => {
    const at = T0 + i * 1000;
    fleet = foldBatch(fleet, [interpretInbound(memory, inbound(fixture, at))], {
      nowMs: at,
      staleAfterMs: 600_000,
      historyCapacity: 50,
      maxDevices: 100,
      maxMetricsPerDevice: 64,
    }).fleet;
  });
  return fleet;
}

describe('each convention is recognised by its topics alone', () => {
  it.each([
    ['Tasmota', TASMOTA.ds18b20, 'boiler_room'],
    ['Zigbee2MQTT', ZIGBEE2MQTT.climate, 'Living room sensor'],
    ['Homie', { topic: 'homie/thermostat-1/sensor/temperature', payload: '21.5' }, 'thermostat-1'],
    ['Shelly', SHELLY.temperature, 'shellyplusht-c4d8d5551234'],
    ['HomeSeer', HOMESEER.dimmer, 'Kitchen/Lighting'],
    ['generic', GENERIC.temperature, 'kitchen'],
  ])('%s', (_, fixture, device) => {
    const meaning = read(fixture);
    const devices =
      meaning.kind === 'multiple'
        ? meaning.meanings.map((m) => ('device' in m ? m.device : null))
        : ['device' in meaning ? meaning.device : null];
    expect(devices).toContain(device);
  });

  it('reads Home Assistant discovery configs', () => {
    expect(read(HOME_ASSISTANT.numberConfig)).toMatchObject({
      kind: 'describe',
      device: 'boiler-ctl-01',
    });
  });

  it('ignores Home Assistant topics that are not discovery configs', () => {
    expect(read(HOME_ASSISTANT.haStatus)).toEqual({
      kind: 'ignored',
      reason: 'a Home Assistant topic that is not a discovery config',
    });
  });

  it('reads a topic with the generic rules when no convention claims it', () => {
    expect(read(GENERIC.object)).toMatchObject({ kind: 'readings', device: 'hall' });
    expect(read({ topic: 'temperature', payload: '1' })).toMatchObject({ kind: 'unmapped' });
  });

  it('lets a custom pattern win over every convention', () => {
    memory = createConventionMemory({ customPatterns: [{ pattern: 'tele/{device}/{metric}' }] });
    expect(read({ topic: 'tele/boiler_room/flow', payload: '61' })).toMatchObject({
      device: 'boiler_room',
    });
  });

  it('names the native device of a topic, and the metric a value in its payload is read as', () => {
    const native = nativeDeviceOf('tele/kitchen_plug/STATE');
    expect(native).toMatchObject({ convention: 'tasmota', device: 'kitchen_plug' });
    expect(native?.metricOf(['POWER'])).toBe('POWER');
    expect(nativeDeviceOf('zigbee2mqtt/Desk plug')?.metricOf(['power'])).toBe('power');
    expect(nativeDeviceOf('house/kitchen/temperature')).toBeNull();
  });

  it('gives every meaning about a device its convention', () => {
    const conventionsOf = (meaning: Interpretation): unknown[] =>
      meaning.kind === 'multiple'
        ? meaning.meanings.flatMap(conventionsOf)
        : 'device' in meaning && meaning.device !== undefined
          ? [meaning.convention]
          : [];
    for (const fixture of [
      TASMOTA.info1,
      TASMOTA.statusFactoryName,
      ZIGBEE2MQTT.bridgeInfo,
      SHELLY.notifyEvent,
      HOMESEER.lockStatus,
      GENERIC.temperature,
      GENERIC.status,
      { topic: 'house/kitchen/temperature', payload: 'warm' },
      ...HOMIE_THERMOSTAT,
    ]) {
      expect(conventionsOf(read(fixture))).not.toContain(undefined);
    }
  });
});

const device = (fleet: Fleet, key: string) => fleet.devices.get(key);
/** A device's reading by its handle (`data-metric`). */
const reading = (fleet: Fleet, key: string, handle: string) =>
  [...(fleet.devices.get(key)?.metrics.values() ?? [])].find((metric) => metric.handle === handle);
const handles = (fleet: Fleet, key: string) =>
  [...(fleet.devices.get(key)?.metrics.values() ?? [])].map((metric) => metric.handle);

describe('devices appear by themselves, with names, readings in the vocabulary and availability', () => {
  it('a Tasmota plug: name from STATUS, power with its switch, online', () => {
    const fleet = fleetOf(TASMOTA.lwtOnline, TASMOTA.status, TASMOTA.powerOn, TASMOTA.energy);
    const plug = device(fleet, 'tasmota/kitchen_plug');
    expect(plug && deviceLabel(plug)).toBe('Kitchen plug');
    expect(plug).toMatchObject({
      nativeId: 'kitchen_plug',
      convention: 'tasmota',
      availability: true,
      status: 'online',
    });
    expect(reading(fleet, 'tasmota/kitchen_plug', 'switch')).toMatchObject({
      name: 'POWER',
      quantity: 'switch',
      value: 1,
      label: 'Power',
    });
    expect(reading(fleet, 'tasmota/kitchen_plug', 'power')).toMatchObject({
      name: 'ENERGY.Power',
      value: 8,
      unit: 'W',
    });
    expect(reading(fleet, 'tasmota/kitchen_plug', 'energy')).toMatchObject({
      name: 'ENERGY.Total',
      value: 12.345,
    });
    expect(plug?.controls?.map((c) => c.id)).toEqual(['POWER']);
  });

  it('a Tasmota probe in Fahrenheit, held in °C', () => {
    const fleet = fleetOf({
      topic: 'tele/porch/SENSOR',
      payload: '{"DS18B20":{"Temperature":71.6},"TempUnit":"F"}',
    });
    expect(reading(fleet, 'tasmota/porch', 'temperature')).toMatchObject({ unit: '°C', sourceUnit: '°F' });
    expect(reading(fleet, 'tasmota/porch', 'temperature')?.value).toBeCloseTo(22, 6);
  });

  it('two DS18B20 probes on one Tasmota: both temperatures, told apart by their sensor', () => {
    const fleet = fleetOf(TASMOTA.twoProbes);
    expect(handles(fleet, 'tasmota/boiler_room')).toEqual(['temperature', 'temperature_2']);
    expect(reading(fleet, 'tasmota/boiler_room', 'temperature_2')).toMatchObject({
      name: 'DS18B20-2.Temperature',
      source: 'DS18B20-2',
      value: 48.9,
    });
  });

  it('a Zigbee2MQTT sensor: its friendly name, values in the vocabulary, availability', () => {
    const fleet = fleetOf(ZIGBEE2MQTT.availabilityJson, ZIGBEE2MQTT.climate);
    const sensor = device(fleet, 'zigbee2mqtt/Living room sensor');
    expect(sensor && deviceLabel(sensor)).toBe('Living room sensor');
    expect(reading(fleet, 'zigbee2mqtt/Living room sensor', 'temperature')).toMatchObject({
      value: 21.34,
      unit: '°C',
    });
    // Battery millivolts, held in V, about the device.
    expect(reading(fleet, 'zigbee2mqtt/Living room sensor', 'voltage')).toMatchObject({
      value: 3.005,
      unit: 'V',
      diagnostic: true,
    });
    expect(sensor?.availability).toBe(true);
  });

  it('a Zigbee2MQTT attribute on its own topic is a reading of its device, not a device', () => {
    const fleet = fleetOf(ZIGBEE2MQTT.plug, ZIGBEE2MQTT.plugEnergyAttribute);
    expect(fleet.ids).toEqual(['zigbee2mqtt/Desk plug']);
    expect(reading(fleet, 'zigbee2mqtt/Desk plug', 'energy')?.value).toBe(1.53);
  });

  it('a Homie thermostat: $name, labelled metrics with $unit, set point and heating controls, ready', () => {
    const fleet = fleetOf(...HOMIE_THERMOSTAT);
    const thermostat = device(fleet, 'homie/thermostat-1');
    expect(thermostat && deviceLabel(thermostat)).toBe('Living room thermostat');
    expect(reading(fleet, 'homie/thermostat-1', 'temperature')).toMatchObject({
      name: 'sensor/temperature',
      value: 21.5,
      unit: '°C',
      label: 'Temperature',
    });
    expect(reading(fleet, 'homie/thermostat-1', 'humidity')).toMatchObject({ value: 48, unit: '%' });
    expect(reading(fleet, 'homie/thermostat-1', 'switch')).toMatchObject({ name: 'heater/power', value: 1 });
    expect(thermostat?.controls?.map((c) => [c.kind, c.id])).toEqual([
      ['number', 'heater/setpoint'],
      ['switch', 'heater/power'],
    ]);
    expect(thermostat).toMatchObject({ availability: true, note: undefined });
  });

  it('a Homie device that loses its connection goes offline', () => {
    const fleet = fleetOf(...HOMIE_THERMOSTAT, HOMIE.lost);
    expect(device(fleet, 'homie/thermostat-1')?.status).toBe('offline');
  });

  it('an HA-discovered sensor: named by its device block, value through its template, in °C, availability', () => {
    const fleet = fleetOf(
      HOME_ASSISTANT.espTemperatureConfig,
      HOME_ASSISTANT.espOnline,
      HOME_ASSISTANT.espState,
      { ...HOME_ASSISTANT.espOnline, payload: 'offline' },
    );
    const station = device(fleet, 'homeassistant/esp-weather-01');
    expect(station && deviceLabel(station)).toBe('Weather station');
    expect(reading(fleet, 'homeassistant/esp-weather-01', 'temperature')).toMatchObject({
      unit: '°C',
      sourceUnit: '°F',
      precision: 1,
      label: 'Outside temperature',
    });
    expect(reading(fleet, 'homeassistant/esp-weather-01', 'temperature')?.value).toBeCloseTo(20.5, 6);
    expect(station?.status).toBe('offline');
  });

  it('a device announced by discovery but never heard from is unknown, not stale', () => {
    const fleet = fleetOf(HOME_ASSISTANT.numberConfig);
    expect(device(fleet, 'homeassistant/boiler-ctl-01')).toMatchObject({
      name: 'Boiler',
      status: 'unknown',
      lastSeenAt: 0,
    });
  });

  it('a Shelly relay: switch state, power, energy in kWh, online', () => {
    const fleet = fleetOf(SHELLY.online, SHELLY.switchOn);
    const key = 'shelly/shellyplus1pm-a8032ab12345';
    expect(reading(fleet, key, 'switch')).toMatchObject({ name: 'switch:0', value: 1 });
    expect(reading(fleet, key, 'power')).toMatchObject({ name: 'switch:0 power', value: 37.2, unit: 'W' });
    expect(reading(fleet, key, 'energy')).toMatchObject({ unit: 'kWh', sourceUnit: 'Wh' });
    expect(reading(fleet, key, 'energy')?.value).toBeCloseTo(1.234601, 9);
    expect(device(fleet, key)?.status).toBe('online');
  });

  it('a USB-powered Shelly H&T: its battery says it runs on external power', () => {
    const fleet = fleetOf(SHELLY.batteryExternal);
    expect(reading(fleet, 'shelly/shellyplusht-c4d8d5551234', 'battery')).toMatchObject({
      value: 0,
      externalPower: true,
    });
  });

  it('HomeSeer locations: one card per location, named with spaces', () => {
    const fleet = fleetOf(HOMESEER.temperature, HOMESEER.heatingSetpoint);
    const hvac = device(fleet, 'homeseer/Thermostat/HVAC');
    expect(hvac && deviceLabel(hvac)).toBe('Thermostat · HVAC');
    expect(handles(fleet, 'homeseer/Thermostat/HVAC')).toEqual(['temperature', 'Heating_Setpoint']);
  });

  it('a custom pattern device', () => {
    memory = createConventionMemory({
      customPatterns: [{ pattern: 'site/{device}/sensors/{metric}', valuePath: '$.data.value' }],
    });
    const fleet = fleetOf(CUSTOM.co2);
    expect(reading(fleet, 'custom/b1', 'co2')?.value).toBe(612);
  });

  it('a generic measurement with its unit: a temperature in °C', () => {
    const fleet = fleetOf(GENERIC.measurement);
    expect(reading(fleet, 'generic/kitchen', 'temperature')).toMatchObject({
      name: 'temperature',
      quantity: 'temperature',
      value: 21.5,
      unit: '°C',
      sourceUnit: '°C',
    });
  });

  it('a Zigbee2MQTT humidity announced by discovery too: one humidity in %, on the native device', () => {
    const fleet = fleetOf(HOME_ASSISTANT.z2mHumidityConfig, ZIGBEE2MQTT.climate);
    expect(reading(fleet, 'zigbee2mqtt/Living room sensor', 'humidity')).toMatchObject({
      quantity: 'humidity',
      unit: '%',
    });
    expect(handles(fleet, 'zigbee2mqtt/Living room sensor').filter((h) => h.startsWith('humidity'))).toEqual([
      'humidity',
    ]);
  });

  it('the generic brightness keeps its word and is an illuminance', () => {
    const fleet = fleetOf(GENERIC.object);
    expect(reading(fleet, 'generic/hall', 'brightness')).toMatchObject({
      quantity: 'illuminance',
      value: 340,
    });
  });
});

describe('a device is its convention plus its native id', () => {
  const kitchens = [
    { topic: 'house/kitchen/temperature', payload: '21.5' },
    { topic: 'house/kitchen/status', payload: 'online', retained: true },
    { topic: 'tele/kitchen/LWT', payload: 'Online', retained: true },
    { topic: 'stat/kitchen/POWER', payload: 'ON' },
    { topic: 'tele/kitchen/SENSOR', payload: '{"DS18B20":{"Temperature":19.5},"TempUnit":"C"}' },
    { topic: 'zigbee2mqtt/kitchen/availability', payload: '{"state":"online"}', retained: true },
    { topic: 'zigbee2mqtt/kitchen', payload: '{"temperature":20.5,"state":"OFF"}' },
  ];

  it('three kitchens of three conventions are three devices, each with its own readings and controls', () => {
    const fleet = fleetOf(...kitchens);
    expect(fleet.ids).toEqual(['generic/kitchen', 'tasmota/kitchen', 'zigbee2mqtt/kitchen']);
    expect(reading(fleet, 'generic/kitchen', 'temperature')?.value).toBe(21.5);
    expect(reading(fleet, 'tasmota/kitchen', 'temperature')?.value).toBe(19.5);
    expect(reading(fleet, 'zigbee2mqtt/kitchen', 'temperature')?.value).toBe(20.5);
    expect(device(fleet, 'generic/kitchen')?.controls).toBeUndefined();
    expect(device(fleet, 'tasmota/kitchen')?.controls?.map((c) => c.command.topic)).toEqual([
      'cmnd/kitchen/POWER',
    ]);
    expect(device(fleet, 'zigbee2mqtt/kitchen')?.controls?.map((c) => c.command.topic)).toEqual([
      'zigbee2mqtt/kitchen/set',
    ]);
    for (const key of fleet.ids) expect(device(fleet, key)?.nativeId).toBe('kitchen');
  });

  it("one kitchen's Last Will marks only that kitchen offline", () => {
    const fleet = fleetOf(...kitchens, { topic: 'tele/kitchen/LWT', payload: 'Offline', retained: true });
    expect(device(fleet, 'tasmota/kitchen')?.status).toBe('offline');
    expect(device(fleet, 'generic/kitchen')?.status).toBe('online');
    expect(device(fleet, 'zigbee2mqtt/kitchen')?.status).toBe('online');
  });
});

describe('a device announced twice is one card with all its readings', () => {
  const SENSOR = 'zigbee2mqtt/Living room sensor';

  it('a Zigbee2MQTT device that discovery announces too: its own readings, described by discovery', () => {
    const fleet = fleetOf(
      HOME_ASSISTANT.z2mTemperatureConfig,
      HOME_ASSISTANT.z2mLinkqualityConfig,
      ZIGBEE2MQTT.climate,
      ZIGBEE2MQTT.availabilityJson,
    );
    expect(fleet.ids).toEqual([SENSOR]);
    expect(handles(fleet, SENSOR)).toEqual([
      'battery',
      'humidity',
      'link_quality',
      'pressure',
      'temperature',
      'voltage',
    ]);
    expect(reading(fleet, SENSOR, 'link_quality')).toMatchObject({ label: 'Linkquality', diagnostic: true });
    expect(device(fleet, SENSOR)).toMatchObject({ name: 'Living room sensor', availability: true });
  });

  it('still shows the bridge as a device of its own', () => {
    const fleet = fleetOf(HOME_ASSISTANT.z2mTemperatureConfig, ZIGBEE2MQTT.bridgeState, ZIGBEE2MQTT.climate);
    expect(fleet.ids).toEqual([SENSOR, 'zigbee2mqtt/zigbee2mqtt-bridge']);
    expect(device(fleet, 'zigbee2mqtt/zigbee2mqtt-bridge')).toMatchObject({
      name: 'Zigbee2MQTT bridge',
      availability: true,
    });
  });

  it('reads a Zigbee2MQTT contact by its own rules, true as closed, whatever the config says', () => {
    const fleet = fleetOf(HOME_ASSISTANT.z2mContactConfig, ZIGBEE2MQTT.door);
    expect(reading(fleet, 'zigbee2mqtt/Front door', 'contact')).toMatchObject({ value: 0, label: 'Door' });
  });

  it('a Tasmota device with four DS18B20 probes, one announced by discovery, shows all four', () => {
    const fleet = fleetOf(HOME_ASSISTANT.tasmotaProbeConfig, TASMOTA.fourProbes, {
      topic: 'tele/boiler_room/LWT',
      payload: 'Online',
      retained: true,
    });
    expect(fleet.ids).toEqual(['tasmota/boiler_room']);
    expect(device(fleet, 'tasmota/boiler_room')).toMatchObject({ name: 'Boiler', status: 'online' });
    expect(handles(fleet, 'tasmota/boiler_room')).toEqual([
      'temperature',
      'temperature_2',
      'temperature_3',
      'temperature_4',
    ]);
    expect(reading(fleet, 'tasmota/boiler_room', 'temperature_2')).toMatchObject({
      name: 'DS18B20-2.Temperature',
      label: 'Boiler DS18B20-2 Temperature',
      precision: 2,
    });
    expect(reading(fleet, 'tasmota/boiler_room', 'temperature_3')).toMatchObject({ source: 'DS18B20-3' });
  });

  it('a Tasmota device whose retained LWT and SENSOR came before its config: one card, online, described', () => {
    // A broker delivers retained messages in topic order: `tele/…` before `homeassistant/…`.
    const fleet = fleetOf(
      { topic: 'tele/bathroom/LWT', payload: 'Online', retained: true },
      { ...TASMOTA.am2301, retained: true },
      HOME_ASSISTANT.tasmotaLegacyConfig,
    );
    expect(fleet.ids).toEqual(['tasmota/bathroom']);
    expect(device(fleet, 'tasmota/bathroom')).toMatchObject({
      name: 'Bathroom',
      availability: true,
      status: 'online',
    });
    expect(reading(fleet, 'tasmota/bathroom', 'temperature')).toMatchObject({
      value: 24.6,
      unit: '°C',
      label: 'Bathroom AM2301 Temperature',
      retained: true,
    });
    expect(reading(fleet, 'tasmota/bathroom', 'humidity')?.value).toBe(58.2);
  });

  it('keeps availability and controls working on the one card', () => {
    const fleet = fleetOf(
      { topic: 'tele/bathroom/LWT', payload: 'Online', retained: true },
      HOME_ASSISTANT.tasmotaLegacyConfig,
      { topic: 'tele/bathroom/STATE', payload: '{"POWER":"ON"}' },
      { topic: 'stat/bathroom/POWER', payload: 'ON' },
      { topic: 'tele/bathroom/LWT', payload: 'Offline' },
    );
    expect(fleet.ids).toEqual(['tasmota/bathroom']);
    expect(device(fleet, 'tasmota/bathroom')?.status).toBe('offline');
    expect(device(fleet, 'tasmota/bathroom')?.controls?.map((c) => c.id)).toEqual(['POWER']);
    expect(reading(fleet, 'tasmota/bathroom', 'switch')?.value).toBe(1);
  });

  it('shows what discovery reads that the native rules do not, on the native card', () => {
    const fleet = fleetOf(HOME_ASSISTANT.tasmotaStatusConfig, HOME_ASSISTANT.tasmotaHassState);
    expect(fleet.ids).toEqual(['tasmota/bathroom']);
    expect(reading(fleet, 'tasmota/bathroom', '9CF9D1_status')).toMatchObject({
      value: 76,
      diagnostic: true,
    });
  });

  it('a plug whose Home Assistant identifier is its native id: one card, the native one, described', () => {
    const config = {
      topic: 'homeassistant/sensor/kitchen_plug/power/config',
      payload: JSON.stringify({
        device: { identifiers: ['kitchen_plug'], name: 'Kitchen plug' },
        name: 'Kitchen plug power',
        object_id: 'power',
        state_topic: 'tele/kitchen_plug/SENSOR',
        value_template: '{{ value_json.ENERGY.Power }}',
        unit_of_measurement: 'W',
        device_class: 'power',
      }),
    };
    const fleet = fleetOf(TASMOTA.lwtOnline, TASMOTA.powerOn, TASMOTA.energy, config);
    expect(fleet.ids).toEqual(['tasmota/kitchen_plug']);
    expect(device(fleet, 'tasmota/kitchen_plug')).toMatchObject({
      convention: 'tasmota',
      name: 'Kitchen plug',
    });
    expect(reading(fleet, 'tasmota/kitchen_plug', 'power')).toMatchObject({
      value: 8,
      label: 'Kitchen plug power',
    });
    expect(handles(fleet, 'tasmota/kitchen_plug')).toContain('energy');
  });

  it('keeps the native readings once its entities are removed', () => {
    const fleet = fleetOf(HOME_ASSISTANT.z2mTemperatureConfig, ZIGBEE2MQTT.climate, {
      topic: HOME_ASSISTANT.z2mTemperatureConfig.topic,
      payload: '',
    });
    expect(reading(fleet, SENSOR, 'temperature')?.value).toBe(21.34);
  });

  it('takes a Home Assistant device off the fleet when discovery removes its last entity', () => {
    const fleet = fleetOf(HOME_ASSISTANT.numberConfig, HOME_ASSISTANT.numberState, {
      topic: HOME_ASSISTANT.numberConfig.topic,
      payload: '',
    });
    expect(fleet.devices.has('homeassistant/boiler-ctl-01')).toBe(false);
    expect(fleet.ids).toEqual([]);
  });
});
