import { describe, expect, it } from 'vitest';
import { parseEventsQuery, parseHistoryQuery } from './apiQuery.ts';

const NOW = 1_767_225_600_000;
const DAY_MS = 24 * 3600_000;
const history = (query: string) => parseHistoryQuery(new URLSearchParams(query), NOW);
const events = (query: string) => parseEventsQuery(new URLSearchParams(query), NOW);

describe('parseHistoryQuery', () => {
  it('reads one series with its range and points', () => {
    expect(
      history('device=kitchen&convention=tasmota&metric=temperature&from=1000&to=2000&points=50'),
    ).toEqual({
      ok: true,
      value: {
        kind: 'series',
        device: 'kitchen',
        convention: 'tasmota',
        metric: 'temperature',
        from: 1000,
        to: 2000,
        points: 50,
      },
    });
  });

  it('asks for the last day at 500 points by default', () => {
    expect(history('device=kitchen&convention=generic&metric=temperature')).toMatchObject({
      value: { from: NOW - DAY_MS, to: NOW, points: 500 },
    });
    expect(history('device=k&convention=generic&metric=t&to=5000000000')).toMatchObject({
      value: { from: 5_000_000_000 - DAY_MS, to: 5_000_000_000 },
    });
  });

  it('keeps a native metric name with dots, spaces and non-Latin letters as it is', () => {
    const query = `device=${encodeURIComponent('Küche Sensor')}&convention=zigbee2mqtt&metric=${encodeURIComponent('DS18B20-2.Temperature')}`;
    expect(history(query)).toMatchObject({
      value: { device: 'Küche Sensor', metric: 'DS18B20-2.Temperature' },
    });
  });

  it('reads every series of a quantity', () => {
    expect(history('quantity=humidity&points=200')).toEqual({
      ok: true,
      value: { kind: 'quantity', quantity: 'humidity', from: NOW - DAY_MS, to: NOW, points: 200 },
    });
  });

  it.each([
    ['', 'Give device, convention and metric (one series), or quantity (all of its series).'],
    ['quantity=temperature&device=k', 'Give either quantity, or device, convention and metric, not both.'],
    ['quantity=mood', "quantity 'mood' is not a quantity Hearth knows."],
    ['convention=generic&metric=t', 'device is missing.'],
    ['device=&convention=generic&metric=t', 'device is missing.'],
    [`device=${'x'.repeat(257)}&convention=generic&metric=t`, 'device is longer than 256 characters.'],
    ['device=a%00b&convention=generic&metric=t', 'device contains a control character.'],
    ['device=k&convention=generic&metric=a%0Ab', 'metric contains a control character.'],
    ['device=k&metric=t', 'convention is missing (generic, tasmota, zigbee2mqtt…).'],
    [
      'device=k&convention=zwave&metric=t',
      "convention must be one of generic, homeassistant, homie, tasmota, zigbee2mqtt, shelly, homeseer, custom (got 'zwave').",
    ],
    ['device=k&convention=generic', 'metric is missing.'],
    [
      'device=k&convention=generic&metric=t&from=yesterday',
      "from must be a time in epoch milliseconds, like 1767225600000 (got 'yesterday').",
    ],
    [
      'device=k&convention=generic&metric=t&to=-5',
      "to must be a time in epoch milliseconds, like 1767225600000 (got '-5').",
    ],
    [
      'device=k&convention=generic&metric=t&to=1.5e12',
      "to must be a time in epoch milliseconds, like 1767225600000 (got '1.5e12').",
    ],
    ['device=k&convention=generic&metric=t&from=2000&to=2000', 'from (2000) must be before to (2000).'],
    [
      'device=k&convention=generic&metric=t&from=0&to=400000000000',
      'The range from..to is longer than 10 years.',
    ],
    [
      'device=k&convention=generic&metric=t&points=0',
      "points must be a whole number from 1 to 5000 (got '0').",
    ],
    [
      'device=k&convention=generic&metric=t&points=5001',
      "points must be a whole number from 1 to 5000 (got '5001').",
    ],
    [
      'device=k&convention=generic&metric=t&points=12.5',
      "points must be a whole number from 1 to 5000 (got '12.5').",
    ],
  ])('refuses %j: %s', (query, reason) => {
    expect(history(query)).toEqual({ ok: false, reason });
  });

  it('echoes a long bad value clipped and without control characters', () => {
    const result = history(`quantity=${'a'.repeat(100)}%1b[31m`);
    expect(result).toEqual({
      ok: false,
      reason: `quantity '${'a'.repeat(40)}…' is not a quantity Hearth knows.`,
    });
  });
});

describe('parseEventsQuery', () => {
  it('reads the last day of every device, 500 at most, by default', () => {
    expect(events('')).toEqual({
      ok: true,
      value: { from: NOW - DAY_MS, to: NOW, limit: 500, device: null },
    });
  });

  it('reads one device and a limit', () => {
    expect(events('from=1&to=2&device=plug&convention=shelly&limit=1000')).toEqual({
      ok: true,
      value: { from: 1, to: 2, limit: 1000, device: { id: 'plug', convention: 'shelly' } },
    });
  });

  it.each([
    ['limit=1001', "limit must be a whole number from 1 to 1000 (got '1001')."],
    ['device=plug', 'convention is missing (generic, tasmota, zigbee2mqtt…).'],
    ['convention=shelly', 'device is missing.'],
    ['from=10&to=5', 'from (10) must be before to (5).'],
  ])('refuses %j: %s', (query, reason) => {
    expect(events(query)).toEqual({ ok: false, reason });
  });
});
