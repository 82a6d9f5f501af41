import { describe, expect, it } from 'vitest';
import { linePaths, pointNear } from './chartPath';

const x = (t: number) => t * 2;
const y = (v: number) => 100 - v;

describe('linePaths', () => {
  it('draws straight from point to point', () => {
    expect(
      linePaths(
        [
          { t: 0, v: 10 },
          { t: 10, v: 20 },
        ],
        x,
        y,
        false,
      ),
    ).toEqual({ line: 'M0 90L20 80', dots: '' });
  });

  it('draws a state across, then up or down: never a slope', () => {
    expect(
      linePaths(
        [
          { t: 0, v: 0 },
          { t: 10, v: 1 },
          { t: 20, v: 0 },
        ],
        x,
        y,
        true,
      ),
    ).toEqual({ line: 'M0 100H20V99H40V100', dots: '' });
  });

  it('lifts the pen at a gap', () => {
    expect(
      linePaths(
        [
          { t: 0, v: 10 },
          { t: 5, v: 11 },
          { t: 6, v: null },
          { t: 20, v: 30 },
          { t: 30, v: 31 },
        ],
        x,
        y,
        false,
      ),
    ).toEqual({ line: 'M0 90L10 89M40 70L60 69', dots: '' });
  });

  it('draws a lone reading as a dot: a zero-length stroke under a round cap', () => {
    expect(linePaths([{ t: 5, v: 10 }], x, y, false)).toEqual({ line: '', dots: 'M10 90h0' });
    expect(
      linePaths(
        [
          { t: 5, v: 10 },
          { t: 6, v: null },
          { t: 20, v: 1 },
        ],
        x,
        y,
        false,
      ),
    ).toEqual({ line: '', dots: 'M10 90h0M40 99h0' });
  });

  it('is empty without points', () => {
    expect(linePaths([], x, y, false)).toEqual({ line: '', dots: '' });
  });
});

describe('pointNear', () => {
  const points = [
    { t: 0, v: 1 },
    { t: 10, v: 2 },
    { t: 11, v: null },
    { t: 30, v: 3 },
  ];

  it('finds the point nearest in time', () => {
    expect(pointNear(points, 4, 5)).toBe(1);
    expect(pointNear(points, 7, 5)).toBe(2);
    expect(pointNear(points, 29, 5)).toBe(3);
  });

  it('finds nothing farther than the tolerance', () => {
    expect(pointNear(points, 20, 5)).toBeNull();
    expect(pointNear([], 20, 5)).toBeNull();
  });

  it('holds a state at the value it last took, until a gap', () => {
    const switched = [
      { t: 0, v: 1 },
      { t: 100, v: 0 },
      { t: 150, v: null },
    ];
    expect(pointNear(switched, 60, 5, true)).toBe(1);
    expect(pointNear(switched, 120, 5, true)).toBe(0);
    expect(pointNear(switched, 160, 5, true)).toBeNull();
    expect(pointNear(switched, -10, 5, true)).toBeNull();
  });

  it('ends a state’s line at its last point, give or take the tolerance', () => {
    const on = [{ t: 0, v: 1 }];
    expect(pointNear(on, 4, 5, true)).toBe(1);
    expect(pointNear(on, 50, 5, true)).toBeNull();
  });
});
