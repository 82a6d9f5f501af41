import { describe, expect, it } from 'vitest';
import {
  checkFilter,
  checkPublishTopic,
  deviceOfObjectTopic,
  filterCovers,
  matchesFilter,
  normalizeFilters,
  placeTopic,
} from './topic';

describe('checkFilter', () => {
  it.each([
    'house/kitchen/temperature',
    '#',
    '+',
    'house/#',
    'house/+/temperature',
    '+/+/+',
    '$SYS/#',
    '/',
    'a//b',
  ])('accepts %s', (filter) => {
    expect(checkFilter(filter)).toEqual({ ok: true });
  });

  it('rejects an empty filter with a reason', () => {
    expect(checkFilter('')).toEqual({ ok: false, reason: 'a filter cannot be empty' });
  });

  it('rejects "#" that is not the last level', () => {
    const check = checkFilter('a/#/b');
    expect(check.ok).toBe(false);
    expect(check).toMatchObject({ reason: expect.stringContaining('"#" must be the whole last level') });
  });

  it('rejects "#" that shares its level with other characters', () => {
    expect(checkFilter('#a')).toMatchObject({ ok: false, reason: expect.stringContaining('"#"') });
    expect(checkFilter('house/kitchen#')).toMatchObject({ ok: false });
  });

  it('rejects "+" that shares its level with other characters', () => {
    expect(checkFilter('a+')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('"+" must fill a whole level'),
    });
    expect(checkFilter('house/+kitchen/temperature')).toMatchObject({ ok: false });
  });

  it('rejects a NUL character', () => {
    expect(checkFilter('house/\u0000')).toMatchObject({ ok: false, reason: expect.stringContaining('NUL') });
  });

  it('rejects a filter longer than MQTT allows', () => {
    expect(checkFilter('a'.repeat(65536))).toMatchObject({ ok: false });
  });
});

describe('checkPublishTopic', () => {
  it('accepts a plain topic', () => {
    expect(checkPublishTopic('house/lamp/set')).toEqual({ ok: true });
  });

  it('rejects an empty topic', () => {
    expect(checkPublishTopic('')).toMatchObject({ ok: false });
  });

  it('rejects wildcards, which are only for subscribing', () => {
    expect(checkPublishTopic('house/+/set')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('wildcards'),
    });
    expect(checkPublishTopic('house/#')).toMatchObject({ ok: false });
  });
});

describe('matchesFilter', () => {
  it('matches an exact topic and nothing else', () => {
    expect(matchesFilter('house/kitchen/temperature', 'house/kitchen/temperature')).toBe(true);
    expect(matchesFilter('house/kitchen/temperature', 'house/kitchen/humidity')).toBe(false);
    expect(matchesFilter('house/kitchen', 'house/kitchen/temperature')).toBe(false);
  });

  it('is case sensitive', () => {
    expect(matchesFilter('house/Kitchen', 'house/kitchen')).toBe(false);
  });

  it('matches "+" against exactly one level', () => {
    expect(matchesFilter('house/+/temperature', 'house/kitchen/temperature')).toBe(true);
    expect(matchesFilter('house/+/temperature', 'house/kitchen/sensor/temperature')).toBe(false);
    expect(matchesFilter('house/+', 'house')).toBe(false);
  });

  it('matches "#" against all remaining levels', () => {
    expect(matchesFilter('house/#', 'house/kitchen')).toBe(true);
    expect(matchesFilter('house/#', 'house/kitchen/sensor/temperature')).toBe(true);
    expect(matchesFilter('house/#', 'garden/pond')).toBe(false);
  });

  it('matches "#" against the parent level itself', () => {
    expect(matchesFilter('a/#', 'a')).toBe(true);
    expect(matchesFilter('house/kitchen/#', 'house/kitchen')).toBe(true);
  });

  it('matches "#" alone against every ordinary topic', () => {
    expect(matchesFilter('#', 'house')).toBe(true);
    expect(matchesFilter('#', 'house/kitchen/temperature')).toBe(true);
    expect(matchesFilter('#', '/')).toBe(true);
  });

  it('does not match $-topics with a filter that starts with "#"', () => {
    expect(matchesFilter('#', '$SYS/x')).toBe(false);
    expect(matchesFilter('#', '$SYS/broker/uptime')).toBe(false);
  });

  it('does not match $-topics with a filter that starts with "+"', () => {
    expect(matchesFilter('+/x', '$SYS/x')).toBe(false);
    expect(matchesFilter('+/#', '$SYS/x')).toBe(false);
    expect(matchesFilter('+', '$SYS')).toBe(false);
  });

  it('matches $-topics with a filter that names the $ level', () => {
    expect(matchesFilter('$SYS/#', '$SYS/x')).toBe(true);
    expect(matchesFilter('$SYS/+/uptime', '$SYS/broker/uptime')).toBe(true);
  });

  it('matches a $ further down the topic like any other character', () => {
    expect(matchesFilter('house/+', 'house/$price')).toBe(true);
  });

  it('treats an empty level in the middle as a real level', () => {
    expect(matchesFilter('a/+/b', 'a//b')).toBe(true);
    expect(matchesFilter('a/b', 'a//b')).toBe(false);
    expect(matchesFilter('a//b', 'a//b')).toBe(true);
  });

  it('treats a leading "/" as an empty first level', () => {
    expect(matchesFilter('+/a', '/a')).toBe(true);
    expect(matchesFilter('a', '/a')).toBe(false);
    expect(matchesFilter('/a', '/a')).toBe(true);
  });

  it('treats a trailing "/" as an empty last level', () => {
    expect(matchesFilter('a/+', 'a/')).toBe(true);
    expect(matchesFilter('a', 'a/')).toBe(false);
    expect(matchesFilter('a/#', 'a/')).toBe(true);
  });
});

describe('filterCovers', () => {
  it('says "house/#" covers "house/+/temperature"', () => {
    expect(filterCovers('house/#', 'house/+/temperature')).toBe(true);
  });

  it('says a narrow filter does not cover a wider one', () => {
    expect(filterCovers('house/+/temperature', 'house/#')).toBe(false);
  });

  it('says "house/#" covers "house", which it also matches', () => {
    expect(filterCovers('house/#', 'house')).toBe(true);
  });

  it('says "+" covers a concrete level but not "#"', () => {
    expect(filterCovers('house/+', 'house/kitchen')).toBe(true);
    expect(filterCovers('house/+', 'house/#')).toBe(false);
  });

  it('says a filter covers itself', () => {
    expect(filterCovers('house/+/temperature', 'house/+/temperature')).toBe(true);
  });

  it('says different branches do not cover each other', () => {
    expect(filterCovers('house/#', 'garden/#')).toBe(false);
    expect(filterCovers('house/+/temperature', 'house/+/humidity')).toBe(false);
  });

  it('says a leading wildcard does not cover $-topics', () => {
    expect(filterCovers('#', '$SYS/#')).toBe(false);
    expect(filterCovers('+/x', '$SYS/x')).toBe(false);
    expect(filterCovers('$SYS/#', '$SYS/broker/uptime')).toBe(true);
  });
});

describe('normalizeFilters', () => {
  it('drops a subscription covered by a wider one', () => {
    expect(normalizeFilters(['house/+/temperature', 'house/#'])).toEqual(['house/#']);
  });

  it('drops duplicates and blank entries, and trims spaces', () => {
    expect(normalizeFilters(['house/#', ' house/# ', '', '   '])).toEqual(['house/#']);
  });

  it('keeps filters that do not overlap, in their order', () => {
    expect(normalizeFilters(['house/#', 'garden/+/moisture'])).toEqual(['house/#', 'garden/+/moisture']);
  });

  it('keeps "$SYS/#" beside "#", since "#" does not deliver $-topics', () => {
    expect(normalizeFilters(['#', '$SYS/#', 'house/#'])).toEqual(['#', '$SYS/#']);
  });
});

describe('placeTopic', () => {
  it('reads house/<device>/<metric> as that device and metric', () => {
    expect(placeTopic('house/kitchen/temperature')).toEqual({
      kind: 'metric',
      device: 'kitchen',
      metric: 'temperature',
    });
  });

  it('takes the level before the metric as the device, whatever the prefix', () => {
    expect(placeTopic('site/b1/kitchen/temperature')).toEqual({
      kind: 'metric',
      device: 'kitchen',
      metric: 'temperature',
    });
  });

  it.each(['status', 'availability', 'LWT', 'lwt', 'state', 'State', 'STATUS', 'online'])(
    'reads a last level of %s as availability',
    (level) => {
      expect(placeTopic(`house/kitchen/${level}`)).toEqual({ kind: 'availability', device: 'kitchen' });
    },
  );

  it('names no device for a single-level topic', () => {
    expect(placeTopic('temperature')).toMatchObject({ kind: 'none' });
  });

  it('names no device when the device level is empty', () => {
    expect(placeTopic('house//temperature')).toMatchObject({
      kind: 'none',
      reason: 'the device level is empty',
    });
    expect(placeTopic('/temperature')).toMatchObject({ kind: 'none' });
  });

  it('names no metric when the last level is empty', () => {
    expect(placeTopic('house/kitchen/')).toMatchObject({ kind: 'none', reason: 'the metric level is empty' });
  });

  it('keeps hostile level names as plain strings', () => {
    expect(placeTopic('house/<img src=x onerror=alert(1)>/__proto__')).toEqual({
      kind: 'metric',
      device: '<img src=x onerror=alert(1)>',
      metric: '__proto__',
    });
  });
});

describe('deviceOfObjectTopic', () => {
  it('takes the last level of a two-level topic', () => {
    expect(deviceOfObjectTopic('house/kitchen')).toBe('kitchen');
  });

  it('takes the level before the last on a deeper topic', () => {
    expect(deviceOfObjectTopic('house/kitchen/sensors')).toBe('kitchen');
    expect(deviceOfObjectTopic('site/b1/kitchen/sensors')).toBe('kitchen');
  });

  it('names no device for a single level or an empty device level', () => {
    expect(deviceOfObjectTopic('kitchen')).toBeNull();
    expect(deviceOfObjectTopic('house/')).toBeNull();
    expect(deviceOfObjectTopic('house//sensors')).toBeNull();
  });
});
