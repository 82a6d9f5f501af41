import { describe, expect, it } from 'vitest';
import { linearScale, PLOT_RIGHT_PX, PLOT_TOP_PX, plotArea, TIME_AXIS_PX } from './plotArea';

describe('plotArea', () => {
  it('leaves the value axis on the left, room above, right and for the time axis below', () => {
    expect(plotArea(400, 224, 40)).toEqual({
      x: 40,
      y: PLOT_TOP_PX,
      width: 400 - 40 - PLOT_RIGHT_PX,
      height: 224 - PLOT_TOP_PX - TIME_AXIS_PX,
    });
  });

  it('never has a negative size in a box too small for its axes', () => {
    const area = plotArea(20, 10, 40);
    expect(area.width).toBe(0);
    expect(area.height).toBe(0);
  });
});

describe('linearScale', () => {
  it('maps the ends of the domain onto the ends of the range, and between them in proportion', () => {
    const x = linearScale(1000, 2000, 50, 250);
    expect(x(1000)).toBe(50);
    expect(x(2000)).toBe(250);
    expect(x(1250)).toBe(100);
  });

  it('runs upward for a value axis (the top of the plot is the highest value)', () => {
    const y = linearScale(10, 20, 200, 8);
    expect(y(10)).toBe(200);
    expect(y(20)).toBe(8);
    expect(y(15)).toBe(104);
  });

  it('places every value of an empty or reversed domain in the middle rather than at infinity', () => {
    expect(linearScale(5, 5, 0, 100)(5)).toBe(50);
    expect(linearScale(5, 1, 0, 100)(3)).toBe(50);
  });
});
