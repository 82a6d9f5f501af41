import { describe, expect, it } from 'vitest';
import { BURST_SPREAD_MAX_MS, createSeriesCatalog, rowTime, slotOf, trimWaiting } from './seriesCatalog.ts';

const T0 = 1_700_000_000_000;
const SLOT = slotOf('generic/dev1', 'temperature');

describe('the time a reading is stored at', () => {
  it('is the reading’s own time when it is later than the series’ last row', () => {
    const catalog = createSeriesCatalog([]);
    expect([rowTime(catalog, SLOT, T0), rowTime(catalog, SLOT, T0 + 100)]).toEqual([T0, T0 + 100]);
  });

  it('moves readings of one series heard in the same millisecond a millisecond apart', () => {
    const catalog = createSeriesCatalog([]);
    const times = [T0, T0, T0, T0 + 1, T0 + 10].map((at) => rowTime(catalog, SLOT, at));
    expect(times).toEqual([T0, T0 + 1, T0 + 2, T0 + 3, T0 + 10]);
    expect(rowTime(catalog, slotOf('generic/dev2', 'temperature'), T0)).toBe(T0);
  });

  it('stops moving a flood of one series past the spread limit, so times never drift far', () => {
    const catalog = createSeriesCatalog([]);
    let last = 0;
    for (let i = 0; i < BURST_SPREAD_MAX_MS + 50; i++) last = rowTime(catalog, SLOT, T0);
    expect(last).toBe(T0 + BURST_SPREAD_MAX_MS);
  });
});

describe('readings waiting for their series', () => {
  it('drops the oldest past the bound, first-waiting series first', () => {
    const catalog = createSeriesCatalog([]);
    const info = { device: 'generic/dev1', metric: 'temperature', handle: 't', quantity: null, unit: '' };
    catalog.waiting.set('a', {
      info,
      readings: [
        { at: 1, value: 1 },
        { at: 2, value: 2 },
      ],
    });
    catalog.waiting.set('b', { info, readings: [{ at: 3, value: 3 }] });
    catalog.waitingCount = 3;
    expect(trimWaiting(catalog, 1)).toBe(2);
    expect([...catalog.waiting.keys()]).toEqual(['b']);
    expect(catalog.waitingCount).toBe(1);
  });
});
