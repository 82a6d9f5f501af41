import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv(['device', 'value'], [['kitchen', 21.5]])).toBe('device,value\r\nkitchen,21.5\r\n');
  });
  it('quotes commas, quotes and line breaks', () => {
    expect(toCsv(['d'], [['a,"b"\nc']])).toBe('d\r\n"a,""b""\nc"\r\n');
  });
  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv(['d'], [['=HYPERLINK("x")'], ['@SUM(A1)'], ['-2+3']])).toBe(
      'd\r\n"\'=HYPERLINK(""x"")"\r\n\'@SUM(A1)\r\n\'-2+3\r\n',
    );
  });
  it('leaves non-finite numbers empty', () => {
    expect(toCsv(['v'], [[Number.NaN]])).toBe('v\r\n\r\n');
  });
});
