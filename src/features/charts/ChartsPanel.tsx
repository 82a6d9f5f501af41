import { lazy, Suspense, useEffect, useState } from 'react';
import { Panel } from '../../components/Panel';
import { buildChartSeries, type ChartSeries, filterDeviceIds } from '../../core/chartSeries';
import { useHearthStore } from '../../store/store';
import { CHART_WINDOWS, type ChartWindow } from './chartWindows';
import { downloadCsv } from './exportCsv';

const MetricChart = lazy(() => import('../../components/MetricChart'));

/** Time buckets per line: a min and a max each, so at most 200 points per line (measured: 160 buckets made a once-a-second redraw of ten dense lines a 50-60 ms task). */
const BUCKETS = 100;
/** More lines than this are unreadable and slow to draw; the device filter picks others. */
const MAX_LINES = 12;

const CHARTS = [
  { key: 'temperature', title: 'Temperature', metrics: ['temperature', 'temp'], fallbackUnit: '°C' },
  {
    key: 'brightness',
    title: 'Brightness',
    metrics: ['brightness', 'illuminance', 'illuminance_lux', 'lux'],
    fallbackUnit: 'lx',
  },
] as const;

/** Temperature and brightness over time for all devices, in a chosen window. */
export function ChartsPanel() {
  const [windowKey, setWindowKey] = useState<ChartWindow['key']>('5m');
  const window = CHART_WINDOWS.find((w) => w.key === windowKey) ?? CHART_WINDOWS[0];
  return (
    <Panel
      title="Charts"
      id="charts-title"
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <fieldset className="flex rounded-lg border border-slate-300 p-0.5 dark:border-slate-700">
            <legend className="sr-only">Time window</legend>
            {CHART_WINDOWS.map((w) => (
              <label
                key={w.key}
                className={`flex h-10 min-w-11 cursor-pointer items-center justify-center rounded-md px-2 text-sm font-medium has-focus-visible:outline-2 ${
                  windowKey === w.key ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : ''
                }`}
              >
                <input
                  type="radio"
                  name="chart-window"
                  value={w.key}
                  checked={windowKey === w.key}
                  onChange={() => setWindowKey(w.key)}
                  className="sr-only"
                />
                {w.label}
              </label>
            ))}
          </fieldset>
          <button
            type="button"
            onClick={() => downloadCsv(window)}
            className="h-11 rounded-lg border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Export CSV
          </button>
        </div>
      }
    >
      <div className="flex flex-col gap-4">
        <OmittedNote />
        {CHARTS.map((chart, i) => (
          <TrendChart key={chart.key} chart={chart} window={window} stagger={i} />
        ))}
      </div>
    </Panel>
  );
}

function OmittedNote() {
  const omitted = useHearthStore((s) => filterDeviceIds(s.fleet.ids, s.deviceFilter).length - MAX_LINES);
  if (omitted <= 0) return null;
  return (
    <p className="text-sm text-slate-600 dark:text-slate-300">
      Showing the first {MAX_LINES} devices; {omitted} more are not drawn. Use “Find a device” to choose.
    </p>
  );
}

interface Snapshot {
  fromMs: number;
  toMs: number;
  series: ChartSeries[];
}

/**
 * One metric's chart. It samples the store at the window's pace while the page is visible,
 * never per message; the charts take turns (`stagger`) so their redraws do not add up in one task.
 */
function TrendChart({
  chart,
  window,
  stagger,
}: {
  chart: (typeof CHARTS)[number];
  window: ChartWindow;
  stagger: number;
}) {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const deviceFilter = useHearthStore((s) => s.deviceFilter);
  useEffect(() => {
    const sample = () => {
      if (document.visibilityState !== 'visible') return;
      const { fleet, settings, rollups, outages } = useHearthStore.getState();
      const ids = filterDeviceIds(fleet.ids, deviceFilter).slice(0, MAX_LINES);
      const toMs = Date.now();
      const built = buildChartSeries(fleet, ids, chart.metrics, {
        fromMs: window.ms === null ? null : toMs - window.ms,
        toMs,
        buckets: BUCKETS,
        gapMs: settings.staleAfterSec * 1000,
        rollups,
        outages,
      });
      setSnapshot({ fromMs: built.fromMs, toMs, series: built.series });
    };
    sample();
    let timer: ReturnType<typeof setInterval> | undefined;
    const offset = setTimeout(
      () => {
        sample();
        timer = setInterval(sample, window.sampleMs);
      },
      (stagger * window.sampleMs) / CHARTS.length,
    );
    document.addEventListener('visibilitychange', sample);
    return () => {
      clearTimeout(offset);
      clearInterval(timer);
      document.removeEventListener('visibilitychange', sample);
    };
  }, [window, deviceFilter, chart, stagger]);

  const series = snapshot?.series ?? [];
  const points = series.reduce((n, s) => n + s.points.length, 0);
  return (
    <figure data-chart={chart.key} data-points={points} className="min-w-0">
      <figcaption className="mb-1 text-sm font-medium">
        {chart.title} ({series[0]?.unit || chart.fallbackUnit})
      </figcaption>
      {series.length === 0 || snapshot === null ? (
        <p className="flex h-48 items-center justify-center rounded-lg bg-slate-50 text-sm text-slate-600 dark:bg-slate-800/50 dark:text-slate-300">
          No {chart.title.toLowerCase()} readings yet
        </p>
      ) : (
        <Suspense fallback={<div className="h-56" />}>
          <MetricChart series={series} fromMs={snapshot.fromMs} toMs={snapshot.toMs} />
        </Suspense>
      )}
    </figure>
  );
}
