import { expect, it } from 'vitest';
import { inKeyOrder } from './sqlStorage.ts';

it('orders a write by series then time', () => {
  const written = [
    { series: 2, at: 10, value: 1 },
    { series: 1, at: 20, value: 2 },
    { series: 1, at: 10, value: 3 },
  ];
  expect(inKeyOrder(written)).toEqual([
    { series: 1, at: 10, value: 3 },
    { series: 1, at: 20, value: 2 },
    { series: 2, at: 10, value: 1 },
  ]);
});

it('keeps the last of readings written at the same series and time', () => {
  const written = [
    { series: 1, at: 10, value: 1 },
    { series: 2, at: 10, value: 5 },
    { series: 1, at: 10, value: 2 },
    { series: 1, at: 10, value: 3 },
  ];
  expect(inKeyOrder(written)).toEqual([
    { series: 1, at: 10, value: 3 },
    { series: 2, at: 10, value: 5 },
  ]);
});
