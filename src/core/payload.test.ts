import { describe, expect, it } from 'vitest';
import {
  asRecord,
  decodeJson,
  decodeText,
  PAYLOAD_MAX_BYTES,
  parseDecimal,
  parsePayload,
  readAvailability,
  readSwitchWord,
  toFiniteNumber,
} from './payload';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parsePayload', () => {
  it('reads a plain decimal number', () => {
    expect(parsePayload(bytes('21.5'))).toEqual({ kind: 'number', value: 21.5 });
  });

  it('reads negative, signed, exponent and integer forms', () => {
    expect(parsePayload(bytes('-3'))).toEqual({ kind: 'number', value: -3 });
    expect(parsePayload(bytes('+4.25'))).toEqual({ kind: 'number', value: 4.25 });
    expect(parsePayload(bytes('1.2e3'))).toEqual({ kind: 'number', value: 1200 });
    expect(parsePayload(bytes('.5'))).toEqual({ kind: 'number', value: 0.5 });
  });

  it('ignores surrounding whitespace and a trailing newline', () => {
    expect(parsePayload(bytes(' 21.5\r\n'))).toEqual({ kind: 'number', value: 21.5 });
  });

  it('reads a number in JSON string quotes', () => {
    expect(parsePayload(bytes('"21.5"'))).toEqual({ kind: 'number', value: 21.5 });
  });

  it('reads words as text', () => {
    expect(parsePayload(bytes('online'))).toEqual({ kind: 'text', text: 'online' });
    expect(parsePayload(bytes('abc'))).toEqual({ kind: 'text', text: 'abc' });
  });

  it.each(['NaN', 'Infinity', '-Infinity', '1e999', '0x10', '1,5', '21.5°C'])(
    'does not read %s as a number',
    (text) => {
      expect(parsePayload(bytes(text)).kind).not.toBe('number');
    },
  );

  it('rejects an empty payload', () => {
    expect(parsePayload(new Uint8Array(0))).toEqual({ kind: 'invalid', reason: 'empty payload' });
  });

  it('rejects a payload of only whitespace', () => {
    expect(parsePayload(bytes(' \n\t'))).toEqual({ kind: 'invalid', reason: 'blank payload' });
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(parsePayload(new Uint8Array([0xff, 0xfe, 0x00, 0x80]))).toEqual({
      kind: 'invalid',
      reason: 'binary payload (not UTF-8 text)',
    });
  });

  it('rejects control bytes that happen to be valid UTF-8', () => {
    expect(parsePayload(new Uint8Array([0x01, 0x02, 0x03, 0x10]))).toEqual({
      kind: 'invalid',
      reason: 'binary payload (control characters)',
    });
  });

  it('rejects truncated JSON', () => {
    expect(parsePayload(bytes('{"temperature": 21.'))).toEqual({ kind: 'invalid', reason: 'malformed JSON' });
  });

  it('drops a payload over 64 KiB as oversize without decoding it', () => {
    const huge = new Uint8Array(PAYLOAD_MAX_BYTES + 1).fill(0xff); // not UTF-8: proves it is not decoded
    expect(parsePayload(huge)).toEqual({ kind: 'oversize', bytes: PAYLOAD_MAX_BYTES + 1 });
  });

  it('still reads a payload of exactly 64 KiB', () => {
    const padded = bytes(`${' '.repeat(PAYLOAD_MAX_BYTES - 2)}42`);
    expect(padded.byteLength).toBe(PAYLOAD_MAX_BYTES);
    expect(parsePayload(padded)).toEqual({ kind: 'number', value: 42 });
  });

  it('reads {"value", "unit"} as a measurement with its unit', () => {
    expect(parsePayload(bytes('{"value":21.5,"unit":"°C"}'))).toEqual({
      kind: 'measurement',
      value: 21.5,
      unit: '°C',
      sampleAt: null,
    });
  });

  it('reads a measurement whose value is a numeric string', () => {
    expect(parsePayload(bytes('{"value":"19.0"}'))).toMatchObject({
      kind: 'measurement',
      value: 19,
      unit: null,
    });
  });

  it('rejects a measurement whose value is not a finite number', () => {
    expect(parsePayload(bytes('{"value":"NaN"}'))).toMatchObject({ kind: 'invalid' });
    expect(parsePayload(bytes('{"value":1e999}'))).toMatchObject({ kind: 'invalid' });
    expect(parsePayload(bytes('{"value":null}'))).toMatchObject({ kind: 'invalid' });
  });

  it('reads each finite numeric key of a JSON object as a field', () => {
    const payload = parsePayload(bytes('{"temperature":21.5,"humidity":48,"battery":"low","ok":true}'));
    expect(payload).toEqual({
      kind: 'fields',
      values: [
        ['temperature', 21.5],
        ['humidity', 48],
      ],
      unit: null,
      sampleAt: null,
    });
  });

  it('skips fields that overflow to Infinity', () => {
    const payload = parsePayload(bytes('{"temperature":1e999,"humidity":48}'));
    expect(payload).toMatchObject({ kind: 'fields', values: [['humidity', 48]] });
  });

  it('does not count the time keys as fields', () => {
    const payload = parsePayload(bytes('{"temperature":21.5,"ts":1700000000}'));
    expect(payload).toMatchObject({ kind: 'fields', values: [['temperature', 21.5]] });
  });

  it('reads ts in epoch seconds as milliseconds', () => {
    expect(parsePayload(bytes('{"value":1,"ts":1700000000}'))).toMatchObject({ sampleAt: 1_700_000_000_000 });
  });

  it('reads ts in epoch milliseconds as is', () => {
    expect(parsePayload(bytes('{"value":1,"ts":1700000000123}'))).toMatchObject({
      sampleAt: 1_700_000_000_123,
    });
  });

  it('reads an ISO 8601 time', () => {
    expect(parsePayload(bytes('{"value":1,"time":"2023-11-14T22:13:20Z"}'))).toMatchObject({
      sampleAt: 1_700_000_000_000,
    });
  });

  it('ignores a time it cannot read', () => {
    expect(parsePayload(bytes('{"value":1,"ts":"yesterday"}'))).toMatchObject({ sampleAt: null });
    expect(parsePayload(bytes('{"value":1,"ts":-5}'))).toMatchObject({ sampleAt: null });
  });

  it('returns a JSON object without numbers as plain JSON', () => {
    expect(parsePayload(bytes('{"state":"online"}'))).toEqual({ kind: 'json', value: { state: 'online' } });
  });

  it('returns a JSON array as plain JSON', () => {
    expect(parsePayload(bytes('[1,2,3]'))).toEqual({ kind: 'json', value: [1, 2, 3] });
  });

  it('keeps a unit to 16 characters', () => {
    const payload = parsePayload(bytes('{"value":1,"unit":"<img src=x onerror=alert(1)>"}'));
    expect(payload).toMatchObject({ kind: 'measurement', unit: '<img src=x onerr' });
  });

  it('reads "__proto__" and "constructor" keys as plain fields without polluting prototypes', () => {
    const payload = parsePayload(bytes('{"__proto__":{"polluted":1},"constructor":5,"__proto__x":6}'));
    expect(payload).toEqual({
      kind: 'fields',
      values: [
        ['constructor', 5],
        ['__proto__x', 6],
      ],
      unit: null,
      sampleAt: null,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseDecimal', () => {
  it('reads finite decimals', () => {
    expect(parseDecimal('21.5')).toBe(21.5);
    expect(parseDecimal('-0.25')).toBe(-0.25);
  });

  it.each(['', 'abc', 'NaN', 'Infinity', '1e999', '0x10', '0b1', '1_000', ' 1', '1.2.3'])(
    'rejects "%s"',
    (text) => {
      expect(parseDecimal(text)).toBeNull();
    },
  );

  it('rejects absurdly long digit strings', () => {
    expect(parseDecimal('1'.repeat(41))).toBeNull();
  });
});

describe('readAvailability', () => {
  const read = (text: string) => readAvailability(parsePayload(bytes(text)));

  it.each(['online', 'Online', 'ONLINE', 'true', 'TRUE', '1', 'connected'])('reads %s as online', (text) => {
    expect(read(text)).toBe(true);
  });

  it.each(['offline', 'Offline', 'OFFLINE', 'false', 'False', '0', 'disconnected'])(
    'reads %s as offline',
    (text) => {
      expect(read(text)).toBe(false);
    },
  );

  it('reads JSON {"state": ...} and {"status": ...}', () => {
    expect(read('{"state":"online"}')).toBe(true);
    expect(read('{"status":"offline"}')).toBe(false);
    expect(read('{"online":false}')).toBe(false);
  });

  it('says nothing for other words and numbers', () => {
    expect(read('maybe')).toBeNull();
    expect(read('2')).toBeNull();
    expect(read('{"state":"ON","brightness":200}')).toBeNull();
  });

  it('says nothing for an invalid payload', () => {
    expect(readAvailability(parsePayload(new Uint8Array([0xff])))).toBeNull();
  });
});

describe('decodeText and decodeJson', () => {
  it('keeps the text as it came, and an empty payload as the empty string (an MQTT removal)', () => {
    expect(decodeText(bytes(' Online\n'))).toEqual({ kind: 'text', text: ' Online\n' });
    expect(decodeText(new Uint8Array(0))).toEqual({ kind: 'text', text: '' });
  });

  it('refuses binary and oversize payloads like parsePayload', () => {
    expect(decodeText(new Uint8Array([0xc3, 0x28]))).toEqual({
      kind: 'invalid',
      reason: 'binary payload (not UTF-8 text)',
    });
    expect(decodeText(new Uint8Array([0x41, 0x00]))).toEqual({
      kind: 'invalid',
      reason: 'binary payload (control characters)',
    });
    expect(decodeText(new Uint8Array(PAYLOAD_MAX_BYTES + 1))).toEqual({
      kind: 'oversize',
      bytes: PAYLOAD_MAX_BYTES + 1,
    });
  });

  it('reads any JSON value, nested objects included', () => {
    expect(decodeJson(bytes('{"Status":{"FriendlyName":["Plug"]}}'))).toEqual({
      kind: 'json',
      value: { Status: { FriendlyName: ['Plug'] } },
    });
    expect(decodeJson(bytes('{"a":'))).toEqual({ kind: 'invalid', reason: 'malformed JSON' });
    expect(decodeJson(bytes(''))).toEqual({ kind: 'invalid', reason: 'empty payload' });
  });
});

describe('small readers', () => {
  it.each([
    ['ON', 1],
    ['off', 0],
    [' true ', 1],
    [false, 0],
    ['online', null],
    ['constructor', null],
    [1, null],
  ])('readSwitchWord(%j) is %s', (raw, value) => {
    expect(readSwitchWord(raw)).toBe(value);
  });

  it('reads finite numbers from numbers and decimal strings only', () => {
    expect(toFiniteNumber(21.5)).toBe(21.5);
    expect(toFiniteNumber(' 21.5 ')).toBe(21.5);
    expect(toFiniteNumber('0x10')).toBeNull();
    expect(toFiniteNumber(Number.POSITIVE_INFINITY)).toBeNull();
    expect(toFiniteNumber(true)).toBeNull();
  });

  it('takes only plain objects as records', () => {
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
    expect(asRecord([1])).toBeNull();
    expect(asRecord(null)).toBeNull();
    expect(asRecord('x')).toBeNull();
  });
});
