import { describe, expect, it } from 'vitest';
import { isUnderPrefix, prefixFilterOf } from './principal.ts';

describe('prefixFilterOf', () => {
  it('makes a prefix with or without its closing slash the same level boundary', () => {
    expect(prefixFilterOf('kitchen/')).toEqual({ ok: true, filter: 'kitchen/#' });
    expect(prefixFilterOf('kitchen')).toEqual({ ok: true, filter: 'kitchen/#' });
  });

  it('refuses a prefix that names no level', () => {
    expect(prefixFilterOf('/').ok).toBe(false);
    expect(prefixFilterOf('').ok).toBe(false);
  });

  it('refuses a prefix with a wildcard, a $ start or an empty level', () => {
    expect(['+/', 'a/#', '$SYS/', 'a//b/'].map((p) => prefixFilterOf(p).ok)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('isUnderPrefix', () => {
  it('takes topics and filters under the prefix, and the prefix level itself (MQTT: a/# matches a)', () => {
    expect(
      ['kitchen/temp', 'kitchen/a/b', 'kitchen/+/set', 'kitchen'].map((t) => isUnderPrefix('kitchen/', t)),
    ).toEqual([true, true, true, true]);
  });

  it('does not take a neighbour whose name starts the same', () => {
    expect(isUnderPrefix('kitchen/', 'kitchen2/temp')).toBe(false);
  });

  it('does not take a filter that reaches beyond the prefix', () => {
    expect(['#', '+/temp', '+/#'].map((f) => isUnderPrefix('kitchen/', f))).toEqual([false, false, false]);
  });
});
