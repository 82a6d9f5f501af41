import { beforeEach, describe, expect, it } from 'vitest';
import { inbound } from './fixtures/message';
import { TASMOTA } from './fixtures/tasmota';
import { type ConventionMemory, createConventionMemory } from './memory';
import { interpretTasmota, tasmotaDeviceOf, tasmotaMetricOf } from './tasmota';

let memory: ConventionMemory;
beforeEach(() => {
  memory = createConventionMemory();
});
const read = (fixture: { topic: string; payload: string }) => interpretTasmota(memory, inbound(fixture));

describe('Tasmota: availability', () => {
  it('reads tele/<topic>/LWT Online and Offline as the device being there or not', () => {
    expect(read(TASMOTA.lwtOnline)).toEqual({
      kind: 'availability',
      device: 'kitchen_plug',
      online: true,
      convention: 'tasmota',
    });
    expect(read(TASMOTA.lwtOffline)).toMatchObject({ kind: 'availability', online: false });
  });

  it('calls an LWT that says neither invalid', () => {
    expect(read({ topic: 'tele/kitchen_plug/LWT', payload: 'Maybe' })).toMatchObject({
      kind: 'invalid',
      reason: 'expected Online or Offline, got "Maybe"',
    });
  });
});

describe('Tasmota: sensors', () => {
  it('reads a DS18B20 temperature as a temperature, in the unit TempUnit names', () => {
    expect(read(TASMOTA.ds18b20)).toEqual({
      kind: 'readings',
      device: 'boiler_room',
      readings: [{ metric: 'DS18B20.Temperature', value: 21.4, unit: '°C', quantity: 'temperature' }],
      sampleAt: null,
      convention: 'tasmota',
    });
  });

  it('reads Fahrenheit when TempUnit is F', () => {
    const meaning = read({
      topic: 'tele/porch/SENSOR',
      payload: '{"DS18B20":{"Temperature":70.5},"TempUnit":"F"}',
    });
    expect(meaning).toMatchObject({ readings: [{ unit: '°F', quantity: 'temperature' }] });
  });

  it('reads pressure in the unit PressureUnit names', () => {
    const meaning = read({
      topic: 'tele/attic/SENSOR',
      payload:
        '{"BME280":{"Temperature":18.2,"Humidity":61,"Pressure":29.92},"PressureUnit":"inHg","TempUnit":"C"}',
    });
    expect(meaning).toMatchObject({
      readings: [
        { quantity: 'temperature' },
        { quantity: 'humidity' },
        { unit: 'inHg', quantity: 'pressure' },
      ],
    });
  });

  it.each([
    [TASMOTA.ds18b20, [['DS18B20.Temperature', 'temperature', '°C']]],
    [TASMOTA.bh1750, [['BH1750.Illuminance', 'illuminance', 'lx']]],
    [
      TASMOTA.am2301,
      [
        ['AM2301.Temperature', 'temperature', '°C'],
        ['AM2301.Humidity', 'humidity', '%'],
        // A dew point is no room temperature: it keeps its name, in its unit.
        ['AM2301.DewPoint', null, '°C'],
      ],
    ],
    [
      TASMOTA.energy,
      [
        ['ENERGY.Total', 'energy', 'kWh'],
        ['ENERGY.Yesterday', null, 'kWh'],
        ['ENERGY.Today', 'energy', 'kWh'],
        ['ENERGY.Period', null, ''],
        ['ENERGY.Power', 'power', 'W'],
        ['ENERGY.ApparentPower', null, 'VA'],
        ['ENERGY.ReactivePower', null, 'var'],
        ['ENERGY.Factor', 'power_factor', ''],
        ['ENERGY.Voltage', 'voltage', 'V'],
        ['ENERGY.Current', 'current', 'A'],
      ],
    ],
    [TASMOTA.switchInput, [['Switch1', 'switch', '']]],
    [
      TASMOTA.state,
      [
        ['UptimeSec', 'uptime', 's'],
        ['POWER', 'switch', ''],
        ['Wifi.RSSI', 'link_quality', '%'],
        ['Wifi.Signal', 'rssi', 'dBm'],
      ],
    ],
    [
      TASMOTA.dimmerState,
      [
        ['POWER', 'switch', ''],
        ['Dimmer', null, '%'],
      ],
    ],
    [TASMOTA.powerOn, [['POWER', 'switch', '']]],
  ])('maps the fixture on %# to its quantities and units', (fixture, expected) => {
    const meaning = read(fixture);
    const parts = meaning?.kind === 'multiple' ? meaning.meanings : meaning === null ? [] : [meaning];
    const readings = parts.flatMap((part) => (part.kind === 'readings' ? part.readings : []));
    expect(readings.map((r) => [r.metric, r.quantity, r.unit])).toEqual(expected);
  });

  it('reads Wifi.RSSI as a link quality in % and Wifi.Signal as dBm, both about the device', () => {
    const meaning = read(TASMOTA.state);
    const parts = meaning?.kind === 'multiple' ? meaning.meanings : [];
    expect(parts.find((part) => part.kind === 'readings')).toMatchObject({
      readings: expect.arrayContaining([
        {
          metric: 'Wifi.RSSI',
          value: 44,
          unit: '%',
          quantity: 'link_quality',
          diagnostic: true,
          label: 'Wi-Fi quality',
        },
        {
          metric: 'Wifi.Signal',
          value: -78,
          unit: 'dBm',
          quantity: 'rssi',
          diagnostic: true,
          label: 'Wi-Fi signal',
        },
        { metric: 'UptimeSec', value: 611, unit: 's', quantity: 'uptime', diagnostic: true },
      ]),
    });
  });

  it('reads a switch input reported in SENSOR as a switch state named by its input', () => {
    expect(read(TASMOTA.switchInput)).toMatchObject({
      readings: [{ metric: 'Switch1', value: 1, unit: '', quantity: 'switch', source: 'Switch1' }],
    });
  });

  it('keeps two probes of one quantity, each labelled by its sensor', () => {
    expect(read(TASMOTA.twoProbes)).toMatchObject({
      readings: [
        { metric: 'DS18B20-1.Temperature', value: 21.4, quantity: 'temperature', source: 'DS18B20-1' },
        { metric: 'DS18B20-2.Temperature', value: 48.9, quantity: 'temperature', source: 'DS18B20-2' },
      ],
    });
  });

  it('names no source where one sensor reads each quantity', () => {
    const meaning = read(TASMOTA.am2301);
    const readings = meaning?.kind === 'readings' ? meaning.readings : [];
    expect(readings.some((reading) => reading.source !== undefined)).toBe(false);
  });

  it('reads fields of no known quantity by their sensor and field', () => {
    expect(read({ topic: 'tele/garden/SENSOR', payload: '{"ANALOG":{"A0":512}}' })).toMatchObject({
      readings: [{ metric: 'ANALOG.A0', value: 512, unit: '', quantity: null, label: 'ANALOG A0' }],
    });
  });
});

describe('Tasmota: what discovery may describe', () => {
  it.each([
    ['tele/bathroom/SENSOR', ['AM2301', 'Temperature'], 'AM2301.Temperature'],
    ['tele/plug/SENSOR', ['ENERGY', 'Power'], 'ENERGY.Power'],
    ['tele/plug/STATE', ['POWER'], 'POWER'],
    ['tele/plug/STATE', ['Wifi', 'RSSI'], 'Wifi.RSSI'],
    ['stat/plug/RESULT', ['POWER1'], 'POWER1'],
    ['stat/plug/POWER', null, 'POWER'],
    ['stat/plug/STATUS10', ['StatusSNS', 'DS18B20', 'Temperature'], 'DS18B20.Temperature'],
    ['tele/plug/HASS_STATE', ['RSSI'], null],
    ['tele/plug/SENSOR', null, null],
    ['cmnd/plug/POWER', null, null],
  ])('%s at %j is %s', (topic, path, metric) => {
    expect(tasmotaMetricOf(topic, path)).toBe(metric);
  });
});

describe('Tasmota: relays and controls', () => {
  it('reads stat/<topic>/POWER ON as POWER 1, announcing the switch that sends cmnd/<topic>/POWER once', () => {
    expect(read(TASMOTA.powerOn)).toEqual({
      kind: 'multiple',
      meanings: [
        {
          kind: 'describe',
          device: 'kitchen_plug',
          convention: 'tasmota',
          description: {
            controls: [
              {
                kind: 'switch',
                id: 'POWER',
                label: 'Power',
                stateMetric: 'POWER',
                echoes: true,
                command: {
                  format: 'plain',
                  topic: 'cmnd/kitchen_plug/POWER',
                  on: 'ON',
                  off: 'OFF',
                  retain: false,
                  qos: 0,
                },
              },
            ],
          },
        },
        {
          kind: 'readings',
          device: 'kitchen_plug',
          readings: [{ metric: 'POWER', value: 1, unit: '', label: 'Power', quantity: 'switch' }],
          sampleAt: null,
          convention: 'tasmota',
        },
      ],
    });
    expect(read(TASMOTA.powerOff)).toMatchObject({
      kind: 'readings',
      readings: [{ metric: 'POWER', value: 0 }],
    });
  });

  it('reads POWER from tele STATE and stat RESULT, offering only the relay as a control', () => {
    expect(read(TASMOTA.state)).toMatchObject({
      meanings: [
        { kind: 'describe', description: { controls: [{ id: 'POWER' }] } },
        {
          readings: expect.arrayContaining([
            { metric: 'POWER', value: 0, unit: '', label: 'Power', quantity: 'switch' },
          ]),
        },
      ],
    });
    expect(read(TASMOTA.resultOn)).toMatchObject({
      kind: 'readings',
      readings: [{ metric: 'POWER', value: 1 }],
    });
  });

  it('offers a 0–100 % dimmer control on cmnd/<topic>/Dimmer', () => {
    const meaning = read(TASMOTA.dimmerState);
    expect(meaning).toMatchObject({
      kind: 'multiple',
      meanings: [
        {
          description: {
            controls: [
              { kind: 'switch', id: 'POWER' },
              {
                kind: 'number',
                id: 'Dimmer',
                min: 0,
                max: 100,
                step: 1,
                unit: '%',
                command: { topic: 'cmnd/living_dimmer/Dimmer' },
              },
            ],
          },
        },
        {
          readings: [
            { metric: 'POWER', value: 1 },
            { metric: 'Dimmer', value: 60, unit: '%' },
          ],
        },
      ],
    });
  });

  it('numbers the relays of a multi-relay device', () => {
    const meaning = read({ topic: 'stat/hall_relays/POWER2', payload: 'ON' });
    expect(meaning).toMatchObject({
      meanings: [
        {
          description: {
            controls: [{ id: 'POWER2', label: 'Power 2', command: { topic: 'cmnd/hall_relays/POWER2' } }],
          },
        },
        {},
      ],
    });
  });
});

describe('Tasmota: names and the rest', () => {
  it('names the device after its DeviceName from STATUS', () => {
    expect(read(TASMOTA.status)).toEqual({
      kind: 'describe',
      device: 'kitchen_plug',
      convention: 'tasmota',
      description: { name: 'Kitchen plug' },
    });
  });

  it('does not name every device "Tasmota", the factory default', () => {
    expect(read(TASMOTA.statusFactoryName)).toMatchObject({ kind: 'ignored', device: 'boiler_room' });
  });

  it('ignores commands, even its own', () => {
    expect(read(TASMOTA.command)).toEqual({ kind: 'ignored', reason: 'a command to a Tasmota device' });
  });

  it('ignores INFO messages but counts them as a sign of life', () => {
    expect(read(TASMOTA.info1)).toMatchObject({ kind: 'ignored', device: 'kitchen_plug' });
  });

  it('calls malformed JSON invalid for its device', () => {
    expect(read({ topic: 'tele/kitchen_plug/SENSOR', payload: '{"ENERGY":' })).toMatchObject({
      kind: 'invalid',
      device: 'kitchen_plug',
      reason: 'malformed JSON',
    });
  });

  it('leaves other topics to other conventions', () => {
    expect(read({ topic: 'house/kitchen/temperature', payload: '21' })).toBeNull();
    expect(read({ topic: 'tele/kitchen_plug', payload: 'x' })).toBeNull();
    expect(tasmotaDeviceOf('stat/a/b/c')).toBeNull();
    expect(tasmotaDeviceOf('tele/kitchen_plug/SENSOR')).toBe('kitchen_plug');
  });
});
