import { describe, expect, it } from 'vitest';
import {
  checkBrokerUrl,
  defaultBrokerUrl,
  describeConnectionError,
  RECONNECT_MAX_MS,
  RECONNECT_STEP_MS,
  reconnectDelayMs,
} from './connectionStatus';

describe('reconnectDelayMs', () => {
  it('jitters the first attempt after a drop too, between half a second and a second', () => {
    expect(reconnectDelayMs(0, 0)).toBe(500);
    expect(reconnectDelayMs(1, 0)).toBe(500);
    expect(reconnectDelayMs(1, 0.5)).toBe(750);
    expect(reconnectDelayMs(1, 0.999999)).toBe(1000);
  });

  it('spreads the first two attempts of many tablets over their whole window, not one instant', () => {
    const delays = new Set<number>();
    for (let i = 0; i < 100; i++) delays.add(reconnectDelayMs(i % 2, i / 100));
    expect(delays.size).toBeGreaterThan(40);
    expect(Math.min(...delays)).toBe(500);
    expect(Math.max(...delays)).toBeGreaterThanOrEqual(990);
  });

  it('stays between half a second and 30 s for any attempt and any jitter', () => {
    for (let attempt = 0; attempt <= 100; attempt++) {
      for (const random of [0, 0.25, 0.5, 0.999999]) {
        const delay = reconnectDelayMs(attempt, random);
        expect(delay).toBeGreaterThanOrEqual(RECONNECT_STEP_MS / 2);
        expect(delay).toBeLessThanOrEqual(RECONNECT_MAX_MS);
      }
    }
  });

  it('doubles the step with each attempt', () => {
    const steps = [1, 2, 3, 4, 5].map((attempt) => reconnectDelayMs(attempt, 0.999999));
    expect(steps).toEqual([1000, 2000, 4000, 8000, 16_000]);
  });

  it('caps the step at 30 s', () => {
    expect(reconnectDelayMs(6, 0.999999)).toBe(30_000);
    expect(reconnectDelayMs(1000, 0.999999)).toBe(30_000);
  });

  it('jitters between half and all of the step', () => {
    expect(reconnectDelayMs(4, 0)).toBe(4000);
    expect(reconnectDelayMs(4, 0.5)).toBe(6000);
    expect(reconnectDelayMs(4, 0.999999)).toBe(8000);
    expect(reconnectDelayMs(20, 0)).toBe(15_000);
  });
});

describe('checkBrokerUrl', () => {
  it('accepts ws:// from an http page', () => {
    expect(checkBrokerUrl('ws://192.168.1.10:9001/mqtt', 'http:')).toEqual({
      ok: true,
      url: 'ws://192.168.1.10:9001/mqtt',
    });
  });

  it('accepts wss:// from an https page', () => {
    expect(checkBrokerUrl('wss://broker.example.org/mqtt', 'https:')).toEqual({
      ok: true,
      url: 'wss://broker.example.org/mqtt',
    });
  });

  it('ignores spaces around the URL', () => {
    expect(checkBrokerUrl('  ws://localhost:9001  ', 'http:')).toMatchObject({ ok: true });
  });

  it('rejects ws:// from an https page, saying to use wss://', () => {
    expect(checkBrokerUrl('ws://192.168.1.10:9001/mqtt', 'https:')).toEqual({
      ok: false,
      reason: 'an https page cannot open ws://, use wss://',
    });
  });

  it('rejects mqtt:// and mqtts://, which a browser cannot open', () => {
    expect(checkBrokerUrl('mqtt://192.168.1.10:1883', 'http:')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ws://'),
    });
    expect(checkBrokerUrl('mqtts://broker.example.org:8883', 'https:')).toMatchObject({ ok: false });
  });

  it('rejects other protocols', () => {
    expect(checkBrokerUrl('http://192.168.1.10:9001', 'http:')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a WebSocket URL'),
    });
  });

  it.each(['', 'broker', 'localhost:9001', 'ws//broker', '://'])('rejects the junk "%s"', (raw) => {
    expect(checkBrokerUrl(raw, 'http:')).toMatchObject({ ok: false });
  });
});

describe('defaultBrokerUrl', () => {
  it('uses ws:// and the page host for an http page', () => {
    expect(defaultBrokerUrl({ protocol: 'http:', host: 'hearth.local:8080' })).toBe(
      'ws://hearth.local:8080/mqtt',
    );
  });

  it('uses wss:// for an https page', () => {
    expect(defaultBrokerUrl({ protocol: 'https:', host: 'hearth.example.org' })).toBe(
      'wss://hearth.example.org/mqtt',
    );
  });
});

describe('describeConnectionError', () => {
  const url = 'ws://192.168.1.10:9001/mqtt';

  it.each([4, 5, 134, 135])('says "not authorized" for CONNACK code %s', (code) => {
    expect(describeConnectionError({ message: 'Connection refused', code }, url)).toMatch(/^not authorized/);
  });

  it('says "not authorized" when only the message says so', () => {
    expect(describeConnectionError({ message: 'Connection refused: Not authorized' }, url)).toMatch(
      /^not authorized/,
    );
  });

  it('says "connection refused" for ECONNREFUSED, naming the URL', () => {
    expect(describeConnectionError({ message: 'connect ECONNREFUSED 192.168.1.10:9001' }, url)).toBe(
      `connection refused by ${url}`,
    );
  });

  it('names a timeout', () => {
    expect(describeConnectionError({ message: 'connack timeout' }, url)).toBe(
      `no answer from ${url} in time`,
    );
  });

  it('names an unknown host', () => {
    expect(describeConnectionError({ message: 'getaddrinfo ENOTFOUND broker.lan' }, url)).toBe(
      `unknown host in ${url}`,
    );
  });

  it('explains a failure without details in words', () => {
    expect(describeConnectionError(null, url)).toContain(url);
    expect(describeConnectionError({}, url)).toContain('could not reach the broker');
  });
});
