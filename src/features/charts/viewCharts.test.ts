import { describe, expect, it } from 'vitest';
import type { ChartGroup } from '../../core/chartGroups';
import { shownDevices, viewCharts } from './viewCharts';

function chart(key: string): ChartGroup {
  return { key, title: key, quantity: null, unit: '', diagnostic: false, picks: [] };
}

describe('viewCharts', () => {
  const groups = [chart('temperature'), chart('humidity'), chart('power')];

  it('keeps every chart when the view lists none', () => {
    expect(viewCharts(groups, null)).toBe(groups);
  });

  it('keeps the charts the view lists, in its order, skipping those no device reads', () => {
    expect(viewCharts(groups, ['power', 'co2', 'temperature']).map((g) => g.key)).toEqual([
      'power',
      'temperature',
    ]);
  });
});

describe('shownDevices', () => {
  it('gathers favourites and every room’s devices, without the hidden ones', () => {
    const shown = shownDevices({
      favourites: ['generic/porch'],
      sections: [{ deviceIds: ['generic/porch', 'generic/kitchen'] }, { deviceIds: ['tasmota/plug'] }],
      hidden: ['tasmota/plug'],
    });
    expect([...shown]).toEqual(['generic/porch', 'generic/kitchen']);
  });
});
