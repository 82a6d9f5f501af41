import { describe, expect, it } from 'vitest';
import { boxWidthStyle, grownWidthCh, numberWidthCh } from './valueBox';

describe('numberWidthCh', () => {
  it('counts tabular digits as one ch each', () => {
    expect(numberWidthCh('0')).toBe(1);
    expect(numberWidthCh('1234')).toBe(4);
  });

  it('counts a point and a minus wider than common fonts draw them, rounded up to a quarter', () => {
    expect(numberWidthCh('21.5')).toBe(3.75); // 3 + 0.6 → 3.75
    expect(numberWidthCh('-3.25')).toBe(4.5); // 0.7 + 3 + 0.6 = 4.3 → 4.5
    expect(numberWidthCh('-0')).toBe(1.75);
  });

  it('is never narrower than the digits alone', () => {
    for (const text of ['1.0', '-12.345', '99999.9', '-0.001']) {
      const digits = [...text].filter((c) => c >= '0' && c <= '9').length;
      expect(numberWidthCh(text)).toBeGreaterThan(digits);
    }
  });

  it('leaves anything but a plain number to ordinary layout', () => {
    for (const text of ['', 'NaN', 'Infinity', '-Infinity', '1e+21', '1,234', 'on', '12 %', '٣']) {
      expect(numberWidthCh(text)).toBeNull();
    }
    expect(numberWidthCh('1'.repeat(25))).toBeNull();
    expect(numberWidthCh('1'.repeat(24))).toBe(24);
  });
});

describe('grownWidthCh', () => {
  it('grows with a longer number and keeps its width for a shorter one', () => {
    let widest = 0;
    const widths: (number | null)[] = [];
    for (const text of ['7', '100', '7', '-12.5', '3']) {
      const width = grownWidthCh(text, widest);
      widths.push(width);
      if (width !== null) widest = width;
    }
    expect(widths).toEqual([1, 3, 3, 4.5, 4.5]);
  });

  it('leaves a word to ordinary text, and the width before it is kept for the next number', () => {
    expect(grownWidthCh('open', 3)).toBeNull();
    expect(grownWidthCh('5', 3)).toBe(3);
  });
});

describe('boxWidthStyle', () => {
  it('is a width in ch for a number and empty otherwise', () => {
    expect(boxWidthStyle(grownWidthCh('21.5', 0))).toBe('3.75ch');
    expect(boxWidthStyle(null)).toBe('');
  });
});
