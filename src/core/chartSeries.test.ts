import { describe, expect, it } from 'vitest';
import { breakAtOutages, buildChartSeries, filterDeviceIds } from './chartSeries';
import type { Device, Fleet } from './device';
import { METRIC_DEFAULTS } from './fixtures/devices';
import { createRing, pushSample } from './ringBuffer';
import { addToRollups, createSeriesRollups, MINUTE_MS } from './rollup';
import { seriesKey } from './snapshot';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

function fleetOf(samples: Record<string, Array<[number, number]>>): Fleet {
  const devices = new Map<string, Device>();
  for (const [id, list] of Object.entries(samples)) {
    const history = createRing(4096);
    for (const [t, v] of list) pushSample(history, t, v);
    devices.set(id, {
      id,
      nativeId: id,
      convention: 'generic',
      metrics: new Map([
        [
          'temperature',
          {
            ...METRIC_DEFAULTS,
            handle: 'temperature',
            name: 'temperature',
            value: 0,
            unit: '°C',
            receivedAt: NOW,
            sampleAt: NOW,
            retained: false,
            history,
          },
        ],
      ]),
      availability: null,
      availabilityAt: 0,
      lastSeenAt: NOW,
      liveSeen: true,
      invalidCount: 0,
      oversizeCount: 0,
      lastProblem: null,
      status: 'online',
    });
  }
  return { devices, ids: [...devices.keys()], unmappedCount: 0, overLimitCount: 0 };
}

describe('buildChartSeries', () => {
  it('starts the axis at the oldest sample inside the window', () => {
    const fleet = fleetOf({
      kitchen: [
        [NOW - 10_000, 20],
        [NOW - 5000, 21],
      ],
    });
    const { fromMs, series } = buildChartSeries(fleet, ['kitchen'], ['temperature'], {
      fromMs: NOW - 300_000,
      toMs: NOW,
      buckets: 100,
      gapMs: 60_000,
    });
    expect(fromMs).toBe(NOW - 10_000);
    expect(series[0]?.points.map((p) => p.v)).toEqual([20, 21]);
  });

  it('reads the minute rollup for a day-long window', () => {
    const fleet = fleetOf({ kitchen: [[NOW - 1000, 21]] });
    const rollups = createSeriesRollups();
    for (let i = 0; i < 120; i++) addToRollups(rollups, NOW - 120 * MINUTE_MS + i * MINUTE_MS, i);
    const { series } = buildChartSeries(fleet, ['kitchen'], ['temperature'], {
      fromMs: NOW - 24 * 60 * MINUTE_MS,
      toMs: NOW,
      buckets: 100,
      gapMs: 60_000,
      rollups: new Map([[seriesKey('kitchen', 'temperature'), rollups]]),
    });
    expect(series[0]?.points).toHaveLength(120);
  });
});

describe('breakAtOutages', () => {
  it('breaks the line where the dashboard was disconnected', () => {
    const points = [
      { t: 10, v: 1 },
      { t: 20, v: 2 },
      { t: 40, v: 3 },
    ];
    expect(breakAtOutages(points, [{ from: 25, to: 35 }])).toEqual([
      { t: 10, v: 1 },
      { t: 20, v: 2 },
      { t: 25, v: null },
      { t: 40, v: 3 },
    ]);
  });

  it('leaves lines alone when the outage is outside them', () => {
    const points = [
      { t: 10, v: 1 },
      { t: 20, v: 2 },
    ];
    expect(breakAtOutages(points, [{ from: 30, to: 40 }])).toEqual(points);
  });
});

describe('filterDeviceIds', () => {
  it('matches a case-insensitive substring', () => {
    expect(filterDeviceIds(['Kitchen', 'garage'], 'KIT')).toEqual(['Kitchen']);
  });
});

describe('gaps in a line', () => {
  it('breaks where a sensor that reports every 2 s was silent for 30 s, even under the stale limit', () => {
    const samples: Array<[number, number]> = [];
    for (let i = 0; i < 20; i++) samples.push([NOW - 120_000 + i * 2000, 20]);
    for (let i = 0; i < 20; i++) samples.push([NOW - 50_000 + i * 2000, 21]);
    const { series } = buildChartSeries(fleetOf({ kitchen: samples }), ['kitchen'], ['temperature'], {
      fromMs: NOW - 300_000,
      toMs: NOW,
      buckets: 1000,
      gapMs: 60_000,
    });
    expect(series[0]?.points.filter((p) => p.v === null)).toHaveLength(1);
  });
});
