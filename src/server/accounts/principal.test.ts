import { describe, expect, it } from 'vitest';
import {
  devicePrefixesProblemOf,
  isUnderAnyPrefix,
  isUnderPrefix,
  prefixesInWords,
  prefixFilterOf,
} from './principal.ts';

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

describe('isUnderAnyPrefix', () => {
  const TASMOTA = ['tele/plug1/', 'stat/plug1/', 'cmnd/plug1/'];

  it("takes a topic under any one of a Tasmota plug's three prefixes", () => {
    expect(
      ['tele/plug1/SENSOR', 'stat/plug1/POWER', 'cmnd/plug1/POWER'].map((t) => isUnderAnyPrefix(TASMOTA, t)),
    ).toEqual([true, true, true]);
  });

  it("does not take another plug's topics", () => {
    expect(['tele/plug2/SENSOR', 'cmnd/plug10/POWER'].map((t) => isUnderAnyPrefix(TASMOTA, t))).toEqual([
      false,
      false,
    ]);
  });

  it('does not take a filter that only the prefixes together would cover', () => {
    expect(isUnderAnyPrefix(TASMOTA, '+/plug1/POWER')).toBe(false);
  });

  it('takes nothing with no prefixes', () => {
    expect(isUnderAnyPrefix([], 'tele/plug1/SENSOR')).toBe(false);
  });
});

describe('devicePrefixesProblemOf', () => {
  it('is null for usable prefixes', () => {
    expect(devicePrefixesProblemOf(['zigbee2mqtt/', 'homeassistant'])).toBeNull();
  });

  it('says a device needs a prefix when it has none', () => {
    expect(devicePrefixesProblemOf([])).toBe('a device needs at least one topic prefix');
  });

  it('names the problem of the one bad prefix among good ones', () => {
    expect(devicePrefixesProblemOf(['tele/plug1/', '#'])).toBe('a device prefix cannot contain +, # or NUL');
  });
});

describe('prefixesInWords', () => {
  it('names one prefix alone', () => {
    expect(prefixesInWords(['kitchen/'], 'or')).toBe('"kitchen/"');
  });

  it('joins two or three with the word asked for', () => {
    expect(prefixesInWords(['zigbee2mqtt/', 'homeassistant/'], 'and')).toBe(
      '"zigbee2mqtt/" and "homeassistant/"',
    );
    expect(prefixesInWords(['tele/p/', 'stat/p/', 'cmnd/p/'], 'or')).toBe(
      '"tele/p/", "stat/p/" or "cmnd/p/"',
    );
  });

  it('names five and counts the rest', () => {
    const twenty = Array.from({ length: 20 }, (_, index) => `room${index}/`);
    expect(prefixesInWords(twenty, 'or')).toBe('"room0/", "room1/", "room2/", "room3/", "room4/" or 15 more');
  });
});
