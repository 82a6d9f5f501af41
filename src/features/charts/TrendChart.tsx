import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { ChartLegend } from '../../components/ChartLegend';
import MetricChart from '../../components/MetricChart';
import { precisionKey } from '../../config/unitSettings';
import type { ChartGroup } from '../../core/chartGroups';
import { buildChartSeries, type ChartSeries } from '../../core/chartSeries';
import { clipText, UNIT_SHOWN_MAX } from '../../core/clip';
import { displayScale } from '../../core/display';
import { historyChartSeries } from '../../core/historyMerge';
import { selectUnits } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import type { ChartWindow } from './chartWindows';
import type { HistorySource } from './historySource';
import { useServerHistory } from './useServerHistory';

/**
 * Lines drawn per chart: a house whose simulator speaks all seven conventions has 28 devices
 * with a temperature. The device filter picks among more.
 */
export const MAX_LINES = 32;
/** Time buckets per line: a min and a max each, so at most 200 points per line. */
const BUCKETS = 100;

interface Snapshot {
  fromMs: number;
  toMs: number;
  series: ChartSeries[];
}

/** Until the chart is laid out, the points asked of the server: a phone's width. */
const WIDTH_GUESS_PX = 360;

/**
 * One quantity's chart for every device that reads it. It samples the store at the window's
 * pace while the page is visible, never per message; the charts take turns (`stagger` of
 * `count`) so their redraws do not add up in one task. With a Hearth server's history
 * (`history`), each line is the server's points over the window followed by the live ones
 * newer than them (see `historyChartSeries`); without, or until it answers, the page's own.
 */
export function TrendChart({
  group,
  window,
  stagger,
  count,
  history,
}: {
  group: ChartGroup;
  window: ChartWindow;
  stagger: number;
  count: number;
  history: HistorySource | null;
}) {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const figure = useRef<HTMLElement>(null);
  const width = useCallback(() => figure.current?.clientWidth || WIDTH_GUESS_PX, []);
  const answers = useServerHistory(history, group.quantity, window, width);
  const units = useHearthStore(selectUnits);
  // The lines to draw are read at each sample: a new device joins without restarting the timer.
  const picks = useRef(group.picks);
  useEffect(() => {
    picks.current = group.picks;
  }, [group.picks]);
  useEffect(() => {
    const sample = () => {
      if (document.visibilityState !== 'visible') return;
      const { fleet, settings, rollups, outages } = useHearthStore.getState();
      const drawn = picks.current.slice(0, MAX_LINES);
      const toMs = Date.now();
      const request = {
        fromMs: window.ms === null ? null : toMs - window.ms,
        toMs,
        buckets: BUCKETS,
        gapMs: settings.staleAfterSec * 1000,
        rollups,
        outages,
        units,
        precisionOf: (device: string, metric: string) => settings.precision[precisionKey(device, metric)],
      };
      const built =
        answers === null
          ? buildChartSeries(fleet, drawn, request)
          : historyChartSeries(fleet, drawn, answers, request);
      // A redraw is a transition: React draws the chart between frames, not in one long task.
      startTransition(() => setSnapshot({ fromMs: built.fromMs, toMs, series: built.series }));
    };
    sample();
    let timer: ReturnType<typeof setInterval> | undefined;
    const offset = setTimeout(
      () => {
        sample();
        timer = setInterval(sample, window.sampleMs);
      },
      ((stagger % count) * window.sampleMs) / Math.max(1, count),
    );
    document.addEventListener('visibilitychange', sample);
    return () => {
      clearTimeout(offset);
      clearInterval(timer);
      document.removeEventListener('visibilitychange', sample);
    };
  }, [window, stagger, count, units, answers]);

  const series = snapshot?.series ?? [];
  const points = series.reduce((n, s) => n + s.points.length, 0);
  const unit = displayScale(group.quantity, group.unit, units).unit;
  const omitted = group.picks.length - MAX_LINES;
  return (
    <figure ref={figure} data-chart={group.key} data-points={points} className="min-w-0">
      {/* A reading of no known quantity is titled by its native name: network text, cut to two lines. */}
      <figcaption
        className="mb-1 line-clamp-2 text-sm font-medium [overflow-wrap:anywhere]"
        title={clipText(group.title)}
      >
        {clipText(group.title)}
        {unit !== '' && ` (${clipText(unit, UNIT_SHOWN_MAX)})`}
      </figcaption>
      {series.length === 0 || snapshot === null ? (
        <p className="flex h-24 items-center justify-center rounded-lg bg-slate-50 text-sm text-slate-600 dark:bg-slate-800/50 dark:text-slate-300">
          No readings in this window
        </p>
      ) : (
        <MetricChart series={series} fromMs={snapshot.fromMs} toMs={snapshot.toMs} />
      )}
      <ChartLegend series={series} />
      {omitted > 0 && (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
          Showing {MAX_LINES} of {group.picks.length} lines; use “Find a device” to choose others.
        </p>
      )}
    </figure>
  );
}
