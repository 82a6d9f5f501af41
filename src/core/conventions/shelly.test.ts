import { beforeEach, describe, expect, it } from 'vitest';
import { inbound } from './fixtures/message';
import { SHELLY } from './fixtures/shelly';
import { type ConventionMemory, createConventionMemory } from './memory';
import { interpretShelly, shellyDeviceOf, shellyMetricOf } from './shelly';

let memory: ConventionMemory;
beforeEach(() => {
  memory = createConventionMemory();
});
const read = (fixture: { topic: string; payload: string }) => interpretShelly(memory, inbound(fixture));
const RELAY = 'shellyplus1pm-a8032ab12345';

describe('Shelly Gen2: availability', () => {
  it('reads <id>/online true and false', () => {
    expect(read(SHELLY.online)).toEqual({
      kind: 'availability',
      device: RELAY,
      online: true,
      convention: 'shelly',
    });
    expect(read(SHELLY.offline)).toMatchObject({ online: false });
  });

  it('knows <prefix>/online of a device with a custom prefix once it has seen its status', () => {
    const custom = { topic: 'garage/relay/online', payload: 'true' };
    expect(read(custom)).toBeNull();
    read({ topic: 'garage/relay/status/switch:0', payload: '{"id":0,"output":false}' });
    expect(read(custom)).toMatchObject({ kind: 'availability', device: 'garage/relay' });
  });
});

describe('Shelly Gen2: status', () => {
  it('reads a switch status: output 1/0, power, voltage, current, energy, temperature', () => {
    expect(read(SHELLY.switchStatus)).toMatchObject({
      kind: 'multiple',
      meanings: [
        {
          kind: 'describe',
          device: RELAY,
          description: {
            controls: [
              {
                kind: 'switch',
                id: 'switch:0',
                label: 'Switch 0',
                stateMetric: 'switch:0',
                echoes: true,
                command: { format: 'shelly-rpc', topic: 'shellyplus1pm-a8032ab12345/rpc', id: 0 },
              },
            ],
          },
        },
        {
          kind: 'readings',
          device: RELAY,
          readings: [
            { metric: 'switch:0', value: 0, unit: '', quantity: 'switch' },
            { metric: 'switch:0 power', value: 0, unit: 'W', quantity: 'power' },
            { metric: 'switch:0 voltage', value: 229.6, unit: 'V', quantity: 'voltage' },
            { metric: 'switch:0 current', value: 0, unit: 'A', quantity: 'current' },
            { metric: 'switch:0 energy', value: 1234.567, unit: 'Wh', quantity: 'energy' },
            {
              metric: 'switch:0 temperature',
              value: 44.7,
              unit: '°C',
              quantity: 'temperature',
              diagnostic: true,
              label: 'Device temperature',
            },
          ],
        },
      ],
    });
    expect(read(SHELLY.switchOn)).toMatchObject({
      kind: 'readings',
      readings: [{ metric: 'switch:0', value: 1 }, {}, {}, {}, {}, {}],
    });
  });

  it('reads tC of temperature:0, rh of humidity:0 and the battery of devicepower:0', () => {
    expect(read(SHELLY.temperature)).toEqual({
      kind: 'readings',
      device: 'shellyplusht-c4d8d5551234',
      readings: [{ metric: 'temperature:0', value: 21.4, unit: '°C', quantity: 'temperature' }],
      sampleAt: null,
      convention: 'shelly',
    });
    expect(read(SHELLY.humidity)).toMatchObject({
      readings: [{ metric: 'humidity:0', value: 48.2, unit: '%', quantity: 'humidity' }],
    });
    expect(read(SHELLY.battery)).toMatchObject({
      readings: [
        { metric: 'devicepower:0 battery', value: 90, unit: '%', quantity: 'battery', externalPower: false },
        {
          metric: 'devicepower:0 battery voltage',
          value: 5.95,
          unit: 'V',
          quantity: 'voltage',
          diagnostic: true,
        },
      ],
    });
  });

  it.each([
    [
      SHELLY.switchStatus,
      [
        ['switch:0', 'switch', ''],
        ['switch:0 power', 'power', 'W'],
        ['switch:0 voltage', 'voltage', 'V'],
        ['switch:0 current', 'current', 'A'],
        ['switch:0 energy', 'energy', 'Wh'],
        ['switch:0 temperature', 'temperature', '°C'],
      ],
    ],
    [SHELLY.temperature, [['temperature:0', 'temperature', '°C']]],
    [SHELLY.humidity, [['humidity:0', 'humidity', '%']]],
    [SHELLY.illuminance, [['illuminance:0', 'illuminance', 'lx']]],
    [
      SHELLY.battery,
      [
        ['devicepower:0 battery', 'battery', '%'],
        ['devicepower:0 battery voltage', 'voltage', 'V'],
      ],
    ],
    [SHELLY.wifi, [['wifi rssi', 'rssi', 'dBm']]],
    [SHELLY.sys, [['sys uptime', 'uptime', 's']]],
  ])('maps the fixture on %# to its quantities and units', (fixture, expected) => {
    const meaning = read(fixture);
    const parts = meaning?.kind === 'multiple' ? meaning.meanings : meaning === null ? [] : [meaning];
    const readings = parts.flatMap((part) => (part.kind === 'readings' ? part.readings : []));
    expect(readings.map((r) => [r.metric, r.quantity, r.unit])).toEqual(expected);
  });

  it('says a USB-powered H&T runs on external power, so its 0 % battery is no alarm', () => {
    expect(read(SHELLY.batteryExternal)).toMatchObject({
      readings: [
        { metric: 'devicepower:0 battery', value: 0, quantity: 'battery', externalPower: true },
        { metric: 'devicepower:0 battery voltage' },
      ],
    });
  });

  it('names the second switch as the source of its readings', () => {
    const meaning = read({
      topic: 'shellypro2pm-ec62609fd100/status/switch:1',
      payload: '{"id":1,"output":true,"apower":12.5}',
    });
    expect(meaning).toMatchObject({
      meanings: [
        {},
        {
          readings: [
            { metric: 'switch:1', quantity: 'switch', source: 'switch:1' },
            { metric: 'switch:1 power', quantity: 'power', source: 'switch:1' },
          ],
        },
      ],
    });
  });

  it('reads tF only where a temperature has no tC', () => {
    expect(
      read({ topic: 'shellyplusht-c4d8d5551234/status/temperature:0', payload: '{"id":0,"tF":70.5}' }),
    ).toMatchObject({ readings: [{ metric: 'temperature:0', value: 70.5, unit: '°F' }] });
  });

  it('names the metric a discovery template picks', () => {
    expect(shellyMetricOf('shellyplus1pm-a8032ab12345/status/switch:0', ['apower'])).toBe('switch:0 power');
    expect(shellyMetricOf('shellyplus1pm-a8032ab12345/status/switch:0', ['aenergy', 'total'])).toBe(
      'switch:0 energy',
    );
    expect(shellyMetricOf('shellyplus1pm-a8032ab12345/status/switch:0', ['freq'])).toBeNull();
    expect(shellyMetricOf('shellyplus1pm-a8032ab12345/events/rpc', ['params'])).toBeNull();
  });

  it('reads the components inside a NotifyStatus frame on <id>/events/rpc', () => {
    read(SHELLY.switchStatus);
    expect(read(SHELLY.notifyStatus)).toMatchObject({
      kind: 'readings',
      readings: [{ metric: 'switch:0', value: 1 }],
    });
  });

  it('ignores other events and RPC traffic (our commands and their replies)', () => {
    expect(read(SHELLY.notifyEvent)).toMatchObject({ kind: 'ignored', device: RELAY, convention: 'shelly' });
    expect(read({ topic: `${RELAY}/status/cloud`, payload: '{"connected":true}' })).toMatchObject({
      kind: 'ignored',
      device: RELAY,
    });
    expect(read(SHELLY.rpcRequest)).toEqual({ kind: 'ignored', reason: 'a Shelly RPC request or reply' });
    expect(read(SHELLY.rpcReply)).toMatchObject({ kind: 'ignored' });
  });

  it('calls malformed status JSON invalid', () => {
    expect(
      read({ topic: 'shellyplusht-c4d8d5551234/status/temperature:0', payload: '{"tC":' }),
    ).toMatchObject({
      kind: 'invalid',
      reason: 'malformed JSON',
    });
  });

  it('leaves unknown components and other topics alone', () => {
    expect(read({ topic: 'house/kitchen/status/whatever', payload: '{}' })).toBeNull();
    expect(read({ topic: 'house/kitchen/online', payload: 'true' })).toBeNull();
    expect(shellyDeviceOf('shellyplusht-c4d8d5551234/status/humidity:0')).toBe('shellyplusht-c4d8d5551234');
  });
});
