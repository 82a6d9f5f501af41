import { describe, expect, it } from 'vitest';
import { appendRows, createWriteBacklog, pendingReadings, returnRows, takeRows } from './writeBacklog.ts';

const reading = (at: number) => ({ series: 1, at, value: at });

describe('the write backlog', () => {
  it('drops the oldest readings past its bound and counts them', () => {
    const backlog = createWriteBacklog(3);
    appendRows(backlog, [1, 2, 3, 4, 5].map(reading), []);
    expect(backlog.readings.map((row) => row.at)).toEqual([3, 4, 5]);
    expect(backlog.dropped).toBe(2);
  });

  it('puts a failed write back before what came since, still within the bound', () => {
    const backlog = createWriteBacklog(4);
    appendRows(backlog, [1, 2, 3].map(reading), []);
    const taken = takeRows(backlog, 10);
    appendRows(backlog, [4, 5].map(reading), []);
    returnRows(backlog, taken);
    expect(backlog.readings.map((row) => row.at)).toEqual([2, 3, 4, 5]);
    expect(backlog.dropped).toBe(1);
  });

  it('takes at most the rows asked for, oldest first', () => {
    const backlog = createWriteBacklog(10);
    appendRows(backlog, [1, 2, 3].map(reading), []);
    expect(takeRows(backlog, 2).readings.map((row) => row.at)).toEqual([1, 2]);
    expect(backlog.readings.map((row) => row.at)).toEqual([3]);
  });

  it('answers the readings of one series in a range, in time order', () => {
    const backlog = createWriteBacklog(10);
    appendRows(backlog, [reading(5), { series: 2, at: 6, value: 0 }, reading(2), reading(9)], []);
    expect(pendingReadings(backlog, 1, 0, 6)).toEqual([
      [2, 2],
      [5, 5],
    ]);
  });
});
