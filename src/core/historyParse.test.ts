import { describe, expect, it } from 'vitest';
import {
  HISTORY_POINTS_MAX,
  HISTORY_SERIES_MAX,
  parseHistoryBatch,
  parseHistorySeries,
} from './historyParse';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

function series(fields: Record<string, unknown> = {}) {
  return {
    device: 'kitchen',
    convention: 'generic',
    metric: 'temperature',
    handle: 'temperature',
    quantity: 'temperature',
    unit: '°C',
    from: NOW - 3600_000,
    to: NOW,
    tier: 'raw',
    bucketMs: 0,
    points: [
      [NOW - 60_000, 21.5],
      [NOW - 30_000, 21.7],
    ],
    gaps: [],
    ...fields,
  };
}

/** As the browser reads it: through JSON, where `1e999` is Infinity and there is no NaN. */
function overTheWire(text: string): unknown {
  return JSON.parse(text);
}

describe('parseHistorySeries', () => {
  it('reads a raw answer as the server sends it', () => {
    const parsed = parseHistorySeries(overTheWire(JSON.stringify(series())));
    expect(parsed).toEqual({ ok: true, value: series() });
  });

  it('reads rolled-up buckets with their mean, min and max', () => {
    const points = [[NOW - 600_000, 21, 20.5, 21.4]];
    const parsed = parseHistorySeries(series({ tier: '5m', bucketMs: 300_000, points }));
    expect(parsed.ok && parsed.value.points).toEqual(points);
  });

  it.each([
    ['not an object', 'a series'],
    ['an array', []],
    ['a device that is a number', series({ device: 42 })],
    ['an unknown convention', series({ convention: '<img src=x>' })],
    ['an unknown tier', series({ tier: '1s' })],
    ['points that are not a list', series({ points: { 0: [NOW, 1] } })],
    ['no range', series({ from: 'yesterday' })],
    ['a negative bucket width', series({ bucketMs: -5 })],
    ['a name of a megabyte', series({ metric: 'x'.repeat(1_000_000) })],
    ['gaps that are not a list', series({ gaps: 'none' })],
  ])('refuses %s', (_, value) => {
    expect(parseHistorySeries(value).ok).toBe(false);
  });

  it('drops points that cannot be drawn and keeps the others', () => {
    const parsed = parseHistorySeries(
      overTheWire(
        `{"device":"kitchen","convention":"generic","metric":"t","handle":"t","quantity":"temperature","unit":"°C",` +
          `"from":0,"to":${NOW},"tier":"raw","bucketMs":0,"points":[[${NOW - 3},1e999],[${NOW - 2},"21"],[${NOW - 1},null],` +
          `[null,20],[${NOW},21,3],{"t":1},[${NOW},22.5]],"gaps":[]}`,
      ),
    );
    expect(parsed.ok && parsed.value.points).toEqual([[NOW, 22.5]]);
  });

  it('drops a bucket whose min or max is not a number', () => {
    const parsed = parseHistorySeries(
      series({
        tier: '1h',
        bucketMs: 3600_000,
        points: [
          [NOW, 21, 'low', 22],
          [NOW + 1, 21, 20, 22],
        ],
      }),
    );
    expect(parsed.ok && parsed.value.points).toEqual([[NOW + 1, 21, 20, 22]]);
  });

  it('puts unsorted points in time order, the later of two at one time winning', () => {
    const parsed = parseHistorySeries(
      series({
        points: [
          [NOW - 10, 3],
          [NOW - 30, 1],
          [NOW - 20, 2],
          [NOW - 10, 4],
        ],
      }),
    );
    expect(parsed.ok && parsed.value.points).toEqual([
      [NOW - 30, 1],
      [NOW - 20, 2],
      [NOW - 10, 4],
    ]);
  });

  it(`refuses more than ${HISTORY_POINTS_MAX} points rather than hold them`, () => {
    const points = Array.from({ length: HISTORY_POINTS_MAX + 1 }, (_, i) => [i, i]);
    expect(parseHistorySeries(series({ points }))).toEqual({
      ok: false,
      reason: expect.stringContaining('points'),
    });
  });

  it('keeps only gaps that are spans of time, in order', () => {
    const gaps = [
      { from: NOW - 10, to: NOW - 5 },
      { from: NOW, to: NOW - 100 },
      { from: 'a', to: 1 },
      { from: NOW - 50, to: NOW - 40 },
    ];
    const parsed = parseHistorySeries(series({ gaps }));
    expect(parsed.ok && parsed.value.gaps).toEqual([
      { from: NOW - 50, to: NOW - 40 },
      { from: NOW - 10, to: NOW - 5 },
    ]);
  });

  it('reads an unknown quantity as none', () => {
    const parsed = parseHistorySeries(series({ quantity: 'vibes' }));
    expect(parsed.ok && parsed.value.quantity).toBeNull();
  });
});

describe('parseHistoryBatch', () => {
  const batch = (fields: Record<string, unknown> = {}) => ({
    quantity: 'temperature',
    from: NOW - 3600_000,
    to: NOW,
    series: [series(), series({ device: 'attic' })],
    ...fields,
  });

  it('reads every series of the quantity', () => {
    const parsed = parseHistoryBatch(batch(), 'temperature');
    expect(parsed.ok && parsed.value.series.map((s) => s.device)).toEqual(['kitchen', 'attic']);
  });

  it('refuses an answer about another quantity', () => {
    expect(parseHistoryBatch(batch({ quantity: 'humidity' }), 'temperature').ok).toBe(false);
  });

  it('leaves out a bad series and keeps the others', () => {
    const parsed = parseHistoryBatch(
      batch({ series: [series(), series({ tier: 42 }), series({ device: 'attic' })] }),
      'temperature',
    );
    expect(parsed.ok && parsed.value.series.map((s) => s.device)).toEqual(['kitchen', 'attic']);
  });

  it('keeps a device named as long as an MQTT topic may be, and leaves out a longer one', () => {
    const long = 'porch '.repeat(10_000);
    const parsed = parseHistoryBatch(
      batch({ series: [series({ device: long }), series({ device: 'x'.repeat(70_000) })] }),
      'temperature',
    );
    expect(parsed.ok && parsed.value.series.map((s) => s.device)).toEqual([long]);
  });

  it('refuses an HTML page read as text, a bare list and null', () => {
    for (const value of ['<!doctype html><html>', [], null]) {
      expect(parseHistoryBatch(value, 'temperature').ok).toBe(false);
    }
  });

  it(`refuses over ${HISTORY_SERIES_MAX} series`, () => {
    const many = Array.from({ length: HISTORY_SERIES_MAX + 1 }, () => series({ points: [] }));
    expect(parseHistoryBatch(batch({ series: many }), 'temperature').ok).toBe(false);
  });

  it('refuses an answer whose series hold too many points together', () => {
    const points = Array.from({ length: 9000 }, (_, i) => [i, i]);
    const many = Array.from({ length: 30 }, () => series({ points }));
    expect(parseHistoryBatch(batch({ series: many }), 'temperature')).toEqual({
      ok: false,
      reason: expect.stringContaining('points'),
    });
  });
});
