import { describe, expect, it } from 'vitest';
import { namesBelow } from './legendOverflow';

/** Rows of 16 px with 2 px gaps, two names a row, as a phone wraps a legend. */
const rows = (names: number) =>
  Array.from({ length: names }, (_, i) => ({ top: Math.floor(i / 2) * 18, height: 16 }));

describe('namesBelow', () => {
  it('counts the names past the seventh row of a legend of 28 names shown seven rows high', () => {
    expect(namesBelow(rows(28), 7 * 18 - 2)).toBe(14);
  });

  it('counts fewer as the list scrolls, none at its end', () => {
    expect(namesBelow(rows(28), 7 * 18 - 2 + 36)).toBe(10);
    expect(namesBelow(rows(28), 14 * 18 - 2)).toBe(0);
  });

  it('counts none when every name fits, a row ending on the edge included', () => {
    expect(namesBelow(rows(6), 3 * 18 - 2)).toBe(0);
    expect(namesBelow([{ top: 0, height: 16.4 }], 16)).toBe(0);
    expect(namesBelow([], 0)).toBe(0);
  });
});
