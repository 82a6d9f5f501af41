import type { ChartSeries } from '../core/chartSeries';
import { clipText } from '../core/clip';
import { seriesColor, seriesDash } from './seriesColors';

/**
 * Names every line of a chart, in its colour and stroke: small text that wraps, each name
 * clipped with an ellipsis past a width (network text, shown as text; cut to `NAME_SHOWN_MAX`
 * characters first, so a 60,000-character name costs no more layout than a short one).
 * Plain HTML beside the chart, so it wraps within the page and reads before the chart loads.
 * Past seven rows it scrolls, its height a whole number of rows (16 px text, 2 px gaps).
 */
export function ChartLegend({
  series,
}: {
  series: readonly Pick<ChartSeries, 'label' | 'nativeId' | 'convention' | 'metric'>[];
}) {
  if (series.length === 0) return null;
  return (
    <ul
      // A legend that scrolls must be reachable by keyboard too: focusable, and named.
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs focus to scroll by keyboard
      tabIndex={0}
      aria-label="Devices drawn"
      className="mt-1 rounded focus-visible:outline-2 focus-visible:outline-orange-600 flex max-h-[7.75rem] min-w-0 flex-wrap gap-x-3 gap-y-0.5 overflow-y-auto text-xs text-slate-700 dark:text-slate-200"
    >
      {series.map((s, i) => (
        <li
          key={`${s.convention}/${s.nativeId}/${s.metric}`}
          data-series-device={s.nativeId}
          data-convention={s.convention}
          title={clipText(s.label)}
          className="flex min-w-0 max-w-[14rem] items-center gap-1"
        >
          <svg width="14" height="6" aria-hidden="true" className="shrink-0">
            <line
              x1="0"
              y1="3"
              x2="14"
              y2="3"
              stroke={seriesColor(i)}
              strokeWidth="2"
              strokeDasharray={seriesDash(i)}
            />
          </svg>
          <span className="truncate">{clipText(s.label)}</span>
        </li>
      ))}
    </ul>
  );
}
