import { useCallback, useState } from 'react';
import type { ChartSeries } from '../core/chartSeries';
import { clipText } from '../core/clip';
import { namesBelow } from './legendOverflow';
import { seriesColor, seriesDash } from './seriesColors';

/**
 * Names every line of a chart, in its colour and stroke: small text that wraps, each name
 * clipped with an ellipsis past a width (network text, shown as text; cut to `NAME_SHOWN_MAX`
 * characters first, so a 60,000-character name costs no more layout than a short one).
 * Plain HTML beside the chart, so it wraps within the page and reads before the chart loads.
 * Past seven rows it scrolls, its height a whole number of rows (16 px text, 2 px gaps), and a
 * button below says how many names follow ("+21 more", fewer as it scrolls) and shows them all:
 * on a phone a scroll box alone gives no sign that 28 names do not end at the seventh row.
 * Every name stays in the page either way.
 */
export function ChartLegend({
  series,
}: {
  series: readonly Pick<ChartSeries, 'label' | 'nativeId' | 'convention' | 'metric'>[];
}) {
  const [expanded, setExpanded] = useState(false);
  const [below, list] = useNamesBelow();
  if (series.length === 0) return null;
  return (
    <>
      <ul
        ref={list}
        // A legend that scrolls must be reachable by keyboard too: focusable, and named.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs focus to scroll by keyboard
        tabIndex={0}
        aria-label="Devices drawn"
        className={`relative mt-1 rounded focus-visible:outline-2 focus-visible:outline-orange-600 flex min-w-0 flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-700 dark:text-slate-200 ${expanded ? '' : 'max-h-[7.75rem] overflow-y-auto'}`}
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
      {(below > 0 || expanded) && (
        <button
          type="button"
          data-legend-more={below}
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
          className="mt-0.5 rounded text-xs font-medium text-slate-700 underline underline-offset-2 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-orange-600 dark:text-slate-200 dark:hover:text-white"
        >
          {expanded ? 'Show fewer' : `+${below} more`}
        </button>
      )}
    </>
  );
}

/**
 * How many legend names end below what the list shows, and the ref that measures it: on mount,
 * and whenever the list is resized, scrolled or its names change (no layout read per render).
 */
function useNamesBelow(): [number, (element: HTMLUListElement | null) => (() => void) | undefined] {
  const [below, setBelow] = useState(0);
  const attach = useCallback((element: HTMLUListElement | null) => {
    if (element === null) return undefined;
    const measure = () => {
      const items = Array.from(element.children, (item) => ({
        top: (item as HTMLElement).offsetTop,
        height: (item as HTMLElement).offsetHeight,
      }));
      setBelow(namesBelow(items, element.scrollTop + element.clientHeight));
    };
    // Read when the layout is done anyway: the observer's first call comes after the list's first
    // layout, and a rename waits for the next frame. Measured in the commit, the read forced a
    // layout of the whole page (86 ms on a tablet at start-up).
    let frame = 0;
    const measureSoon = () => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0;
          measure();
        });
    };
    const resized = new ResizeObserver(measure);
    resized.observe(element);
    const renamed = new MutationObserver(measureSoon);
    renamed.observe(element, { childList: true, subtree: true, characterData: true });
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      renamed.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, []);
  return [below, attach];
}
