import { beforeEach, describe, expect, it } from 'vitest';
import { inbound } from './fixtures/message';
import { ZIGBEE2MQTT } from './fixtures/zigbee2mqtt';
import { type ConventionMemory, createConventionMemory } from './memory';
import { interpretZigbee2mqtt, zigbee2mqttDeviceOf, zigbee2mqttMetricOf } from './zigbee2mqtt';

let memory: ConventionMemory;
beforeEach(() => {
  memory = createConventionMemory();
});
const read = (fixture: { topic: string; payload: string }) => interpretZigbee2mqtt(memory, inbound(fixture));

describe('Zigbee2MQTT: device state', () => {
  it('reads the JSON state of zigbee2mqtt/<friendly name> in the vocabulary, by property name', () => {
    expect(read(ZIGBEE2MQTT.climate)).toEqual({
      kind: 'readings',
      device: 'Living room sensor',
      readings: [
        { metric: 'battery', value: 97, unit: '%', quantity: 'battery' },
        { metric: 'humidity', value: 44.72, unit: '%', quantity: 'humidity' },
        { metric: 'linkquality', value: 132, unit: 'lqi', quantity: 'link_quality', diagnostic: true },
        { metric: 'pressure', value: 1012.3, unit: 'hPa', quantity: 'pressure' },
        { metric: 'temperature', value: 21.34, unit: '°C', quantity: 'temperature' },
        {
          metric: 'voltage',
          value: 3005,
          unit: 'mV',
          quantity: 'voltage',
          diagnostic: true,
          label: 'Battery voltage',
        },
      ],
      sampleAt: null,
      convention: 'zigbee2mqtt',
    });
  });

  it.each([
    [
      ZIGBEE2MQTT.motion,
      [
        ['battery', 'battery', '%'],
        // Beside illuminance_lux, illuminance is the sensor's raw value (Zigbee2MQTT 1.x).
        ['illuminance', null, ''],
        ['illuminance_lux', 'illuminance', 'lx'],
        ['linkquality', 'link_quality', 'lqi'],
        ['occupancy', 'occupancy', ''],
        ['voltage', 'voltage', 'mV'],
        ['device_temperature', 'temperature', '°C'],
      ],
    ],
    [
      ZIGBEE2MQTT.bulbOff,
      [
        ['brightness', null, ''],
        ['color_temp', null, 'mired'],
        ['linkquality', 'link_quality', 'lqi'],
        ['state', 'switch', ''],
      ],
    ],
    [
      ZIGBEE2MQTT.plug,
      [
        ['current', 'current', 'A'],
        ['energy', 'energy', 'kWh'],
        ['linkquality', 'link_quality', 'lqi'],
        ['power', 'power', 'W'],
        ['state', 'switch', ''],
        ['voltage', 'voltage', 'V'],
      ],
    ],
    [
      ZIGBEE2MQTT.door,
      [
        ['battery', 'battery', '%'],
        ['contact', 'contact', ''],
        ['linkquality', 'link_quality', 'lqi'],
        ['voltage', 'voltage', 'mV'],
      ],
    ],
    [
      ZIGBEE2MQTT.leak,
      [
        ['battery', 'battery', '%'],
        ['battery_low', null, ''],
        ['linkquality', 'link_quality', 'lqi'],
        ['water_leak', 'leak', ''],
      ],
    ],
  ])('maps the fixture on %# to its quantities and units', (fixture, expected) => {
    const meaning = read(fixture);
    const parts = meaning?.kind === 'multiple' ? meaning.meanings : meaning === null ? [] : [meaning];
    const readings = parts.flatMap((part) => (part.kind === 'readings' ? part.readings : []));
    expect(readings.map((r) => [r.metric, r.quantity, r.unit])).toEqual(expected);
  });

  it('reads contact true as closed (0) and false as open (1)', () => {
    expect(read(ZIGBEE2MQTT.door)).toMatchObject({
      readings: expect.arrayContaining([{ metric: 'contact', value: 0, unit: '', quantity: 'contact' }]),
    });
    expect(read({ topic: 'zigbee2mqtt/Front door', payload: '{"contact":false}' })).toMatchObject({
      readings: [{ metric: 'contact', value: 1 }],
    });
  });

  it('reads voltage as battery millivolts on a battery sensor and as mains volts on a plug', () => {
    const voltageOf = (payload: string) => {
      const meaning = read({ topic: 'zigbee2mqtt/x', payload });
      const parts = meaning?.kind === 'multiple' ? meaning.meanings : meaning === null ? [] : [meaning];
      return parts
        .flatMap((part) => (part.kind === 'readings' ? part.readings : []))
        .find((reading) => reading.metric === 'voltage');
    };
    expect(voltageOf('{"battery":100,"voltage":3025}')).toMatchObject({ unit: 'mV', diagnostic: true });
    expect(voltageOf('{"power":5,"voltage":231}')).toEqual({
      metric: 'voltage',
      value: 231,
      unit: 'V',
      quantity: 'voltage',
    });
    expect(voltageOf('{"state":"ON","voltage":229.4}')).toMatchObject({ unit: 'V', quantity: 'voltage' });
  });

  it('names the endpoint of a multi-gang switch as the source of its state', () => {
    expect(
      read({ topic: 'zigbee2mqtt/Stairs switch', payload: '{"state_l1":"ON","state_l2":"OFF"}' }),
    ).toMatchObject({
      meanings: [
        {},
        {
          readings: [
            { metric: 'state_l1', value: 1, quantity: 'switch', source: 'l1' },
            { metric: 'state_l2', value: 0, quantity: 'switch', source: 'l2' },
          ],
        },
      ],
    });
  });

  it('takes friendly names with slashes whole', () => {
    expect(read(ZIGBEE2MQTT.bulbOff)).toMatchObject({
      meanings: [{ device: 'Kitchen/ceiling' }, {}],
    });
    expect(zigbee2mqttDeviceOf('zigbee2mqtt/Kitchen/ceiling/availability')).toBe('Kitchen/ceiling');
  });

  it('reads an attribute on its own topic as a reading of its device, never a device of its own', () => {
    expect(read(ZIGBEE2MQTT.plugEnergyAttribute)).toEqual({
      kind: 'readings',
      device: 'Desk plug',
      readings: [{ metric: 'energy', value: 1.53, unit: 'kWh', quantity: 'energy' }],
      sampleAt: null,
      convention: 'zigbee2mqtt',
    });
    expect(read({ topic: 'zigbee2mqtt/Front door/contact', payload: 'true' })).toMatchObject({
      device: 'Front door',
      readings: [{ metric: 'contact', value: 0, quantity: 'contact' }],
    });
    expect(zigbee2mqttDeviceOf('zigbee2mqtt/Desk plug/energy')).toBe('Desk plug');
  });

  it('offers the switch of a state on its own topic on the device /set', () => {
    expect(read({ topic: 'zigbee2mqtt/Desk plug/state', payload: 'ON' })).toMatchObject({
      meanings: [
        {
          kind: 'describe',
          device: 'Desk plug',
          description: { controls: [{ id: 'state', command: { topic: 'zigbee2mqtt/Desk plug/set' } }] },
        },
        { readings: [{ metric: 'state', value: 1, quantity: 'switch' }] },
      ],
    });
  });

  it('keeps /set, /get and /availability of a device apart from its attributes', () => {
    expect(read({ topic: 'zigbee2mqtt/Desk plug/set', payload: 'ON' })).toMatchObject({ kind: 'ignored' });
    expect(read({ topic: 'zigbee2mqtt/Desk plug/get', payload: 'state' })).toMatchObject({ kind: 'ignored' });
    expect(read({ topic: 'zigbee2mqtt/Desk plug/availability', payload: 'online' })).toMatchObject({
      kind: 'availability',
      device: 'Desk plug',
    });
  });

  it('names the metric a discovery template picks', () => {
    expect(zigbee2mqttMetricOf('zigbee2mqtt/Living room sensor', ['temperature'])).toBe('temperature');
    expect(zigbee2mqttMetricOf('zigbee2mqtt/Kitchen/ceiling', ['state'])).toBe('state');
    expect(zigbee2mqttMetricOf('zigbee2mqtt/Kitchen/ceiling', ['update', 'state'])).toBeNull();
    expect(zigbee2mqttMetricOf('zigbee2mqtt/Desk plug/energy', null)).toBe('energy');
    expect(zigbee2mqttMetricOf('zigbee2mqtt/bridge/state', ['state'])).toBeNull();
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
        {
          kind: 'readings',
          readings: expect.arrayContaining([{ metric: 'state', value: 1, unit: '', quantity: 'switch' }]),
        },
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
