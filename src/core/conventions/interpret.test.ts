import { beforeEach, describe, expect, it } from 'vitest';
import { deviceLabel, EMPTY_FLEET, type Fleet } from '../device';
import { foldBatch } from '../fold';
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

  it('names the native device of a topic', () => {
    expect(nativeDeviceOf('tele/kitchen_plug/STATE')).toEqual({
      convention: 'tasmota',
      device: 'kitchen_plug',
    });
    expect(nativeDeviceOf('house/kitchen/temperature')).toBeNull();
  });
});

describe('devices appear by themselves, with names, units and availability', () => {
  it('a Tasmota plug: name from STATUS, power with its switch, online', () => {
    const fleet = fleetOf(TASMOTA.lwtOnline, TASMOTA.status, TASMOTA.powerOn, TASMOTA.energy);
    const plug = fleet.devices.get('kitchen_plug');
    expect(plug && deviceLabel(plug)).toBe('Kitchen plug');
    expect(plug).toMatchObject({ convention: 'tasmota', availability: true, status: 'online' });
    expect(plug?.metrics.get('POWER')).toMatchObject({ value: 1, unit: '', label: 'Power' });
    expect(plug?.metrics.get('ENERGY.Power')).toMatchObject({ value: 8, unit: 'W' });
    expect(plug?.controls?.map((c) => c.id)).toEqual(['POWER']);
  });

  it('a Zigbee2MQTT sensor: its friendly name, values with units, availability', () => {
    const fleet = fleetOf(ZIGBEE2MQTT.availabilityJson, ZIGBEE2MQTT.climate);
    const sensor = fleet.devices.get('Living room sensor');
    expect(sensor && deviceLabel(sensor)).toBe('Living room sensor');
    expect(sensor?.metrics.get('temperature')).toMatchObject({ value: 21.34, unit: '°C' });
    expect(sensor?.availability).toBe(true);
  });

  it('a Homie thermostat: $name, labelled metrics with $unit, set point and heating controls, ready', () => {
    const fleet = fleetOf(...HOMIE_THERMOSTAT);
    const thermostat = fleet.devices.get('thermostat-1');
    expect(thermostat && deviceLabel(thermostat)).toBe('Living room thermostat');
    expect(thermostat?.metrics.get('sensor/temperature')).toMatchObject({
      value: 21.5,
      unit: '°C',
      label: 'Temperature',
    });
    expect(thermostat?.metrics.get('sensor/humidity')).toMatchObject({
      value: 48,
      unit: '%',
      label: 'Humidity',
    });
    expect(thermostat?.controls?.map((c) => [c.kind, c.id])).toEqual([
      ['number', 'heater/setpoint'],
      ['switch', 'heater/power'],
    ]);
    expect(thermostat).toMatchObject({ availability: true, note: undefined });
  });

  it('a Homie device that loses its connection goes offline', () => {
    const fleet = fleetOf(...HOMIE_THERMOSTAT, HOMIE.lost);
    expect(fleet.devices.get('thermostat-1')?.status).toBe('offline');
  });

  it('an HA-discovered sensor: named by its device block, value through its template, availability', () => {
    const fleet = fleetOf(HOME_ASSISTANT.z2mTemperatureConfig, ZIGBEE2MQTT.climate, {
      ...ZIGBEE2MQTT.availabilityJson,
      payload: '{"state":"offline"}',
    });
    const sensor = fleet.devices.get('zigbee2mqtt_0x00158d0001a2b3c4');
    expect(sensor && deviceLabel(sensor)).toBe('Living room sensor');
    expect(sensor?.metrics.get('temperature')).toMatchObject({ value: 21.34, unit: '°C' });
    expect(sensor?.status).toBe('offline');
  });

  it('a device announced by discovery but never heard from is unknown, not stale', () => {
    const fleet = fleetOf(HOME_ASSISTANT.numberConfig);
    expect(fleet.devices.get('boiler-ctl-01')).toMatchObject({
      name: 'Boiler',
      status: 'unknown',
      lastSeenAt: 0,
    });
  });

  it('a Shelly relay: switch state, power, online', () => {
    const fleet = fleetOf(SHELLY.online, SHELLY.switchOn);
    const relay = fleet.devices.get('shellyplus1pm-a8032ab12345');
    expect(relay?.metrics.get('switch:0')).toMatchObject({ value: 1 });
    expect(relay?.metrics.get('switch:0 power')).toMatchObject({ value: 37.2, unit: 'W' });
    expect(relay?.status).toBe('online');
  });

  it('HomeSeer locations: one card per location, named with spaces', () => {
    const fleet = fleetOf(HOMESEER.temperature, HOMESEER.heatingSetpoint);
    const hvac = fleet.devices.get('Thermostat/HVAC');
    expect(hvac && deviceLabel(hvac)).toBe('Thermostat · HVAC');
    expect([...(hvac?.metrics.keys() ?? [])]).toEqual(['Temperature', 'Heating_Setpoint']);
  });

  it('a custom pattern device', () => {
    memory = createConventionMemory({
      customPatterns: [{ pattern: 'site/{device}/sensors/{metric}', valuePath: '$.data.value' }],
    });
    const fleet = fleetOf(CUSTOM.co2);
    expect(fleet.devices.get('b1')?.metrics.get('co2')?.value).toBe(612);
  });
});

describe('one device, shown once', () => {
  it('shows a Zigbee2MQTT device that Home Assistant discovery announces only as the HA device', () => {
    const fleet = fleetOf(
      HOME_ASSISTANT.z2mTemperatureConfig,
      ZIGBEE2MQTT.climate,
      ZIGBEE2MQTT.availabilityJson,
    );
    expect(fleet.ids).toEqual(['zigbee2mqtt_0x00158d0001a2b3c4']);
  });

  it('still shows the bridge, whose state is also the entities availability', () => {
    const fleet = fleetOf(HOME_ASSISTANT.z2mTemperatureConfig, ZIGBEE2MQTT.bridgeState);
    expect(fleet.ids).toEqual(['zigbee2mqtt_0x00158d0001a2b3c4', 'zigbee2mqtt-bridge']);
    expect(fleet.devices.get('zigbee2mqtt-bridge')).toMatchObject({
      name: 'Zigbee2MQTT bridge',
      availability: true,
    });
  });

  it('ignores native topics of a shadowed device that no entity reads', () => {
    fleetOf(HOME_ASSISTANT.tasmotaLegacyConfig);
    expect(read({ topic: 'stat/bathroom/POWER', payload: 'ON' })).toEqual({
      kind: 'ignored',
      reason: 'this device is shown through its Home Assistant discovery',
    });
  });

  it('shows a device once when its Home Assistant identifier is its native id', () => {
    const config = {
      topic: 'homeassistant/sensor/kitchen_plug/power/config',
      payload: JSON.stringify({
        device: { identifiers: ['kitchen_plug'], name: 'Kitchen plug' },
        object_id: 'power',
        state_topic: 'tele/kitchen_plug/SENSOR',
        value_template: '{{ value_json.ENERGY.Power }}',
        unit_of_measurement: 'W',
      }),
    };
    fleetOf(config);
    expect(read({ topic: 'stat/kitchen_plug/POWER', payload: 'ON' })).toEqual({
      kind: 'ignored',
      reason: 'this device is shown through its Home Assistant discovery',
    });
  });

  it('shadows only the convention a state topic belongs to', () => {
    fleetOf(HOME_ASSISTANT.tasmotaLegacyConfig);
    expect(read({ topic: 'homie/bathroom/sensor/temperature', payload: '21.5' })).toMatchObject({
      kind: 'readings',
      device: 'bathroom',
      convention: 'homie',
    });
  });

  it('shows the native device again once its entities are removed', () => {
    fleetOf(HOME_ASSISTANT.z2mTemperatureConfig, {
      topic: HOME_ASSISTANT.z2mTemperatureConfig.topic,
      payload: '',
    });
    expect(read(ZIGBEE2MQTT.climate)).toMatchObject({
      kind: 'readings',
      device: 'Living room sensor',
    });
  });

  it('shows a Tasmota device whose retained LWT and SENSOR came before its config as the HA device, online, with its value', () => {
    // A broker delivers retained messages in topic order: `tele/…` before `homeassistant/…`.
    const fleet = fleetOf(
      { topic: 'tele/bathroom/LWT', payload: 'Online', retained: true },
      { ...TASMOTA.am2301, retained: true },
      HOME_ASSISTANT.tasmotaLegacyConfig,
    );
    expect(fleet.ids).toEqual(['9CF9D1']);
    expect(fleet.devices.get('9CF9D1')).toMatchObject({ availability: true, status: 'online' });
    expect(fleet.devices.get('9CF9D1')?.metrics.get('9CF9D1_AM2301_Temperature')).toMatchObject({
      value: 24.6,
      unit: '°C',
      retained: true,
    });
  });

  it('shows an HA device online when only its availability came before its config', () => {
    const fleet = fleetOf(
      { topic: 'tele/bathroom/LWT', payload: 'Online', retained: true },
      HOME_ASSISTANT.tasmotaLegacyConfig,
    );
    expect(fleet.ids).toEqual(['9CF9D1']);
    expect(fleet.devices.get('9CF9D1')?.status).toBe('online');
  });

  it('shows the value that came before the config, as retained data of a device not yet heard live', () => {
    const fleet = fleetOf({ ...TASMOTA.am2301, retained: true }, HOME_ASSISTANT.tasmotaLegacyConfig);
    expect(fleet.ids).toEqual(['9CF9D1']);
    expect(fleet.devices.get('9CF9D1')).toMatchObject({ status: 'unknown', liveSeen: false });
    expect(fleet.devices.get('9CF9D1')?.metrics.get('9CF9D1_AM2301_Temperature')?.value).toBe(24.6);
  });

  it('keeps the native device away once its HA device replaced it', () => {
    const fleet = fleetOf(
      { topic: 'tele/bathroom/LWT', payload: 'Online', retained: true },
      HOME_ASSISTANT.tasmotaLegacyConfig,
      { topic: 'tele/bathroom/STATE', payload: '{"POWER":"ON"}' },
      { topic: 'stat/bathroom/POWER', payload: 'ON' },
      { topic: 'tele/bathroom/LWT', payload: 'Offline' },
    );
    expect(fleet.ids).toEqual(['9CF9D1']);
    expect(fleet.devices.get('9CF9D1')?.status).toBe('offline');
  });

  it('replaces a native card of the same id as its HA device with the HA device', () => {
    const config = {
      topic: 'homeassistant/sensor/kitchen_plug/power/config',
      payload: JSON.stringify({
        device: { identifiers: ['kitchen_plug'], name: 'Kitchen plug' },
        object_id: 'power',
        state_topic: 'tele/kitchen_plug/SENSOR',
        value_template: '{{ value_json.ENERGY.Power }}',
        unit_of_measurement: 'W',
      }),
    };
    const fleet = fleetOf(TASMOTA.lwtOnline, TASMOTA.powerOn, TASMOTA.energy, config);
    const plug = fleet.devices.get('kitchen_plug');
    expect(plug).toMatchObject({ convention: 'homeassistant', name: 'Kitchen plug' });
    expect([...(plug?.metrics.keys() ?? [])]).toEqual(['power']);
    expect(plug?.metrics.get('power')?.value).toBe(8);
  });

  it('takes a device off the fleet when discovery removes its last entity', () => {
    const fleet = fleetOf(HOME_ASSISTANT.numberConfig, HOME_ASSISTANT.numberState, {
      topic: HOME_ASSISTANT.numberConfig.topic,
      payload: '',
    });
    expect(fleet.devices.has('boiler-ctl-01')).toBe(false);
    expect(fleet.ids).toEqual([]);
  });
});
