import { describe, expect, it } from 'vitest';
import type { ApiDevice, ApiEvent, ApiReading } from './historyApi';
import {
  API_DEVICES_MAX,
  API_TEXT_MAX_CHARS,
  parseDevicesResponse,
  parseEventsResponse,
} from './historyApiParse';

const reading = (over: Partial<Record<keyof ApiReading, unknown>> = {}) => ({
  metric: 'temperature',
  handle: 'temperature',
  label: null,
  quantity: 'temperature',
  value: 21.5,
  unit: '°C',
  sourceUnit: '°C',
  precision: null,
  diagnostic: false,
  source: null,
  at: 1_700_000_000_000,
  receivedAt: 1_700_000_000_050,
  topic: 'house/kitchen/temperature',
  ...over,
});

const device = (over: Partial<Record<keyof ApiDevice, unknown>> = {}) => ({
  key: 'generic/kitchen',
  id: 'kitchen',
  convention: 'generic',
  name: 'Kitchen',
  status: 'online',
  availability: true,
  lastSeenAt: 1_700_000_000_050,
  topics: ['house/kitchen/temperature'],
  readings: [reading()],
  ...over,
});

const answer = (devices: unknown[], over: Record<string, unknown> = {}) => ({
  now: 1_700_000_001_000,
  broker: null,
  devices,
  ...over,
});

/** Parses as JSON would arrive: through text, so `__proto__` is an own key as on the wire. */
const fromWire = (text: string) => parseDevicesResponse(JSON.parse(text));

describe('parseDevicesResponse', () => {
  it('takes a well-formed answer whole, with nothing dropped', () => {
    const parsed = parseDevicesResponse(answer([device()]));
    expect(parsed).toEqual({ ok: true, value: answer([device()]), dropped: 0 });
  });

  it('refuses what is not an answer at all, without throwing', () => {
    for (const json of [
      null,
      42,
      'html',
      [],
      { devices: 'x', now: 1 },
      { devices: [] },
      { now: Number.NaN, devices: [] },
    ]) {
      const parsed = parseDevicesResponse(json);
      expect(parsed.ok).toBe(false);
    }
  });

  it('drops and counts devices with a missing id, an unknown convention or the wrong types', () => {
    const parsed = parseDevicesResponse(
      answer([
        device(),
        device({ id: 42 }),
        device({ id: '' }),
        device({ convention: 'zwave' }),
        device({ convention: ['generic'] }),
        'kitchen',
        null,
        [device()],
      ]),
    );
    expect(parsed.ok && parsed.value.devices.map((d) => d.key)).toEqual(['generic/kitchen']);
    expect(parsed.ok && parsed.dropped).toBe(7);
  });

  it('drops readings with NaN, Infinity, a string value, a negative time or no unit, and keeps the device', () => {
    // NaN and Infinity cannot be JSON, but a parser may be handed objects built otherwise.
    const bad = [
      reading({ value: Number.NaN }),
      reading({ value: Number.POSITIVE_INFINITY }),
      reading({ value: '21.5' }),
      reading({ at: -1 }),
      reading({ receivedAt: null }),
      reading({ unit: undefined }),
      reading({ handle: '' }),
      reading({ metric: { toString: 'temperature' } }),
    ];
    const parsed = parseDevicesResponse(
      answer([
        device({
          readings: [...bad, reading({ metric: 'humidity', handle: 'humidity', value: 40, unit: '%' })],
        }),
      ]),
    );
    expect(parsed.ok && parsed.value.devices[0]?.readings.map((r) => r.metric)).toEqual(['humidity']);
    expect(parsed.ok && parsed.dropped).toBe(bad.length);
  });

  it('reads optional fields of the wrong type as absent', () => {
    const parsed = parseDevicesResponse(
      answer([
        device({
          name: { first: 'Kitchen' },
          status: 'exploded',
          availability: 'yes',
          lastSeenAt: 'yesterday',
          readings: [reading({ quantity: 'flux-capacitance', precision: 99, diagnostic: 'true', label: 7 })],
        }),
      ]),
    );
    expect(parsed.ok).toBe(true);
    const [kitchen] = parsed.ok ? parsed.value.devices : [];
    expect(kitchen).toMatchObject({ name: null, status: 'unknown', availability: null, lastSeenAt: 0 });
    expect(kitchen?.readings[0]).toMatchObject({
      quantity: null,
      precision: null,
      diagnostic: false,
      label: null,
    });
  });

  it('keeps that a battery runs on external power, and reads anything but a boolean there as unsaid', () => {
    const parsed = parseDevicesResponse(
      answer([
        device({
          readings: [
            reading({
              metric: 'battery',
              handle: 'battery',
              quantity: 'battery',
              value: 0,
              unit: '%',
              externalPower: true,
            }),
            reading({
              metric: 'b2',
              handle: 'battery_2',
              quantity: 'battery',
              value: 0,
              unit: '%',
              externalPower: 'yes',
            }),
          ],
        }),
      ]),
    );
    const [usb, unsaid] = parsed.ok ? (parsed.value.devices[0]?.readings ?? []) : [];
    expect(usb?.externalPower).toBe(true);
    expect(unsaid).not.toHaveProperty('externalPower');
  });

  it('keeps where a device says it is, trimmed, and nothing of a place it cannot trust', () => {
    const parsed = parseDevicesResponse(
      answer([
        device({ place: { room: ' Kitchen ', floor: 'Ground floor', source: 'announced' } }),
        device({ id: 'hall', place: { room: 'Hall', source: 'topic', floor: 7 } }),
        device({ id: 'attic', place: { room: 'Attic\u001b[2J', source: 'announced' } }),
        device({ id: 'cellar', place: { room: 'x'.repeat(10_240), source: 'announced' } }),
        device({ id: 'garage', place: { room: 'Garage', source: 'guessed' } }),
        device({ id: 'porch', place: 'Porch' }),
      ]),
    );
    const places = parsed.ok ? parsed.value.devices.map((d) => [d.id, d.place]) : [];
    expect(places).toEqual([
      ['kitchen', { room: 'Kitchen', floor: 'Ground floor', source: 'announced' }],
      ['hall', { room: 'Hall', source: 'topic' }],
      ['attic', undefined],
      ['cellar', undefined],
      ['garage', undefined],
      ['porch', undefined],
    ]);
    expect(parsed.ok && parsed.dropped).toBe(0);
  });

  it('drops names and ids past the text limit instead of carrying megabytes into the page', () => {
    const huge = 'x'.repeat(API_TEXT_MAX_CHARS + 1);
    const parsed = parseDevicesResponse(answer([device({ id: huge }), device({ id: 'hall', name: huge })]));
    expect(parsed.ok && parsed.value.devices.map((d) => [d.id, d.name])).toEqual([['hall', null]]);
    expect(parsed.ok && parsed.dropped).toBe(1);
  });

  it('keeps a 60,000-character name whole: it is long, not hostile', () => {
    const long = 'Kitchen '.repeat(7500);
    const parsed = parseDevicesResponse(answer([device({ name: long })]));
    expect(parsed.ok && parsed.value.devices[0]?.name).toBe(long);
  });

  it('rebuilds the device key from convention and native id, and keeps the first of two devices with one key', () => {
    const parsed = parseDevicesResponse(
      answer([
        device({ key: 'tasmota/somewhere-else' }),
        device({ key: 'generic/kitchen', name: 'Second' }),
        device({ id: 'a/b', key: 'nonsense' }),
      ]),
    );
    expect(parsed.ok && parsed.value.devices.map((d) => [d.key, d.name])).toEqual([
      ['generic/kitchen', 'Kitchen'],
      ['generic/a/b', 'Kitchen'],
    ]);
    expect(parsed.ok && parsed.dropped).toBe(1);
  });

  it('ignores prototype keys: they neither pollute objects nor stand in for fields', () => {
    const parsed = fromWire(
      JSON.stringify({
        now: 1,
        devices: [
          { ...device(), __proto__: { polluted: true } },
          { __proto__: device() },
          { ...device({ id: 'constructor' }), constructor: { prototype: { polluted: true } } },
        ],
        __proto__: { broker: 'ws://evil.example/mqtt' },
      }),
    );
    expect(parsed.ok && parsed.value.devices.map((d) => d.id)).toEqual(['kitchen', 'constructor']);
    expect(parsed.ok && parsed.value.broker).toBe(null);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives nested junk where lists and objects belong', () => {
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i++) deep = [deep, { deep }];
    const parsed = parseDevicesResponse(
      answer([device({ readings: deep }), device({ id: 'hall', readings: { 0: reading() } })]),
    );
    expect(parsed.ok && parsed.value.devices.map((d) => [d.id, d.readings.length])).toEqual([
      ['kitchen', 0],
      ['hall', 0],
    ]);
  });

  it('keeps the announced broker only when it is a WebSocket URL', () => {
    const broker = (value: unknown) => {
      const parsed = parseDevicesResponse(answer([], { broker: value }));
      return parsed.ok ? parsed.value.broker : 'refused';
    };
    expect(broker('wss://house.example:8884/mqtt')).toBe('wss://house.example:8884/mqtt');
    expect(broker('javascript:alert(1)')).toBe(null);
    expect(broker('mqtt://house.example')).toBe(null);
    expect(broker('not a url')).toBe(null);
    expect(broker(42)).toBe(null);
  });

  it('reads 10,000 devices quickly and stops at the device limit', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      device({
        id: `sensor-${i}`,
        readings: [reading(), reading({ metric: 'humidity', handle: 'humidity', unit: '%' })],
      }),
    );
    const started = performance.now();
    const parsed = parseDevicesResponse(answer(many));
    const elapsed = performance.now() - started;
    expect(parsed.ok && parsed.value.devices.length).toBe(10_000);
    expect(elapsed).toBeLessThan(1000);

    const tooMany = Array.from({ length: API_DEVICES_MAX + 5 }, (_, i) =>
      device({ id: `d${i}`, readings: [] }),
    );
    const capped = parseDevicesResponse(answer(tooMany));
    expect(capped.ok && [capped.value.devices.length, capped.dropped]).toEqual([API_DEVICES_MAX, 5]);
  });
});

const event = (over: Partial<Record<keyof ApiEvent, unknown>> = {}) => ({
  at: 1_700_000_000_000,
  kind: 'offline',
  device: 'generic/kitchen',
  name: 'Kitchen',
  metric: null,
  value: null,
  text: 'Kitchen went offline',
  until: null,
  ...over,
});

describe('parseEventsResponse', () => {
  it('takes a well-formed answer whole', () => {
    const json = { from: 1, to: 2, events: [event()], truncated: true };
    expect(parseEventsResponse(json)).toEqual({ ok: true, value: json, dropped: 0 });
  });

  it('drops events of an unknown kind or a bad time, and counts them', () => {
    const parsed = parseEventsResponse({
      from: 1,
      to: 2,
      events: [
        event(),
        event({ kind: 'explosion' }),
        event({ at: 'now' }),
        event({ at: Number.NaN }),
        7,
        null,
      ],
      truncated: false,
    });
    expect(parsed.ok && parsed.value.events.length).toBe(1);
    expect(parsed.ok && parsed.dropped).toBe(5);
  });

  it('reads a device that is not a key, and text of the wrong type, as none', () => {
    const parsed = parseEventsResponse({
      events: [
        event({ device: 'kitchen' }),
        event({ device: 'zwave/kitchen' }),
        event({ text: ['<b>x</b>'], value: 'on' }),
      ],
    });
    expect(parsed.ok && parsed.value.events.map((e) => [e.device, e.text, e.value])).toEqual([
      [null, 'Kitchen went offline', null],
      [null, 'Kitchen went offline', null],
      ['generic/kitchen', '', null],
    ]);
  });

  it('refuses an answer with no list of events', () => {
    expect(parseEventsResponse({ error: 'the recorder is off' }).ok).toBe(false);
    expect(parseEventsResponse('<!doctype html>').ok).toBe(false);
  });
});
