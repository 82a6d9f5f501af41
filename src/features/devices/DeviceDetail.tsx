import { lazy, Suspense, useEffect, useState } from 'react';
import { formatValue } from '../../components/format';
import { StatusBadge } from '../../components/StatusBadge';
import { buildChartSeries, type ChartSeries } from '../../core/chartSeries';
import { useHearthStore } from '../../store/store';

const MetricChart = lazy(() => import('../../components/MetricChart'));

const DETAIL_WINDOW_MS = 60 * 60 * 1000;
const SAMPLE_MS = 1000;
const BUCKETS = 300;

/** One device full screen: every metric large, each with its last hour. Tap to go back. */
export function DeviceDetail() {
  const id = useHearthStore((s) => s.openDeviceId);
  const device = useHearthStore((s) => (id === null ? undefined : s.fleet.devices.get(id)));
  const close = useHearthStore((s) => s.openDevice);
  const charts = useDeviceCharts(id);

  useEffect(() => {
    if (id === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id, close]);

  if (id === null || device === undefined) return null;
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label={`${device.id} charts`}
      data-device-detail={device.id}
      className="fixed inset-0 z-30 flex flex-col gap-4 overflow-y-auto bg-slate-50 p-4 dark:bg-slate-950"
    >
      <header className="flex min-w-0 items-center gap-3">
        <h2 className="min-w-0 truncate text-2xl font-bold" title={device.id}>
          {device.id}
        </h2>
        <StatusBadge status={device.status} />
        <button
          type="button"
          onClick={() => close(null)}
          className="ml-auto h-11 shrink-0 rounded-lg border border-slate-300 px-4 font-medium dark:border-slate-700"
        >
          Back
        </button>
      </header>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: tapping anywhere goes back; Escape and the Back button do the same for keyboards */}
      <div onClick={() => close(null)} className="grid min-w-0 flex-1 grid-cols-1 gap-4 lg:grid-cols-2">
        {[...device.metrics.values()].map((metric) => {
          const series = charts?.series[metric.name] ?? [];
          return (
            <section
              key={metric.name}
              className="min-w-0 rounded-2xl bg-white p-4 shadow-sm dark:bg-slate-900"
            >
              <h3 className="text-sm font-semibold text-slate-600 uppercase dark:text-slate-300">
                {metric.name}
              </h3>
              <p className="text-6xl font-semibold tabular-nums">
                {formatValue(metric.value)}
                <span className="ml-2 text-2xl font-normal text-slate-600 dark:text-slate-300">
                  {metric.unit}
                </span>
              </p>
              {charts !== null && series.length > 0 && (
                <Suspense fallback={<div className="h-56" />}>
                  <MetricChart series={series} fromMs={charts.fromMs} toMs={charts.toMs} />
                </Suspense>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}

function useDeviceCharts(id: string | null) {
  const [value, setValue] = useState<{
    fromMs: number;
    toMs: number;
    series: Record<string, ChartSeries[]>;
  } | null>(null);
  useEffect(() => {
    if (id === null) {
      setValue(null);
      return;
    }
    const sample = () => {
      const { fleet, settings, outages } = useHearthStore.getState();
      const device = fleet.devices.get(id);
      if (device === undefined) return;
      const toMs = Date.now();
      let fromMs = toMs;
      const series: Record<string, ChartSeries[]> = {};
      for (const name of device.metrics.keys()) {
        const built = buildChartSeries(fleet, [id], [name], {
          fromMs: toMs - DETAIL_WINDOW_MS,
          toMs,
          buckets: BUCKETS,
          gapMs: settings.staleAfterSec * 1000,
          outages,
        });
        series[name] = built.series;
        fromMs = Math.min(fromMs, built.fromMs);
      }
      setValue({ fromMs, toMs, series });
    };
    sample();
    const timer = setInterval(sample, SAMPLE_MS);
    return () => clearInterval(timer);
  }, [id]);
  return value;
}
