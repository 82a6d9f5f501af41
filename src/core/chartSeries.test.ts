import { describe, expect, it } from 'vitest';
import { breakAtOutages, buildChartSeries, filterDeviceIds } from './chartSeries';
import { chartDevice, fleetOf } from './fixtures/chartFleet';
import { METRIC_PREFERENCES, type UnitPreferences } from './quantity';
import { addToRollups, createSeriesRollups, MINUTE_MS } from './rollup';
import { seriesKey } from './snapshot';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const IMPERIAL: UnitPreferences = { system: 'imperial', perQuantity: {} };
const FIVE_MINUTES = { fromMs: NOW - 300_000, toMs: NOW, buckets: 100, gapMs: 60_000 };

function kitchen(samples: Array<[number, number]>) {
  return chartDevice('generic', 'kitchen', [{ name: 'temperature', samples }]);
}

describe('buildChartSeries', () => {
  it('starts the axis at the oldest sample inside the window', () => {
    const fleet = fleetOf([
      kitchen([
        [NOW - 10_000, 20],
        [NOW - 5000, 21],
      ]),
    ]);
    const { fromMs, series } = buildChartSeries(
      fleet,
      [{ device: 'generic/kitchen', metric: 'temperature' }],
      FIVE_MINUTES,
    );
    expect(fromMs).toBe(NOW - 10_000);
    expect(series[0]?.points.map((p) => p.v)).toEqual([20, 21]);
  });

  it('names each line by its device key, native id and convention', () => {
    const fleet = fleetOf([
      chartDevice('tasmota', 'kitchen', [{ name: 'DS18B20.Temperature', samples: [[NOW - 1000, 21]] }]),
    ]);
    const [line] = buildChartSeries(
      fleet,
      [{ device: 'tasmota/kitchen', metric: 'DS18B20.Temperature', label: 'Kitchen' }],
      FIVE_MINUTES,
    ).series;
    expect(line).toMatchObject({
      device: 'tasmota/kitchen',
      nativeId: 'kitchen',
      convention: 'tasmota',
      label: 'Kitchen',
      metric: 'DS18B20.Temperature',
      quantity: 'temperature',
    });
  });

  it('skips picks the fleet does not hold', () => {
    const fleet = fleetOf([kitchen([[NOW - 1000, 21]])]);
    const { series } = buildChartSeries(
      fleet,
      [
        { device: 'generic/attic', metric: 'temperature' },
        { device: 'generic/kitchen', metric: 'humidity' },
      ],
      FIVE_MINUTES,
    );
    expect(series).toEqual([]);
  });

  it('draws values in the displayed unit, with its precision', () => {
    const fleet = fleetOf([
      kitchen([
        [NOW - 2000, 20],
        [NOW - 1000, 21.85],
      ]),
    ]);
    const [line] = buildChartSeries(fleet, [{ device: 'generic/kitchen', metric: 'temperature' }], {
      ...FIVE_MINUTES,
      units: IMPERIAL,
    }).series;
    expect(line?.unit).toBe('°F');
    expect(line?.precision).toBe(1);
    expect(line?.points.map((p) => p.v)).toEqual([68, expect.closeTo(71.33, 2)]);
  });

  it('leaves readings of no known quantity in their own unit', () => {
    const fleet = fleetOf([
      chartDevice('generic', 'pump', [
        { name: 'flow', quantity: null, unit: 'L/min', decimals: 2, samples: [[NOW - 1000, 3.25]] },
      ]),
    ]);
    const [line] = buildChartSeries(fleet, [{ device: 'generic/pump', metric: 'flow' }], {
      ...FIVE_MINUTES,
      units: IMPERIAL,
    }).series;
    expect(line).toMatchObject({ unit: 'L/min', precision: 2, quantity: null });
    expect(line?.points.map((p) => p.v)).toEqual([3.25]);
  });

  it('draws a state as 0 or 1 whatever number it was held as', () => {
    const fleet = fleetOf([
      chartDevice('tasmota', 'plug', [
        {
          name: 'POWER',
          quantity: 'switch',
          unit: '',
          samples: [
            [NOW - 3000, 0],
            [NOW - 2000, 2],
            [NOW - 1000, 1],
          ],
        },
      ]),
    ]);
    const [line] = buildChartSeries(fleet, [{ device: 'tasmota/plug', metric: 'POWER' }], {
      ...FIVE_MINUTES,
      units: METRIC_PREFERENCES,
    }).series;
    expect(line?.unit).toBe('');
    expect(line?.points.map((p) => p.v)).toEqual([0, 1, 1]);
  });

  it('draws a state heard only once as a dot, as a measurement with one sample', () => {
    const door = chartDevice('zigbee2mqtt', 'Door', [
      { name: 'contact', quantity: 'contact', unit: '', samples: [[NOW - 2000, 0]] },
    ]);
    const [line] = buildChartSeries(fleetOf([door]), [{ device: 'zigbee2mqtt/Door', metric: 'contact' }], {
      ...FIVE_MINUTES,
      units: METRIC_PREFERENCES,
    }).series;
    expect(line?.points).toEqual([{ t: NOW - 2000, v: 0 }]);
  });

  it('holds a state from before the window until the device was last heard from', () => {
    const plug = chartDevice('tasmota', 'plug', [
      { name: 'POWER', quantity: 'switch', unit: '', samples: [[NOW - 600_000, 1]] },
      { name: 'Voltage', quantity: 'voltage', unit: 'V', samples: [[NOW - 2000, 230]] },
    ]);
    const [line] = buildChartSeries(fleetOf([plug]), [{ device: 'tasmota/plug', metric: 'POWER' }], {
      ...FIVE_MINUTES,
      units: METRIC_PREFERENCES,
    }).series;
    expect(line?.points).toEqual([
      { t: NOW - 300_000, v: 1 },
      { t: NOW - 2000, v: 1 },
    ]);
  });

  it('draws a state that changed rarely without breaks: it is sent on change', () => {
    const fleet = fleetOf([
      chartDevice('zigbee2mqtt', 'door', [
        {
          name: 'contact',
          quantity: 'contact',
          unit: '',
          samples: [
            [NOW - 200_000, 0],
            [NOW - 20_000, 1],
          ],
        },
      ]),
    ]);
    const [line] = buildChartSeries(fleet, [{ device: 'zigbee2mqtt/door', metric: 'contact' }], {
      ...FIVE_MINUTES,
      gapMs: 10_000,
    }).series;
    expect(line?.points.map((p) => p.v)).toEqual([0, 1]);
  });

  it('reads the minute rollup for a day-long window', () => {
    const fleet = fleetOf([kitchen([[NOW - 1000, 21]])]);
    const rollups = createSeriesRollups();
    for (let i = 0; i < 120; i++) addToRollups(rollups, NOW - 120 * MINUTE_MS + i * MINUTE_MS, i);
    const { series } = buildChartSeries(fleet, [{ device: 'generic/kitchen', metric: 'temperature' }], {
      fromMs: NOW - 24 * 60 * MINUTE_MS,
      toMs: NOW,
      buckets: 100,
      gapMs: 60_000,
      rollups: new Map([[seriesKey('generic/kitchen', 'temperature'), rollups]]),
    });
    expect(series[0]?.points).toHaveLength(120);
  });

  it('shows a state in a long window as active in every minute it ever was', () => {
    const fleet = fleetOf([
      chartDevice('zigbee2mqtt', 'hall', [{ name: 'occupancy', quantity: 'occupancy', unit: '' }]),
    ]);
    const rollups = createSeriesRollups();
    const start = NOW - 10 * MINUTE_MS;
    addToRollups(rollups, start, 0);
    addToRollups(rollups, start + 1000, 1);
    addToRollups(rollups, start + 2000, 0);
    addToRollups(rollups, start + MINUTE_MS, 0);
    const { series } = buildChartSeries(fleet, [{ device: 'zigbee2mqtt/hall', metric: 'occupancy' }], {
      fromMs: NOW - 24 * 60 * MINUTE_MS,
      toMs: NOW,
      buckets: 100,
      gapMs: 60_000,
      rollups: new Map([[seriesKey('zigbee2mqtt/hall', 'occupancy'), rollups]]),
    });
    expect(series[0]?.points.map((p) => p.v)).toEqual([1, 0]);
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
    expect(filterDeviceIds(['generic/Kitchen', 'tasmota/garage'], 'KIT')).toEqual(['generic/Kitchen']);
  });
});

describe('gaps in a line', () => {
  it('breaks where a sensor that reports every 2 s was silent for 30 s, even under the stale limit', () => {
    const samples: Array<[number, number]> = [];
    for (let i = 0; i < 20; i++) samples.push([NOW - 120_000 + i * 2000, 20]);
    for (let i = 0; i < 20; i++) samples.push([NOW - 50_000 + i * 2000, 21]);
    const { series } = buildChartSeries(
      fleetOf([kitchen(samples)]),
      [{ device: 'generic/kitchen', metric: 'temperature' }],
      { ...FIVE_MINUTES, buckets: 1000 },
    );
    expect(series[0]?.points.filter((p) => p.v === null)).toHaveLength(1);
  });
});

describe('decimals of a line', () => {
  it('follow the user’s choice for that reading', () => {
    const fleet = fleetOf([kitchen([[NOW - 1000, 21.85]])]);
    const [line] = buildChartSeries(fleet, [{ device: 'generic/kitchen', metric: 'temperature' }], {
      ...FIVE_MINUTES,
      units: METRIC_PREFERENCES,
      precisionOf: (device, metric) =>
        device === 'generic/kitchen' && metric === 'temperature' ? 2 : undefined,
    }).series;
    expect(line?.precision).toBe(2);
  });
});

describe('long windows of a counter', () => {
  it('draw an energy meter’s last value in each bucket, never a mean it never read', () => {
    const fleet = fleetOf([
      chartDevice('shelly', 'meter', [{ name: 'energy:0', quantity: 'energy', unit: 'kWh' }]),
    ]);
    const rollups = createSeriesRollups('increase');
    const start = NOW - 10 * MINUTE_MS;
    addToRollups(rollups, start, 10);
    addToRollups(rollups, start + 1000, 12);
    const { series } = buildChartSeries(fleet, [{ device: 'shelly/meter', metric: 'energy:0' }], {
      fromMs: NOW - 24 * 60 * MINUTE_MS,
      toMs: NOW,
      buckets: 100,
      gapMs: 60_000,
      rollups: new Map([[seriesKey('shelly/meter', 'energy:0'), rollups]]),
    });
    expect(series[0]?.points.map((p) => p.v)).toEqual([12]);
  });
});
