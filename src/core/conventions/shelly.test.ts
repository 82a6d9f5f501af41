import { beforeEach, describe, expect, it } from 'vitest';
import { inbound } from './fixtures/message';
import { SHELLY } from './fixtures/shelly';
import { type ConventionMemory, createConventionMemory } from './memory';
import { interpretShelly, shellyDeviceOf } from './shelly';

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
            { metric: 'switch:0', value: 0, unit: '' },
            { metric: 'switch:0 power', value: 0, unit: 'W' },
            { metric: 'switch:0 voltage', value: 229.6, unit: 'V' },
            { metric: 'switch:0 current', value: 0, unit: 'A' },
            { metric: 'switch:0 energy', value: 1234.567, unit: 'Wh' },
            { metric: 'switch:0 temperature', value: 44.7, unit: '°C' },
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
      readings: [{ metric: 'temperature:0', value: 21.4, unit: '°C', label: 'temperature:0' }],
      sampleAt: null,
      convention: 'shelly',
    });
    expect(read(SHELLY.humidity)).toMatchObject({
      readings: [{ metric: 'humidity:0', value: 48.2, unit: '%' }],
    });
    expect(read(SHELLY.battery)).toMatchObject({
      readings: [{ metric: 'devicepower:0 battery', value: 90, unit: '%' }],
    });
  });

  it('reads the components inside a NotifyStatus frame on <id>/events/rpc', () => {
    read(SHELLY.switchStatus);
    expect(read(SHELLY.notifyStatus)).toMatchObject({
      kind: 'readings',
      readings: [{ metric: 'switch:0', value: 1 }],
    });
  });

  it('ignores other events, system status and RPC traffic (our commands and their replies)', () => {
    expect(read(SHELLY.notifyEvent)).toMatchObject({ kind: 'ignored', device: RELAY });
    expect(read(SHELLY.sys)).toMatchObject({ kind: 'ignored', device: RELAY });
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
