import { beforeEach, describe, expect, it } from 'vitest';
import { inbound } from './fixtures/message';
import { ZIGBEE2MQTT } from './fixtures/zigbee2mqtt';
import { type ConventionMemory, createConventionMemory } from './memory';
import { interpretZigbee2mqtt, zigbee2mqttDeviceOf } from './zigbee2mqtt';

let memory: ConventionMemory;
beforeEach(() => {
  memory = createConventionMemory();
});
const read = (fixture: { topic: string; payload: string }) => interpretZigbee2mqtt(memory, inbound(fixture));

describe('Zigbee2MQTT: device state', () => {
  it('reads the JSON state of zigbee2mqtt/<friendly name> with units per key', () => {
    expect(read(ZIGBEE2MQTT.climate)).toEqual({
      kind: 'readings',
      device: 'Living room sensor',
      readings: [
        { metric: 'battery', value: 97, unit: '%' },
        { metric: 'humidity', value: 44.72, unit: '%' },
        { metric: 'linkquality', value: 132, unit: 'lqi' },
        { metric: 'pressure', value: 1012.3, unit: 'hPa' },
        { metric: 'temperature', value: 21.34, unit: '°C' },
        { metric: 'voltage', value: 3005, unit: 'mV' },
      ],
      sampleAt: null,
      convention: 'zigbee2mqtt',
    });
  });

  it('reads illuminance_lux and illuminance in lx, and occupancy as 1', () => {
    expect(read(ZIGBEE2MQTT.motion)).toMatchObject({
      readings: [
        { metric: 'battery' },
        { metric: 'illuminance', value: 381, unit: 'lx' },
        { metric: 'illuminance_lux', value: 381, unit: 'lx' },
        { metric: 'linkquality' },
        { metric: 'occupancy', value: 1, unit: '' },
        { metric: 'voltage', unit: 'mV' },
        { metric: 'device_temperature', unit: '°C' },
      ],
    });
  });

  it('takes friendly names with slashes whole', () => {
    expect(read(ZIGBEE2MQTT.bulbOff)).toMatchObject({
      meanings: [{ device: 'Kitchen/ceiling' }, {}],
    });
    expect(zigbee2mqttDeviceOf('zigbee2mqtt/Kitchen/ceiling/availability')).toBe('Kitchen/ceiling');
  });

  it('announces state and brightness controls on /set once, then only reads', () => {
    expect(read(ZIGBEE2MQTT.bulb)).toMatchObject({
      kind: 'multiple',
      meanings: [
        {
          kind: 'describe',
          description: {
            controls: [
              {
                kind: 'number',
                id: 'brightness',
                min: 0,
                max: 254,
                command: {
                  format: 'json-state',
                  topic: 'zigbee2mqtt/Kitchen/ceiling/set',
                  property: 'brightness',
                },
              },
              {
                kind: 'switch',
                id: 'state',
                stateMetric: 'state',
                command: {
                  format: 'json-state',
                  topic: 'zigbee2mqtt/Kitchen/ceiling/set',
                  property: 'state',
                  on: 'ON',
                  off: 'OFF',
                },
              },
            ],
          },
        },
        { kind: 'readings', readings: expect.arrayContaining([{ metric: 'state', value: 1, unit: '' }]) },
      ],
    });
    expect(read(ZIGBEE2MQTT.bulbOff)).toMatchObject({ kind: 'readings' });
  });

  it('offers each endpoint of a multi-gang switch', () => {
    const meaning = read({
      topic: 'zigbee2mqtt/Stairs switch',
      payload: '{"state_l1":"ON","state_l2":"OFF","linkquality":90}',
    });
    expect(meaning).toMatchObject({
      meanings: [
        { description: { controls: [{ id: 'state_l1', label: 'State l1' }, { id: 'state_l2' }] } },
        {},
      ],
    });
  });
});

describe('Zigbee2MQTT: availability', () => {
  it('reads {"state":"online"} and the legacy plain word', () => {
    expect(read(ZIGBEE2MQTT.availabilityJson)).toEqual({
      kind: 'availability',
      device: 'Living room sensor',
      online: true,
      convention: 'zigbee2mqtt',
    });
    expect(read(ZIGBEE2MQTT.availabilityLegacy)).toMatchObject({
      device: 'Hall motion',
      online: false,
    });
  });

  it("shows the bridge's own availability as a device named Zigbee2MQTT bridge", () => {
    expect(read(ZIGBEE2MQTT.bridgeState)).toEqual({
      kind: 'multiple',
      meanings: [
        {
          kind: 'describe',
          device: 'zigbee2mqtt-bridge',
          convention: 'zigbee2mqtt',
          description: { name: 'Zigbee2MQTT bridge' },
        },
        { kind: 'availability', device: 'zigbee2mqtt-bridge', online: true, convention: 'zigbee2mqtt' },
      ],
    });
    expect(read(ZIGBEE2MQTT.bridgeStateLegacy)).toMatchObject({ kind: 'availability', online: false });
  });
});

describe('Zigbee2MQTT: what is not a device', () => {
  it('ignores bridge information and logs', () => {
    expect(read(ZIGBEE2MQTT.bridgeInfo)).toMatchObject({ kind: 'ignored' });
    expect(read(ZIGBEE2MQTT.bridgeLog)).toMatchObject({ kind: 'ignored' });
  });

  it('ignores /set and /get commands', () => {
    expect(read(ZIGBEE2MQTT.setCommand)).toEqual({
      kind: 'ignored',
      reason: 'a command to a Zigbee2MQTT device',
    });
    expect(read({ topic: 'zigbee2mqtt/Desk plug/get', payload: '{"state":""}' })).toMatchObject({
      kind: 'ignored',
    });
  });

  it('calls a state that is not JSON invalid', () => {
    expect(read({ topic: 'zigbee2mqtt/Desk plug', payload: 'ON' })).toMatchObject({
      kind: 'invalid',
      device: 'Desk plug',
    });
  });

  it('leaves other topics alone', () => {
    expect(read({ topic: 'house/zigbee2mqtt/x', payload: '1' })).toBeNull();
  });
});
