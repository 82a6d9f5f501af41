import { describe, expect, it } from 'vitest';
import { chartDevice, fleetOf } from './fixtures/chartFleet';
import type { ApiHistoryResponse } from './historyApi';
import { answerFor, historyChartSeries, mergeLive, serverChartSeries, serverLine } from './historyMerge';
import type { UnitPreferences } from './quantity';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const IMPERIAL: UnitPreferences = { system: 'imperial', perQuantity: {} };

function answer(fields: Partial<ApiHistoryResponse> = {}): ApiHistoryResponse {
  return {
    device: 'kitchen',
    convention: 'generic',
    metric: 'temperature',
    handle: 'temperature',
    quantity: 'temperature',
    unit: '°C',
    from: NOW - DAY,
    to: NOW,
    tier: 'raw',
    bucketMs: 0,
    points: [],
    gaps: [],
    ...fields,
  };
}

const values = (points: ReadonlyArray<{ v: number | null }>) => points.map((p) => p.v);

describe('serverLine', () => {
  it('draws raw points as they are', () => {
    const line = serverLine(
      answer({
        points: [
          [NOW - 2000, 20],
          [NOW - 1000, 21],
        ],
      }),
      false,
      60_000,
    );
    expect(line).toEqual([
      { t: NOW - 2000, v: 20 },
      { t: NOW - 1000, v: 21 },
    ]);
  });

  it('draws a rolled-up bucket as its mean, a state bucket as its max', () => {
    const points: ApiHistoryResponse['points'] = [[NOW - HOUR, 0.25, 0, 1]];
    expect(values(serverLine(answer({ tier: '1h', bucketMs: HOUR, points }), false, 60_000))).toEqual([0.25]);
    expect(values(serverLine(answer({ tier: '1h', bucketMs: HOUR, points }), true, 60_000))).toEqual([1]);
  });

  it('breaks at the gaps the server names (its outages)', () => {
    const line = serverLine(
      answer({
        points: [
          [NOW - 3000, 20],
          [NOW - 2000, 21],
          [NOW - 1000, 22],
        ],
        gaps: [{ from: NOW - 1900, to: NOW - 1100 }],
      }),
      false,
      60_000,
    );
    expect(values(line)).toEqual([20, 21, null, 22]);
    expect(line[2]?.t).toBe(NOW - 1900);
  });

  it('leaves out points inside a gap rather than draw them as dots', () => {
    const points: ApiHistoryResponse['points'] = [
      [NOW - 4000, 20],
      [NOW - 3000, 99],
      [NOW - 2000, 98],
      [NOW - 1000, 22],
    ];
    const line = serverLine(answer({ points, gaps: [{ from: NOW - 3500, to: NOW - 1500 }] }), false, 60_000);
    expect(values(line)).toEqual([20, null, 22]);
  });

  it('breaks where rolled-up buckets are missing (more than two widths apart)', () => {
    const points: ApiHistoryResponse['points'] = [
      [NOW - 10 * HOUR, 20, 19, 21],
      [NOW - 9 * HOUR, 20, 19, 21],
      [NOW - 2 * HOUR, 22, 21, 23],
    ];
    expect(values(serverLine(answer({ tier: '1h', bucketMs: HOUR, points }), false, 60_000))).toEqual([
      20,
      20,
      null,
      22,
    ]);
  });

  it('breaks raw measurements at a silence of five usual intervals, not a state', () => {
    // Every 10 s for 90 s, then 200 s of silence: five intervals of the average (29 s) is 145 s.
    const points: ApiHistoryResponse['points'] = [
      ...Array.from({ length: 10 }, (_, i): [number, number] => [NOW - 290_000 + i * 10_000, 1]),
      [NOW, 0],
    ];
    expect(values(serverLine(answer({ points }), false, 300_000))).toEqual([...Array(10).fill(1), null, 0]);
    expect(values(serverLine(answer({ points }), true, 300_000))).toEqual([...Array(10).fill(1), 0]);
  });
});

describe('mergeLive', () => {
  const server = [
    { t: NOW - 3000, v: 20 },
    { t: NOW - 2000, v: 21 },
  ];

  it('continues the server line with the live points newer than its last', () => {
    const live = [
      { t: NOW - 2500, v: 99 },
      { t: NOW - 2000, v: 99 },
      { t: NOW - 1000, v: 22 },
    ];
    expect(mergeLive(server, live, 60_000)).toEqual([...server, { t: NOW - 1000, v: 22 }]);
  });

  it('breaks between the two when the device was silent longer than the gap', () => {
    const merged = mergeLive(server, [{ t: NOW + 120_000, v: 22 }], 60_000);
    expect(values(merged)).toEqual([20, 21, null, 22]);
  });

  it('draws the live points alone when the server has none, without a leading break', () => {
    const live = [
      { t: NOW - 1000, v: null },
      { t: NOW, v: 22 },
    ];
    expect(mergeLive([], live, 60_000)).toEqual([{ t: NOW, v: 22 }]);
  });
});

describe('answerFor', () => {
  const device = { id: 'tasmota/kitchen', nativeId: 'kitchen', convention: 'tasmota' as const };
  const metric = { name: 'DS18B20.Temperature', handle: 'temperature' };

  it('finds the answer by native id or key, and by metric name or handle', () => {
    const byId = answer({ convention: 'tasmota', metric: 'DS18B20.Temperature' });
    const byKey = answer({
      device: 'tasmota/kitchen',
      convention: 'tasmota',
      metric: 'x',
      handle: 'temperature',
    });
    expect(answerFor([byId], device, metric)).toBe(byId);
    expect(answerFor([byKey], device, metric)).toBe(byKey);
  });

  it('keeps a generic kitchen apart from a Tasmota one', () => {
    expect(answerFor([answer({ metric: 'DS18B20.Temperature' })], device, metric)).toBeUndefined();
  });
});

describe('historyChartSeries', () => {
  const pick = { device: 'generic/kitchen', metric: 'temperature', label: 'Kitchen' };
  const request = { fromMs: NOW - 7 * DAY, toMs: NOW, buckets: 100, gapMs: 300_000 };

  it('draws the server week, then the live points since its answer', () => {
    const fleet = fleetOf([
      chartDevice('generic', 'kitchen', [
        {
          name: 'temperature',
          quantity: 'temperature',
          samples: [
            [NOW - 60_000, 30],
            [NOW - 30_000, 21],
            [NOW - 1000, 22],
          ],
        },
      ]),
    ]);
    const server = answer({
      from: request.fromMs,
      tier: '1h',
      bucketMs: HOUR,
      points: [
        [NOW - 3 * HOUR, 19, 18, 20],
        [NOW - 2 * HOUR, 20, 19, 21],
        [NOW - HOUR, 20.5, 20, 21],
        [NOW - 40_000, 21, 21, 21],
      ],
    });
    const { series, fromMs } = historyChartSeries(fleet, [pick], [server], request);
    expect(fromMs).toBe(request.fromMs);
    expect(series[0]?.label).toBe('Kitchen');
    expect(values(series[0]?.points ?? [])).toEqual([19, 20, 20.5, 21, 21, 22]);
  });

  it('fills the page outage with the server points: the page outage breaks only the live part', () => {
    const fleet = fleetOf([
      chartDevice('generic', 'kitchen', [
        {
          name: 'temperature',
          quantity: 'temperature',
          samples: [
            [NOW - 20 * 60_000, 20],
            [NOW - 60_000, 22],
            [NOW - 30_000, 22.5],
          ],
        },
      ]),
    ]);
    const slept = [{ from: NOW - 19 * 60_000, to: NOW - 2 * 60_000 }];
    const points: ApiHistoryResponse['points'] = Array.from({ length: 20 }, (_, i) => [
      NOW - (20 - i) * 60_000,
      20 + i / 10,
    ]);
    const { series } = historyChartSeries(fleet, [pick], [answer({ points })], {
      ...request,
      gapMs: 600_000,
      outages: slept,
    });
    expect(series[0]?.points.every((p) => p.v !== null)).toBe(true);
    expect(series[0]?.points).toHaveLength(21);
  });

  it('draws a reading the server does not know from the page, as without a server', () => {
    const fleet = fleetOf([
      chartDevice('generic', 'kitchen', [
        { name: 'temperature', quantity: 'temperature', samples: [[NOW - 1000, 22]] },
      ]),
    ]);
    const { series } = historyChartSeries(fleet, [pick], [answer({ device: 'attic' })], request);
    expect(values(series[0]?.points ?? [])).toEqual([22]);
  });

  it('converts the server values to the displayed unit', () => {
    const fleet = fleetOf([
      chartDevice('generic', 'kitchen', [{ name: 'temperature', quantity: 'temperature', unit: '°C' }]),
    ]);
    const line = serverChartSeries(fleet, pick, answer({ points: [[NOW - 1000, 100]] }), {
      gapMs: 60_000,
      units: IMPERIAL,
    });
    expect(line?.unit).toBe('°F');
    expect(line?.points[0]?.v).toBeCloseTo(212);
  });

  it('starts "All" at the oldest point drawn', () => {
    const fleet = fleetOf([
      chartDevice('generic', 'kitchen', [{ name: 'temperature', quantity: 'temperature' }]),
    ]);
    const server = answer({ points: [[NOW - 400 * DAY, 18, 17, 19]], tier: '1h', bucketMs: HOUR });
    expect(historyChartSeries(fleet, [pick], [server], { ...request, fromMs: null }).fromMs).toBe(
      NOW - 400 * DAY,
    );
  });
});
