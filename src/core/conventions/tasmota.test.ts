import { beforeEach, describe, expect, it } from 'vitest';
import { inbound } from './fixtures/message';
import { TASMOTA } from './fixtures/tasmota';
import { type ConventionMemory, createConventionMemory } from './memory';
import { interpretTasmota, tasmotaDeviceOf } from './tasmota';

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
  it('reads a DS18B20 temperature with the unit TempUnit names', () => {
    expect(read(TASMOTA.ds18b20)).toEqual({
      kind: 'readings',
      device: 'boiler_room',
      readings: [{ metric: 'DS18B20.Temperature', value: 21.4, unit: '°C', label: 'DS18B20 Temperature' }],
      sampleAt: null,
      convention: 'tasmota',
    });
  });

  it('reads Fahrenheit when TempUnit is F', () => {
    const meaning = read({
      topic: 'tele/porch/SENSOR',
      payload: '{"DS18B20":{"Temperature":70.5},"TempUnit":"F"}',
    });
    expect(meaning).toMatchObject({ readings: [{ unit: '°F' }] });
  });

  it('reads a BH1750 illuminance in lx', () => {
    expect(read(TASMOTA.bh1750)).toMatchObject({
      readings: [{ metric: 'BH1750.Illuminance', value: 120, unit: 'lx' }],
    });
  });

  it('reads every quantity of an AM2301', () => {
    expect(read(TASMOTA.am2301)).toMatchObject({
      device: 'bathroom',
      readings: [
        { metric: 'AM2301.Temperature', value: 24.6, unit: '°C' },
        { metric: 'AM2301.Humidity', value: 58.2, unit: '%' },
        { metric: 'AM2301.DewPoint', value: 15.8, unit: '°C' },
      ],
    });
  });

  it('reads energy monitoring with its units and skips text fields', () => {
    const meaning = read(TASMOTA.energy);
    expect(meaning).toMatchObject({ kind: 'readings' });
    const readings = meaning?.kind === 'readings' ? meaning.readings : [];
    expect(readings.map((r) => [r.metric, r.unit])).toEqual([
      ['ENERGY.Total', 'kWh'],
      ['ENERGY.Yesterday', 'kWh'],
      ['ENERGY.Today', 'kWh'],
      ['ENERGY.Period', ''],
      ['ENERGY.Power', 'W'],
      ['ENERGY.ApparentPower', 'VA'],
      ['ENERGY.ReactivePower', 'var'],
      ['ENERGY.Factor', ''],
      ['ENERGY.Voltage', 'V'],
      ['ENERGY.Current', 'A'],
    ]);
  });

  it('reads a switch input reported in SENSOR as 1/0 without a unit', () => {
    expect(read(TASMOTA.switchInput)).toMatchObject({
      readings: [{ metric: 'Switch1', value: 1, unit: '' }],
    });
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
          readings: [{ metric: 'POWER', value: 1, unit: '', label: 'Power' }],
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

  it('reads POWER from tele STATE and stat RESULT', () => {
    expect(read(TASMOTA.state)).toMatchObject({
      meanings: [{ kind: 'describe' }, { readings: [{ metric: 'POWER', value: 0 }] }],
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
