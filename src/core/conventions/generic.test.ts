import { describe, expect, it } from 'vitest';
import { combineMeanings } from '../interpretation';
import type { InboundMessage } from '../message';
import { PAYLOAD_MAX_BYTES } from '../payload';
import { interpretGeneric } from './generic';

const encoder = new TextEncoder();

function message(topic: string, payload: string | Uint8Array, retained = false): InboundMessage {
  return {
    topic,
    payload: typeof payload === 'string' ? encoder.encode(payload) : payload,
    retained,
    receivedAt: 1_700_000_000_000,
  };
}

describe('interpretGeneric: readings', () => {
  it('reads numeric text on house/<device>/<metric> as that metric', () => {
    expect(interpretGeneric(message('house/kitchen/temperature', '21.5'))).toEqual({
      kind: 'readings',
      device: 'kitchen',
      readings: [{ metric: 'temperature', value: 21.5, unit: null }],
      sampleAt: null,
      convention: 'generic',
      topicRoom: 'Kitchen',
    });
  });

  it('takes the level before the metric as the device, whatever the prefix', () => {
    expect(interpretGeneric(message('site/b1/kitchen/temperature', '21.5'))).toMatchObject({
      kind: 'readings',
      device: 'kitchen',
      readings: [{ metric: 'temperature', value: 21.5 }],
    });
  });

  it('reads {"value", "unit"} on house/<device>/<metric> as value and unit', () => {
    expect(interpretGeneric(message('house/kitchen/temperature', '{"value":21.5,"unit":"°C"}'))).toEqual({
      kind: 'readings',
      device: 'kitchen',
      readings: [{ metric: 'temperature', value: 21.5, unit: '°C' }],
      sampleAt: null,
      convention: 'generic',
      topicRoom: 'Kitchen',
    });
  });

  it('passes on the sample time a measurement carries', () => {
    expect(
      interpretGeneric(message('house/kitchen/temperature', '{"value":21.5,"ts":1700000000}')),
    ).toMatchObject({
      sampleAt: 1_700_000_000_000,
    });
  });

  it('reads each finite numeric key of a JSON object on house/<device> as a metric', () => {
    expect(
      interpretGeneric(message('house/kitchen', '{"temperature":21.5,"humidity":48,"name":"Kitchen"}')),
    ).toEqual({
      kind: 'readings',
      device: 'kitchen',
      readings: [
        { metric: 'temperature', value: 21.5, unit: null },
        { metric: 'humidity', value: 48, unit: null },
      ],
      sampleAt: null,
      convention: 'generic',
    });
  });

  it('reads a JSON object on house/<device>/<anything> as metrics of that device', () => {
    expect(
      interpretGeneric(message('house/kitchen/sensors', '{"temperature":21.5,"humidity":48}')),
    ).toMatchObject({
      kind: 'readings',
      device: 'kitchen',
      readings: [
        { metric: 'temperature', value: 21.5 },
        { metric: 'humidity', value: 48 },
      ],
    });
  });

  it('reads ON/OFF and true/false on a metric topic as 1 and 0, a switch', () => {
    expect(interpretGeneric(message('house/lamp/switch', 'true'))).toMatchObject({
      readings: [{ metric: 'switch', value: 1, quantity: 'switch' }],
    });
    expect(interpretGeneric(message('house/lamp/power', 'ON'))).toMatchObject({
      readings: [{ metric: 'power', value: 1, quantity: 'switch' }],
    });
    expect(interpretGeneric(message('house/lamp/power', 'off'))).toMatchObject({
      readings: [{ metric: 'power', value: 0 }],
    });
  });

  it('reads an ON/OFF word as the state its name says, never as the measurement it may also name', () => {
    expect(interpretGeneric(message('house/hall/door', 'ON'))).toMatchObject({
      readings: [{ metric: 'door', value: 1, quantity: 'contact' }],
    });
    expect(interpretGeneric(message('house/hall/light', 'OFF'))).toMatchObject({
      readings: [{ metric: 'light', value: 0, quantity: 'switch' }],
    });
  });

  it('leaves the quantity of a number to its name and unit (the fold places it)', () => {
    expect(interpretGeneric(message('house/hall/temp', '21'))).toMatchObject({
      readings: [{ metric: 'temp', value: 21, unit: null }],
    });
    const meaning = interpretGeneric(message('house/hall/temp', '21'));
    expect(meaning.kind === 'readings' && 'quantity' in (meaning.readings[0] ?? {})).toBe(false);
  });

  it('reads a JSON object on a state topic as metrics when it is not availability', () => {
    expect(interpretGeneric(message('house/lamp/state', '{"state":"ON","brightness":200}'))).toMatchObject({
      kind: 'readings',
      device: 'lamp',
      readings: [{ metric: 'brightness', value: 200 }],
    });
  });
});

describe('interpretGeneric: availability', () => {
  it.each([
    ['status', 'online', true],
    ['status', 'offline', false],
    ['availability', 'Online', true],
    ['LWT', 'Offline', false],
    ['lwt', 'OFFLINE', false],
    ['state', 'true', true],
    ['Status', 'false', false],
    ['status', '1', true],
    ['status', '0', false],
  ])('reads house/kitchen/%s = %s as availability %s', (level, payload, online) => {
    expect(interpretGeneric(message(`house/kitchen/${level}`, payload))).toEqual({
      kind: 'availability',
      device: 'kitchen',
      online,
      convention: 'generic',
    });
  });

  it('reads a JSON availability payload', () => {
    expect(interpretGeneric(message('house/kitchen/status', '{"status":"offline"}'))).toEqual({
      kind: 'availability',
      device: 'kitchen',
      online: false,
      convention: 'generic',
    });
  });

  it('calls a status that says neither online nor offline invalid', () => {
    expect(interpretGeneric(message('house/kitchen/status', 'sleeping'))).toEqual({
      kind: 'invalid',
      device: 'kitchen',
      reason: 'expected an availability word, got "sleeping"',
      convention: 'generic',
    });
  });
});

describe('interpretGeneric: bad input', () => {
  it.each(['abc', 'NaN', 'Infinity', '-Infinity', '1e999', '0x10', 'null'])(
    'calls %s on a metric topic invalid, with a reason',
    (payload) => {
      const meaning = interpretGeneric(message('house/kitchen/temperature', payload));
      expect(meaning).toMatchObject({ kind: 'invalid', device: 'kitchen' });
      expect(meaning).toMatchObject({ reason: expect.stringContaining('expected a number') });
    },
  );

  it('calls an empty payload invalid', () => {
    expect(interpretGeneric(message('house/kitchen/temperature', ''))).toEqual({
      kind: 'invalid',
      device: 'kitchen',
      reason: 'empty payload',
      convention: 'generic',
    });
  });

  it('calls truncated JSON invalid', () => {
    expect(interpretGeneric(message('house/kitchen/temperature', '{"value":21.'))).toEqual({
      kind: 'invalid',
      device: 'kitchen',
      reason: 'malformed JSON',
      convention: 'generic',
    });
  });

  it('calls bytes that are not UTF-8 invalid', () => {
    expect(
      interpretGeneric(message('house/kitchen/temperature', new Uint8Array([0xc3, 0x28, 0xa0, 0xa1]))),
    ).toEqual({
      kind: 'invalid',
      device: 'kitchen',
      reason: 'binary payload (not UTF-8 text)',
      convention: 'generic',
    });
  });

  it('calls control bytes invalid', () => {
    expect(
      interpretGeneric(message('house/kitchen/temperature', new Uint8Array([0x00, 0x01, 0x1b, 0x7f]))),
    ).toEqual({
      kind: 'invalid',
      device: 'kitchen',
      reason: 'binary payload (control characters)',
      convention: 'generic',
    });
  });

  it('calls a JSON object without finite numbers invalid', () => {
    expect(interpretGeneric(message('house/kitchen/sensors', '{"temperature":"warm"}'))).toMatchObject({
      kind: 'invalid',
      reason: 'expected a number, got JSON without numeric values',
    });
  });

  it('calls a measurement whose value overflows invalid', () => {
    expect(interpretGeneric(message('house/kitchen/temperature', '{"value":1e999}'))).toMatchObject({
      kind: 'invalid',
      reason: '"value" is not a finite number',
    });
  });

  it('drops a payload over 64 KiB as oversize for its device', () => {
    const huge = encoder.encode(`{"temperature":${'1'.repeat(PAYLOAD_MAX_BYTES)}}`);
    expect(interpretGeneric(message('house/kitchen/temperature', huge))).toEqual({
      kind: 'oversize',
      device: 'kitchen',
      bytes: huge.byteLength,
      convention: 'generic',
    });
  });

  it('drops an oversize payload on a status topic too', () => {
    const huge = new Uint8Array(PAYLOAD_MAX_BYTES + 1);
    expect(interpretGeneric(message('house/kitchen/status', huge))).toMatchObject({ kind: 'oversize' });
  });

  it('calls a single-level topic unmapped', () => {
    expect(interpretGeneric(message('temperature', '21.5'))).toMatchObject({ kind: 'unmapped' });
  });

  it('calls a topic with an empty device level unmapped', () => {
    expect(interpretGeneric(message('house//temperature', '21.5'))).toMatchObject({ kind: 'unmapped' });
  });

  it('keeps hostile device and metric names as plain strings', () => {
    expect(interpretGeneric(message('house/<img src=x onerror=alert(1)>/__proto__', '1'))).toEqual({
      kind: 'readings',
      device: '<img src=x onerror=alert(1)>',
      readings: [{ metric: '__proto__', value: 1, unit: null }],
      sampleAt: null,
      convention: 'generic',
      topicRoom: '<img src=x onerror=alert(1)>',
    });
  });

  it.each(['__proto__', 'constructor', 'hasOwnProperty', 'valueOf'])(
    'calls the text %s invalid rather than reading a prototype member as a value',
    (payload) => {
      expect(interpretGeneric(message('house/kitchen/temperature', payload))).toMatchObject({
        kind: 'invalid',
      });
    },
  );
});

describe('interpretGeneric: the room a topic suggests', () => {
  it('suggests the device level of <prefix>/<room>/<metric> as its room, written as people write it', () => {
    expect(interpretGeneric(message('house/living-room/temperature', '21.5'))).toMatchObject({
      device: 'living-room',
      topicRoom: 'Living room',
    });
    expect(interpretGeneric(message('house/bath_room/sensors', '{"humidity":61}'))).toMatchObject({
      device: 'bath_room',
      topicRoom: 'Bath room',
    });
  });

  it('suggests nothing on topics of another shape', () => {
    const deeper = interpretGeneric(message('site/b1/kitchen/temperature', '21.5'));
    const object = interpretGeneric(message('house/kitchen', '{"temperature":21.5}'));
    expect(deeper).toMatchObject({ kind: 'readings', device: 'kitchen' });
    expect(object).toMatchObject({ kind: 'readings', device: 'kitchen' });
    expect(deeper).not.toHaveProperty('topicRoom');
    expect(object).not.toHaveProperty('topicRoom');
  });

  it('suggests no room of a level no room could be called (too long, control characters)', () => {
    const long = interpretGeneric(message(`house/${'x'.repeat(200)}/temperature`, '21.5'));
    expect(long).toMatchObject({ kind: 'readings' });
    expect(long).not.toHaveProperty('topicRoom');
    expect(interpretGeneric(message('house/hall\u0007/temperature', '21.5'))).not.toHaveProperty('topicRoom');
  });
});

describe('switch states on a state topic', () => {
  const at = (topic: string, text: string) =>
    interpretGeneric({ topic, payload: new TextEncoder().encode(text), retained: false, receivedAt: 1 });

  it('reads ON and OFF on house/<device>/state as a 1/0 state reading, not as garbage', () => {
    expect(at('house/lamp/state', 'ON')).toEqual({
      kind: 'readings',
      device: 'lamp',
      readings: [{ metric: 'state', value: 1, unit: null, quantity: 'switch' }],
      sampleAt: null,
      convention: 'generic',
      topicRoom: 'Lamp',
    });
    expect(at('house/lamp/state', 'off')).toMatchObject({ readings: [{ metric: 'state', value: 0 }] });
  });

  it('still reads a quoted "online" as availability', () => {
    expect(at('house/lamp/status', '"online"')).toEqual({
      kind: 'availability',
      device: 'lamp',
      online: true,
      convention: 'generic',
    });
  });
});

describe('combineMeanings', () => {
  it('gives a single meaning itself and several a multiple', () => {
    const one = { kind: 'ignored' as const, reason: 'x' };
    expect(combineMeanings([one])).toBe(one);
    expect(combineMeanings([one, one])).toEqual({ kind: 'multiple', meanings: [one, one] });
    expect(combineMeanings([])).toEqual({ kind: 'multiple', meanings: [] });
  });
});

describe('unreadable payloads on a two-level device topic', () => {
  const at = (topic: string, text: string) =>
    interpretGeneric({ topic, payload: new TextEncoder().encode(text), retained: false, receivedAt: 1 });

  it('counts truncated JSON on house/<device> against that device, not against "house"', () => {
    expect(at('house/cellar', '{"temperature": 2')).toMatchObject({ kind: 'invalid', device: 'cellar' });
    expect(at('house/cellar', 'abc')).toMatchObject({ kind: 'invalid', device: 'cellar' });
  });

  it('still counts them against the device level of a deeper topic', () => {
    expect(at('house/cellar/temperature', 'abc')).toMatchObject({ kind: 'invalid', device: 'cellar' });
  });
});
