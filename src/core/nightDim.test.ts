import { describe, expect, it } from 'vitest';
import { clockMinutes, isDark, isWithinSpan } from './nightDim';

describe('clockMinutes', () => {
  it('reads HH:MM as minutes since midnight', () => {
    expect(clockMinutes('06:30')).toBe(390);
    expect(clockMinutes('23:59')).toBe(1439);
  });
  it('refuses what is not a clock time', () => {
    expect(clockMinutes('24:00')).toBeNull();
    expect(clockMinutes('7pm')).toBeNull();
  });
});

describe('isWithinSpan', () => {
  it('handles a night that crosses midnight', () => {
    const from = 22 * 60;
    const to = 6 * 60 + 30;
    expect(isWithinSpan(23 * 60, from, to)).toBe(true);
    expect(isWithinSpan(3 * 60, from, to)).toBe(true);
    expect(isWithinSpan(12 * 60, from, to)).toBe(false);
    expect(isWithinSpan(to, from, to)).toBe(false);
  });
  it('handles a span within one day', () => {
    expect(isWithinSpan(13 * 60, 12 * 60, 14 * 60)).toBe(true);
    expect(isWithinSpan(15 * 60, 12 * 60, 14 * 60)).toBe(false);
  });
  it('never dims for an empty span', () => {
    expect(isWithinSpan(600, 600, 600)).toBe(false);
  });
});

describe('isDark', () => {
  it('turns dark below the threshold and light only clearly above it', () => {
    expect(isDark(4, 5, false)).toBe(true);
    expect(isDark(6, 5, true)).toBe(true);
    expect(isDark(9, 5, true)).toBe(false);
    expect(isDark(5, 5, false)).toBe(false);
  });
  it('keeps its state for a reading that is not a number', () => {
    expect(isDark(Number.NaN, 5, true)).toBe(true);
  });
});
