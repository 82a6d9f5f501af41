import { describe, expect, it } from 'vitest';
import { csvFileName } from './csvFileName';

const AT = Date.UTC(2025, 0, 31, 14, 5, 30);

describe('csvFileName', () => {
  it('names an export of every device by its window and minute', () => {
    expect(csvFileName({ filter: '', windowKey: '5m', atMs: AT })).toBe('hearth-all-5m-2025-01-31T1405.csv');
    expect(csvFileName({ filter: '   ', windowKey: '24h', atMs: AT })).toBe(
      'hearth-all-24h-2025-01-31T1405.csv',
    );
  });

  it('names a filtered export by the filter, spaces as dashes', () => {
    expect(csvFileName({ filter: 'Living room', windowKey: '1h', atMs: AT })).toBe(
      'hearth-Living-room-1h-2025-01-31T1405.csv',
    );
  });

  it('keeps letters of any script, accents included', () => {
    expect(csvFileName({ filter: 'Küche', windowKey: '1h', atMs: AT })).toBe(
      'hearth-Küche-1h-2025-01-31T1405.csv',
    );
    expect(csvFileName({ filter: 'Cafe\u0301', windowKey: '1h', atMs: AT })).toBe(
      'hearth-Cafe\u0301-1h-2025-01-31T1405.csv',
    );
  });

  it('leaves no path, control or bidirectional character in the name', () => {
    const name = csvFileName({
      filter: '../../etc/passwd\u0000\r\n\u202Egpj.exe',
      windowKey: '5m',
      atMs: AT,
    });
    expect(name).toBe('hearth-etc-passwd-gpj.exe-5m-2025-01-31T1405.csv');
    expect(name).not.toMatch(/[/\\]/);
    expect(name).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });

  it('cuts a filter pasted from a 60,000-character device name to 40 characters', () => {
    const name = csvFileName({ filter: 'Living room sensor '.repeat(3200), windowKey: '7d', atMs: AT });
    expect(name).toBe('hearth-Living-room-sensor-Living-room-sensor-Li-7d-2025-01-31T1405.csv');
    expect(name.length).toBeLessThan(80);
  });

  it('calls a filter of nothing but punctuation "filtered"', () => {
    expect(csvFileName({ filter: '/// ...', windowKey: 'all', atMs: AT })).toBe(
      'hearth-filtered-all-2025-01-31T1405.csv',
    );
  });
});
