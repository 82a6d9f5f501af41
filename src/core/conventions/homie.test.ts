import { beforeEach, describe, expect, it } from 'vitest';
import type { Interpretation } from '../interpretation';
import { HOMIE, HOMIE_THERMOSTAT } from './fixtures/homie';
import { type FixtureMessage, inbound } from './fixtures/message';
import { homieDeviceOf, homieMetricOf, interpretHomie } from './homie';
import { quantityOfProperty } from './homieProperty';
import { type ConventionMemory, createConventionMemory } from './memory';

let memory: ConventionMemory;
beforeEach(() => {
  memory = createConventionMemory();
});
const read = (fixture: FixtureMessage) => interpretHomie(memory, inbound(fixture));
const readAll = (fixtures: readonly FixtureMessage[]): Interpretation[] =>
  fixtures.map((f) => read(f)).filter((m): m is Interpretation => m !== null);
const topic = (t: string) =>
  HOMIE_THERMOSTAT.find((f) => f.topic === `homie/thermostat-1/${t}`) ?? { topic: t, payload: '' };

describe('Homie: device state', () => {
  it.each([
    ['ready', true, undefined],
    ['init', true, 'starting up (Homie $state init)'],
    ['alert', true, 'reports a problem that needs attention (Homie $state alert)'],
    ['sleeping', true, 'sleeping (Homie $state sleeping)'],
    ['disconnected', false, 'disconnected cleanly (Homie $state disconnected)'],
    ['lost', false, undefined],
  ])('reads $state %s as online %s', (state, online, note) => {
    const meaning = read({ topic: 'homie/thermostat-1/$state', payload: state });
    expect(meaning).toEqual({
      kind: 'availability',
      device: 'thermostat-1',
      online,
      convention: 'homie',
      ...(note ? { note } : {}),
    });
  });

  it('calls an unknown $state invalid', () => {
    expect(read({ topic: 'homie/thermostat-1/$state', payload: 'constructor' })).toMatchObject({
      kind: 'invalid',
    });
  });

  it('names the device after $name', () => {
    expect(read(topic('$name'))).toEqual({
      kind: 'describe',
      device: 'thermostat-1',
      convention: 'homie',
      description: { name: 'Living room thermostat' },
    });
  });

  it('ignores the other device and node attributes but counts them as a sign of life', () => {
    expect(read(topic('$homie'))).toMatchObject({ kind: 'ignored', device: 'thermostat-1' });
    expect(read(topic('$nodes'))).toMatchObject({ kind: 'ignored' });
    expect(read(topic('sensor/$properties'))).toMatchObject({
      kind: 'ignored',
      reason: 'a Homie node attribute',
    });
  });
});

describe('Homie: properties', () => {
  it('labels a property with $name and gives it $unit', () => {
    readAll([
      topic('sensor/temperature/$name'),
      topic('sensor/temperature/$unit'),
      topic('sensor/temperature/$datatype'),
    ]);
    expect(read(topic('sensor/temperature'))).toEqual({
      kind: 'readings',
      device: 'thermostat-1',
      readings: [
        {
          metric: 'sensor/temperature',
          value: 21.5,
          unit: '°C',
          quantity: 'temperature',
          label: 'Temperature',
        },
      ],
      sampleAt: null,
      convention: 'homie',
    });
  });

  it('describes each attribute as it arrives, merged with the ones before', () => {
    read(topic('sensor/temperature/$name'));
    expect(read(topic('sensor/temperature/$unit'))).toEqual({
      kind: 'describe',
      device: 'thermostat-1',
      convention: 'homie',
      description: { metrics: [{ metric: 'sensor/temperature', label: 'Temperature', unit: '°C' }] },
    });
    expect(read(topic('sensor/temperature/$datatype'))).toMatchObject({
      description: { metrics: [{ metric: 'sensor/temperature', unit: '°C', quantity: 'temperature' }] },
    });
  });

  it('reads a value that arrives before its attributes as a number, placed by its property id', () => {
    expect(read(topic('sensor/humidity'))).toMatchObject({
      readings: [{ metric: 'sensor/humidity', value: 48, unit: null, quantity: 'humidity' }],
    });
  });

  it('reads values as the text they are, quoted or not', () => {
    expect(read({ topic: 'homie/weather/outside/temperature', payload: '19.8734' })).toMatchObject({
      readings: [{ value: 19.8734, quantity: 'temperature' }],
    });
    expect(read({ topic: 'homie/weather/outside/temperature', payload: '"19.8734"' })).toMatchObject({
      readings: [{ value: 19.8734 }],
    });
  });

  it('places a number by its $unit first, then by its property id', () => {
    readAll([
      { topic: 'homie/weather/outside/t/$unit', payload: '°F' },
      { topic: 'homie/weather/outside/t/$datatype', payload: 'float' },
      { topic: 'homie/weather/outside/lux/$datatype', payload: 'integer' },
    ]);
    expect(read({ topic: 'homie/weather/outside/t', payload: '67.1' })).toMatchObject({
      readings: [{ unit: '°F', quantity: 'temperature' }],
    });
    expect(read({ topic: 'homie/weather/outside/lux', payload: '300' })).toMatchObject({
      readings: [{ unit: null, quantity: 'illuminance' }],
    });
  });

  it('shows a settable number (a set point) in its own unit, of no quantity: it is commanded in it', () => {
    readAll(HOMIE_THERMOSTAT.filter((f) => f.topic.includes('heater/setpoint/$')));
    expect(read(topic('heater/setpoint'))).toMatchObject({
      readings: [{ metric: 'heater/setpoint', value: 20.5, unit: '°C', quantity: null }],
    });
  });

  it('reads booleans as 1/0: a settable power as a switch', () => {
    read(topic('heater/power/$datatype'));
    read(topic('heater/power/$settable'));
    expect(read(topic('heater/power'))).toMatchObject({
      readings: [{ metric: 'heater/power', value: 1, unit: '', quantity: 'switch' }],
    });
    expect(read({ topic: 'homie/thermostat-1/heater/power', payload: 'false' })).toMatchObject({
      readings: [{ value: 0 }],
    });
  });

  it('does not chart enum and string properties', () => {
    read(HOMIE.modeEnum);
    expect(read(HOMIE.modeValue)).toEqual({
      kind: 'ignored',
      reason: 'heater/mode is a enum property; Hearth charts numbers',
      device: 'thermostat-1',
      convention: 'homie',
    });
  });

  it('calls a float property that is not a number invalid', () => {
    read(topic('sensor/temperature/$datatype'));
    expect(read({ topic: 'homie/thermostat-1/sensor/temperature', payload: 'warm' })).toMatchObject({
      kind: 'invalid',
      reason: 'sensor/temperature: "warm" is not a float',
    });
  });
});

describe('Homie: settable properties', () => {
  it('offers a number control on <property>/set within $format, once $settable is true', () => {
    readAll(
      HOMIE_THERMOSTAT.filter((f) => f.topic.includes('heater/setpoint/$') && !f.topic.endsWith('$settable')),
    );
    expect(read(topic('heater/setpoint/$settable'))).toMatchObject({
      kind: 'describe',
      description: {
        controls: [
          {
            kind: 'number',
            id: 'heater/setpoint',
            label: 'Set point',
            stateMetric: 'heater/setpoint',
            echoes: true,
            min: 5,
            max: 30,
            step: null,
            unit: '°C',
            command: {
              format: 'plain',
              topic: 'homie/thermostat-1/heater/setpoint/set',
              retain: false,
              qos: 1,
            },
          },
        ],
      },
    });
  });

  it('offers a true/false switch for a settable boolean', () => {
    readAll([topic('heater/power/$name'), topic('heater/power/$datatype')]);
    expect(read(topic('heater/power/$settable'))).toMatchObject({
      description: {
        controls: [
          {
            kind: 'switch',
            label: 'Heating',
            command: { topic: 'homie/thermostat-1/heater/power/set', on: 'true', off: 'false' },
          },
        ],
      },
    });
  });

  it('sends to a non-retained property with QoS 0 and expects no echo', () => {
    readAll([
      { topic: 'homie/coffee/machine/brew/$datatype', payload: 'boolean' },
      { topic: 'homie/coffee/machine/brew/$retained', payload: 'false' },
    ]);
    expect(read({ topic: 'homie/coffee/machine/brew/$settable', payload: 'true' })).toMatchObject({
      description: { controls: [{ echoes: false, command: { qos: 0 } }] },
    });
  });

  it('ignores /set messages', () => {
    expect(read(HOMIE.setCommand)).toEqual({ kind: 'ignored', reason: 'a command to a Homie property' });
  });
});

describe('Homie: the whole thermostat', () => {
  it('ends up with a name, labelled metrics with units, two controls and ready', () => {
    const meanings = readAll(HOMIE_THERMOSTAT);
    expect(meanings.filter((m) => m.kind === 'readings')).toHaveLength(4);
    expect(meanings.at(-1)).toMatchObject({ kind: 'availability', online: true });
    const controls = meanings.flatMap((m) => (m.kind === 'describe' ? (m.description.controls ?? []) : []));
    expect(controls.map((c) => c.id)).toEqual(['heater/setpoint', 'heater/power']);
  });
});

describe('Homie: the vocabulary', () => {
  it.each([
    [{ datatype: 'boolean', settable: true }, 'power', 'switch'],
    [{ datatype: 'boolean', settable: true }, 'relay', 'switch'],
    [{ datatype: 'boolean' }, 'motion', 'motion'],
    [{ datatype: 'boolean' }, 'door', 'contact'],
    // Not a state by its name: an On/Off all the same.
    [{ datatype: 'boolean' }, 'power', 'switch'],
    [{ datatype: 'boolean' }, 'heating', 'switch'],
    [{ datatype: 'float', unit: '°C' }, 'temperature', 'temperature'],
    [{ datatype: 'float', unit: 'W' }, 'load', 'power'],
    [{ datatype: 'integer', unit: '%' }, 'humidity', 'humidity'],
    [{ datatype: 'integer', unit: '%' }, 'level', null],
    [{ datatype: 'float', unit: '°C', settable: true }, 'setpoint', null],
  ] as const)('%j %s is %s', (info, property, quantity) => {
    expect(quantityOfProperty(property, info, info.datatype === 'boolean')).toBe(quantity);
  });

  it('names the metric of a property topic', () => {
    expect(homieMetricOf('homie/thermostat-1/sensor/temperature', null)).toBe('sensor/temperature');
    expect(homieMetricOf('homie/thermostat-1/sensor/temperature/$unit', null)).toBeNull();
    expect(homieMetricOf('homie/thermostat-1/sensor/temperature', ['x'])).toBeNull();
  });
});

describe('Homie: what it does not read', () => {
  it('ignores broadcasts and says Homie 5 is not read yet', () => {
    expect(read(HOMIE.broadcast)).toMatchObject({ kind: 'ignored' });
    expect(read(HOMIE.homie5)).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('Homie 5') });
    expect(homieDeviceOf('homie/5/x/$state')).toBeNull();
  });

  it('leaves other topics alone', () => {
    expect(read({ topic: 'house/homie/x', payload: '1' })).toBeNull();
  });
});
