/** The plot inside a chart's box, in px from its top left corner. */
export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room above the plot (half a label's height: the top value label stays whole). */
export const PLOT_TOP_PX = 8;
/** Room right of the plot: a time label set against the chart's right edge still fits. */
export const PLOT_RIGHT_PX = 12;
/** Room under the plot for the time axis: its tick, the gap and a label. */
export const TIME_AXIS_PX = 30;

/** Where the plot lies in a chart of `width` × `height` px whose value axis is `axisWidth` px. */
export function plotArea(width: number, height: number, axisWidth: number): PlotArea {
  return {
    x: axisWidth,
    y: PLOT_TOP_PX,
    width: Math.max(0, width - axisWidth - PLOT_RIGHT_PX),
    height: Math.max(0, height - PLOT_TOP_PX - TIME_AXIS_PX),
  };
}

/** A linear scale from `[from, to]` onto `[start, end]` px; a span of nothing maps to the middle. */
export function linearScale(from: number, to: number, start: number, end: number): (v: number) => number {
  const span = to - from;
  if (!(span > 0)) return () => (start + end) / 2;
  const factor = (end - start) / span;
  return (v) => start + (v - from) * factor;
}
