import { pointNear } from '../core/chartPath';
import type { ChartSeries } from '../core/chartSeries';
import { clipText } from '../core/clip';
import type { ChartHover } from './ChartLines';
import { formatClock } from './format';
import { seriesColor } from './seriesColors';

/** Rows the card lists before it says how many more: a chart may draw 32 lines. */
const ROWS_MAX = 12;
/** A line shows a value at the pointer if it has a point this near: 2 % of the window. */
const NEAR_FRACTION = 0.02;

/**
 * The values under the pointer, each line's nearest point, written as the axis writes them
 * (fixed decimals, a state's word); names clipped, whole in their title. Kept inside the chart:
 * it flips to the pointer's left past the middle.
 */
export function ChartHoverCard({
  hover,
  series,
  fromMs,
  toMs,
  format,
  steps,
  chartWidth,
}: {
  hover: ChartHover;
  series: readonly ChartSeries[];
  fromMs: number;
  toMs: number;
  format: (v: number) => string;
  /** A state's lines: each holds its value until its next point. */
  steps: boolean;
  chartWidth: number;
}) {
  const tolerance = Math.max(1000, (toMs - fromMs) * NEAR_FRACTION);
  const rows: Array<{ index: number; label: string; value: number }> = [];
  series.forEach((s, index) => {
    const value = pointNear(s.points, hover.t, tolerance, steps);
    if (value !== null) rows.push({ index, label: clipText(s.label), value });
  });
  if (rows.length === 0) return null;
  const onLeft = hover.left > chartWidth / 2;
  return (
    <div
      role="tooltip"
      className="pointer-events-none absolute top-2 z-10 w-max max-w-[min(18rem,70%)] rounded-md border border-slate-300 bg-white/95 p-2 text-xs text-slate-900 shadow dark:border-slate-700 dark:bg-slate-900/95 dark:text-slate-100"
      style={onLeft ? { right: chartWidth - hover.left + 8 } : { left: hover.left + 8 }}
    >
      <p className="mb-1 font-medium tabular-nums">{formatClock(hover.t)}</p>
      <ul className="flex flex-col gap-0.5">
        {rows.slice(0, ROWS_MAX).map((row) => (
          <li key={row.index} className="flex min-w-0 items-center gap-1.5">
            <span
              aria-hidden="true"
              className="h-2 w-2 shrink-0 rounded-full"
              style={{ background: seriesColor(row.index) }}
            />
            <span className="min-w-0 flex-1 truncate" title={row.label}>
              {row.label}
            </span>
            <span className="shrink-0 font-medium tabular-nums">{format(row.value)}</span>
          </li>
        ))}
      </ul>
      {rows.length > ROWS_MAX && (
        <p className="mt-1 text-slate-600 dark:text-slate-300">and {rows.length - ROWS_MAX} more</p>
      )}
    </div>
  );
}
