import { describe, expect, it } from 'vitest';
import {
  type CompiledPattern,
  type CustomPattern,
  compilePattern,
  interpretCustom,
  matchPattern,
  previewPattern,
} from './customPattern';
import { CUSTOM } from './fixtures/generic';
import { inbound } from './fixtures/message';

function compiled(source: CustomPattern): CompiledPattern {
  const check = compilePattern(source);
  if (!check.ok) throw new Error(check.reason);
  return check.pattern;
}

describe('custom patterns: checking', () => {
  it.each([
    ['', 'the pattern is empty'],
    ['site/sensors/{metric}', 'the pattern needs exactly one {device} level'],
    ['site/{device}/{device}', 'the pattern needs exactly one {device} level'],
    ['site/{device}/{metric}/{metric}', 'the pattern can have one {metric} level at most'],
    ['site/#/{device}', '"#" can only be the last level'],
    ['site/dev-{device}/x', '"dev-{device}": {device}, {metric}, + and # must fill a whole level'],
  ])('refuses "%s": %s', (pattern, reason) => {
    expect(compilePattern({ pattern })).toEqual({ ok: false, reason });
  });

  it('refuses a JSON path it cannot read', () => {
    expect(compilePattern({ pattern: 'site/{device}', valuePath: '$.a[' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('JSON path'),
    });
  });
});

describe('custom patterns: matching', () => {
  const pattern = compiled({ pattern: 'site/{device}/sensors/{metric}' });

  it('names device and metric of a matching topic', () => {
    expect(matchPattern(pattern, 'site/b1/sensors/co2')).toEqual({
      matches: true,
      device: 'b1',
      metric: 'co2',
    });
  });

  it.each([
    ['site/b1/meters/co2', 'level 3 is "meters", the pattern wants "sensors"'],
    ['site/b1/sensors', 'the topic has 3 levels, too few'],
    ['site/b1/sensors/co2/raw', 'the topic has 5 levels, the pattern 4'],
    ['site//sensors/co2', 'level 2 (the device) is empty'],
  ])('says why %s does not match', (topic, reason) => {
    expect(matchPattern(pattern, topic)).toEqual({ matches: false, reason });
  });

  it('takes + as any level and a last # as any rest', () => {
    const wide = compiled({ pattern: '+/{device}/#' });
    expect(matchPattern(wide, 'a/b/c/d')).toEqual({ matches: true, device: 'b', metric: null });
    expect(matchPattern(wide, 'a/b')).toEqual({ matches: true, device: 'b', metric: null });
  });

  it('previews a pattern against recent topics, for settings', () => {
    const topics = ['site/b1/sensors/co2', 'site/b2/sensors/temperature', 'house/kitchen/temperature'];
    expect(previewPattern({ pattern: 'site/{device}/sensors/{metric}' }, topics)).toEqual({
      problem: null,
      matches: [
        { topic: 'site/b1/sensors/co2', device: 'b1', metric: 'co2' },
        { topic: 'site/b2/sensors/temperature', device: 'b2', metric: 'temperature' },
      ],
      misses: 1,
    });
    expect(previewPattern({ pattern: 'site/x' }, topics)).toMatchObject({
      problem: expect.any(String),
      misses: 3,
    });
  });
});

describe('custom patterns: reading', () => {
  it('reads the value at a JSON path ($.data.value) as the metric of the device', () => {
    const patterns = [compiled({ pattern: 'site/{device}/sensors/{metric}', valuePath: '$.data.value' })];
    expect(interpretCustom(patterns, inbound(CUSTOM.co2))).toEqual({
      kind: 'readings',
      device: 'b1',
      readings: [{ metric: 'co2', value: 612, unit: null }],
      sampleAt: null,
      convention: 'custom',
    });
  });

  it('accepts the path without $ and uses the unit of the pattern', () => {
    const patterns = [
      compiled({ pattern: 'site/{device}/sensors/{metric}', valuePath: 'data.value', unit: '°C' }),
    ];
    expect(interpretCustom(patterns, inbound(CUSTOM.temperature))).toMatchObject({
      readings: [{ metric: 'temperature', value: 22.75, unit: '°C' }],
    });
  });

  it('says when the path finds nothing', () => {
    const patterns = [compiled({ pattern: 'site/{device}/sensors/{metric}', valuePath: '$.reading' })];
    expect(interpretCustom(patterns, inbound(CUSTOM.co2))).toMatchObject({
      kind: 'invalid',
      device: 'b1',
      reason: 'no "reading" in the payload (JSON path $.reading)',
    });
  });

  it('asks for a JSON path when the metric level meets a JSON object', () => {
    const patterns = [compiled({ pattern: 'site/{device}/sensors/{metric}' })];
    expect(interpretCustom(patterns, inbound(CUSTOM.co2))).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('set a JSON path'),
    });
  });

  it('reads each number of an object when the pattern has no metric level', () => {
    const patterns = [compiled({ pattern: 'plant/{device}' })];
    expect(
      interpretCustom(patterns, inbound({ topic: 'plant/boiler', payload: '{"flow":61.5,"return":44}' })),
    ).toMatchObject({
      device: 'boiler',
      readings: [
        { metric: 'flow', value: 61.5 },
        { metric: 'return', value: 44 },
      ],
    });
  });

  it('labels devices of a HomeSeer pattern as HomeSeer, placing readings by HomeSeer names', () => {
    const patterns = [compiled({ pattern: 'hs/{device}/{metric}', convention: 'homeseer' })];
    expect(interpretCustom(patterns, inbound({ topic: 'hs/Kitchen/Light', payload: '99' }))).toMatchObject({
      device: 'Kitchen',
      convention: 'homeseer',
      readings: [{ metric: 'Light', value: 99, quantity: 'switch' }],
    });
    expect(
      interpretCustom(patterns, inbound({ topic: 'hs/Kitchen/Luminance', payload: '310' })),
    ).toMatchObject({
      readings: [{ quantity: 'illuminance' }],
    });
  });

  it('leaves the quantity of a custom reading to its name and unit', () => {
    const patterns = [compiled({ pattern: 'site/{device}/sensors/{metric}', valuePath: '$.data.value' })];
    const meaning = interpretCustom(patterns, inbound(CUSTOM.co2));
    expect(meaning).toMatchObject({ convention: 'custom', readings: [{ metric: 'co2', value: 612 }] });
    expect(meaning?.kind === 'readings' && 'quantity' in (meaning.readings[0] ?? {})).toBe(false);
  });

  it('reads an ON/OFF word as a state, never as the measurement its name may also mean', () => {
    const patterns = [compiled({ pattern: 'site/{device}/{metric}' })];
    expect(interpretCustom(patterns, inbound({ topic: 'site/hall/light', payload: 'ON' }))).toMatchObject({
      readings: [{ metric: 'light', value: 1, quantity: 'switch' }],
    });
    expect(interpretCustom(patterns, inbound({ topic: 'site/hall/door', payload: 'OFF' }))).toMatchObject({
      readings: [{ metric: 'door', value: 0, quantity: 'contact' }],
    });
  });

  it('returns null when no pattern matches', () => {
    expect(interpretCustom([compiled({ pattern: 'site/{device}' })], inbound(CUSTOM.co2))).toBeNull();
  });
});
