import { describe, expect, it } from 'vitest';
import { formatPath, parseJsonPath, readPath } from './jsonPath';

describe('JSON paths', () => {
  it.each([
    ['$.data.value', ['data', 'value']],
    ['data.value', ['data', 'value']],
    ['$.values[0]', ['values', 0]],
    ["$['data']['value']", ['data', 'value']],
    ['$', []],
    ['', []],
  ])('parses %s', (text, steps) => {
    expect(parseJsonPath(text)).toEqual({ ok: true, steps });
  });

  it.each(['$.', 'a..b', '$.a[', '$.a[x]', '$.a b'])('refuses %s with a reason', (text) => {
    expect(parseJsonPath(text)).toMatchObject({ ok: false, reason: expect.any(String) });
  });

  it('needs a dot or a bracket first when the path is the tail of an expression', () => {
    expect(parseJsonPath('x', false)).toMatchObject({ ok: false });
    expect(parseJsonPath('.x', false)).toEqual({ ok: true, steps: ['x'] });
  });

  it('reads nested values and says what is missing', () => {
    const value = { data: { values: [3, 4] } };
    expect(readPath(value, ['data', 'values', 1])).toEqual({ ok: true, value: 4 });
    expect(readPath(value, ['data', 'value'])).toEqual({ ok: false, reason: 'no "value" in the payload' });
    expect(readPath(value, ['data', 'values', 5])).toEqual({
      ok: false,
      reason: 'no item [5] in the payload',
    });
    expect(readPath({}, ['__proto__'])).toMatchObject({ ok: false });
  });

  it('formats a path for messages', () => {
    expect(formatPath(['data', 'values', 0])).toBe('.data.values[0]');
  });
});
