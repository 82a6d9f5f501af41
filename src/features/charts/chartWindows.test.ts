import { describe, expect, it } from 'vitest';
import { ALL_FROM_SERVER_MS, CHART_WINDOWS, chartWindows, serverRange } from './chartWindows';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const DAY = 24 * 3600_000;

describe('chartWindows', () => {
  it("keeps a browser's windows, with their keys and labels, when no server keeps history", () => {
    expect(chartWindows(false).map((w) => [w.key, w.label])).toEqual([
      ['5m', '5 min'],
      ['1h', '1 h'],
      ['24h', '24 h'],
      ['7d', '7 d'],
      ['all', 'All'],
    ]);
  });

  it('adds 30 days and a year, in order of span, when a server keeps history', () => {
    expect(chartWindows(true).map((w) => w.label)).toEqual([
      '5 min',
      '1 h',
      '24 h',
      '7 d',
      '30 d',
      '1 y',
      'All',
    ]);
  });

  it('asks the server again for long windows only: the live points soon cover a short one', () => {
    const refreshed = CHART_WINDOWS.filter((w) => w.refreshMs !== null).map((w) => w.key);
    expect(refreshed).toEqual(['24h', '7d', '30d', '1y', 'all']);
  });
});

describe('serverRange', () => {
  it("ends now and spans the window, or for All the server's ten years", () => {
    const year = CHART_WINDOWS.find((w) => w.key === '1y');
    const all = CHART_WINDOWS.find((w) => w.key === 'all');
    if (year === undefined || all === undefined) throw new Error('windows missing');
    expect(serverRange(year, NOW)).toEqual({ fromMs: NOW - 365 * DAY, toMs: NOW });
    expect(serverRange(all, NOW)).toEqual({ fromMs: NOW - ALL_FROM_SERVER_MS, toMs: NOW });
  });
});
