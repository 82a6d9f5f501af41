import type { ChartSeries } from '../core/chartSeries';
import { formatFixed } from '../core/display';
import { niceScale } from '../core/niceTicks';
import { quantityOf } from '../core/quantity';

export const AXIS_FONT_PX = 12;
/** The plot is about 190 px high: five labels leave room between them. */
const VALUE_TICKS_MAX = 5;
/** A tick's line and the gap to its label, in px (6 and 2, as the chart draws them), plus a pixel of slack. */
const TICK_ROOM_PX = 9;

export interface ValueAxis {
  /** Undefined: no values to place (the axis picks its own). */
  ticks: number[] | undefined;
  domain: [number, number] | ['auto', 'auto'];
  /** A displayed value as the axis and the hover card write it. */
  format: (v: number) => string;
  /** Px the axis needs for its longest label. */
  width: number;
  /** A state: lines step from one word to the other. */
  steps: boolean;
}

/**
 * The value axis of a chart: round ticks in the displayed unit written with its decimals, or a
 * state's two words; wide enough for its longest label (a fixed width cut "21.85" to "1.85").
 */
export function valueAxis(series: readonly ChartSeries[]): ValueAxis {
  const first = series[0];
  const quantity = first === undefined || first.quantity === null ? undefined : quantityOf(first.quantity);
  if (quantity?.kind === 'state') {
    const [resting, active] = quantity.words ?? ['Off', 'On'];
    const format = (v: number) => (v === 0 ? resting : active);
    return {
      ticks: [0, 1],
      domain: [-0.15, 1.15],
      format,
      width: labelWidth([resting, active]),
      steps: true,
    };
  }
  const precision = Math.max(0, ...series.map((s) => s.precision));
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    for (const p of s.points) {
      if (p.v === null) continue;
      if (p.v < min) min = p.v;
      if (p.v > max) max = p.v;
    }
  }
  const format = (v: number) => formatFixed(v, precision);
  const { ticks } = niceScale(min, max, VALUE_TICKS_MAX, precision);
  const low = ticks[0];
  const high = ticks[ticks.length - 1];
  if (low === undefined || high === undefined) {
    return { ticks: undefined, domain: ['auto', 'auto'], format, width: labelWidth(['0']), steps: false };
  }
  return { ticks, domain: [low, high], format, width: labelWidth(ticks.map(format)), steps: false };
}

let measure: CanvasRenderingContext2D | null | undefined;

/** The width in px the longest of `labels` needs at the axis' font, plus the tick's room. */
function labelWidth(labels: readonly string[]): number {
  let widest = 0;
  for (const label of labels) widest = Math.max(widest, axisTextWidth(label));
  return Math.ceil(widest) + TICK_ROOM_PX;
}

/** The width in px of `label` at the axes' font. */
export function axisTextWidth(label: string): number {
  if (measure === undefined) {
    measure = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (measure !== null) measure.font = `${AXIS_FONT_PX}px ${getComputedStyle(document.body).fontFamily}`;
  }
  // Without a canvas, a generous average: digits are about 0.6 em wide in the system fonts.
  return measure === null ? label.length * AXIS_FONT_PX * 0.65 : measure.measureText(label).width;
}
