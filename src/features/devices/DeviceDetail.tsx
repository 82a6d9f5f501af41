import { useEffect, useState } from 'react';
import { CONVENTION_NAMES } from '../../components/ConventionBadge';
import MetricChart from '../../components/MetricChart';
import { StatusBadge } from '../../components/StatusBadge';
import { WholeText } from '../../components/WholeText';
import { buildChartSeries, type ChartSeries, isStateMetric } from '../../core/chartSeries';
import { clipText, isClipped, UNIT_SHOWN_MAX } from '../../core/clip';
import { type Device, deviceLabel, type Metric } from '../../core/device';
import { metricScale } from '../../core/display';
import { metricLabel } from '../../core/heldReading';
import { setReadingHidden } from '../../core/layoutEdits';
import { isReadingHidden, readingDisplayName } from '../../core/roomSections';
import { selectMayArrange } from '../../store/access';
import { selectChosenPrecision, selectDeviceName, selectUnits } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { PrecisionChoice } from './PrecisionChoice';
import { useLayoutChange } from './useLayoutChange';

const DETAIL_WINDOW_MS = 60 * 60 * 1000;
const SAMPLE_MS = 1000;
const BUCKETS = 300;

interface DeviceCharts {
  fromMs: number;
  toMs: number;
  /** By metric native name; a Map, as a device may name a metric `constructor` or `__proto__`. */
  series: Map<string, ChartSeries[]>;
}

/**
 * One device full screen: who it is (name, convention, native id), every reading large with its
 * native name, its decimals and its last hour. Tap to go back. Long names show clipped, and
 * whole on demand: the one place a 60,000-character name is laid out, and only when asked.
 */
export function DeviceDetail() {
  const id = useHearthStore((s) => s.openDeviceId);
  const device = useHearthStore((s) => (id === null ? undefined : s.fleet.devices.get(id)));
  const close = useHearthStore((s) => s.openDevice);
  const charts = useDeviceCharts(id);
  const shownName = useHearthStore(selectDeviceName(id ?? ''));

  useEffect(() => {
    if (id === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id, close]);

  if (id === null || device === undefined) return null;
  const native = deviceLabel(device);
  const name = shownName;
  const label = clipText(name);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label={`${label} charts`}
      data-device-detail={device.nativeId}
      data-convention={device.convention}
      className="fixed inset-0 z-30 flex flex-col gap-4 overflow-y-auto bg-slate-50 p-4 dark:bg-slate-950"
    >
      {/* A div, not a header: inside a dialog a header would be a second page banner. */}
      <div className="flex min-w-0 items-center gap-3">
        <div className="min-w-0">
          <h2 className="truncate text-2xl font-bold" title={label}>
            {label}
          </h2>
          <p
            className="truncate text-sm text-slate-600 dark:text-slate-300"
            title={clipText(device.nativeId)}
          >
            {CONVENTION_NAMES[device.convention]} ·{' '}
            <span className="font-mono">{clipText(device.nativeId)}</span>
          </p>
          {native !== name && (
            <p className="truncate text-sm text-slate-600 dark:text-slate-300" title={clipText(native)}>
              Native name: {clipText(native)}
            </p>
          )}
        </div>
        <StatusBadge status={device.status} />
        <button
          type="button"
          onClick={() => close(null)}
          className="ml-auto h-11 shrink-0 rounded-lg border border-slate-300 px-4 font-medium dark:border-slate-700"
        >
          Back
        </button>
      </div>
      {(isClipped(name) || isClipped(device.nativeId)) && (
        <div className="-mt-3 flex min-w-0 flex-col">
          <WholeText text={name} what="name" />
          {device.nativeId !== name && <WholeText text={device.nativeId} what="id" />}
        </div>
      )}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: tapping anywhere goes back; Escape and the Back button do the same for keyboards */}
      <div onClick={() => close(null)} className="grid min-w-0 flex-1 grid-cols-1 gap-4 lg:grid-cols-2">
        {[...device.metrics.values()].map((metric) => (
          <ReadingDetail key={metric.name} device={device} metric={metric} charts={charts} />
        ))}
      </div>
    </div>
  );
}

function ReadingDetail({
  device,
  metric,
  charts,
}: {
  device: Device;
  metric: Metric;
  charts: DeviceCharts | null;
}) {
  const units = useHearthStore(selectUnits);
  const chosen = useHearthStore(selectChosenPrecision(device.id, metric.name));
  const scale = metricScale(metric, units, chosen);
  const alias = useHearthStore((s) => readingDisplayName(s.layout, device.id, metric.name));
  const hidden = useHearthStore((s) => isReadingHidden(s.layout, null, device.id, metric.name));
  const mayArrange = useHearthStore(selectMayArrange);
  const apply = useLayoutChange();
  const label = alias ?? metricLabel(metric);
  const series = charts?.series.get(metric.name) ?? [];
  const isState = isStateMetric(metric);
  return (
    <section className="min-w-0 rounded-2xl bg-white p-4 shadow-sm dark:bg-slate-900">
      <header className="flex min-w-0 flex-wrap items-start justify-between gap-x-3 gap-y-1">
        <h3 className="min-w-0">
          <span className="block truncate text-sm font-semibold text-slate-600 uppercase dark:text-slate-300">
            {clipText(label)}
          </span>
          {/* The native name, as the device sends it: what to look for in its own documentation. */}
          {(metric.name !== label || metric.diagnostic) && (
            <span
              className="block truncate font-mono text-xs text-slate-600 dark:text-slate-300"
              title={clipText(metric.name)}
            >
              {clipText(metric.name)}
              {metric.diagnostic ? ' · about the device' : ''}
            </span>
          )}
        </h3>
        {hidden && mayArrange && (
          <button
            type="button"
            onClick={(e) => {
              // Showing the reading must not close the view, as a tap elsewhere does.
              e.stopPropagation();
              apply(
                setReadingHidden(useHearthStore.getState().layout, device.id, metric.name, false),
                `show of ${label}`,
              );
            }}
            className="h-11 shrink-0 rounded-lg border border-slate-300 px-3 text-sm font-medium dark:border-slate-700"
          >
            Hidden on the card · Show
          </button>
        )}
        {!isState && (
          // Choosing decimals must not close the view, as a tap elsewhere does.
          // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: only stops the click from reaching the close target; the select inside is the control
          <div onClick={(e) => e.stopPropagation()}>
            <PrecisionChoice deviceKey={device.id} metric={metric} label={clipText(label)} />
          </div>
        )}
      </header>
      {label !== metric.name && <WholeText text={label} what="reading label" />}
      <WholeText text={metric.name} what="reading name" />
      <p className="min-w-0 truncate text-6xl font-semibold tabular-nums">
        <span data-value={metric.value}>{scale.format(metric.value)}</span>
        {scale.unit !== '' && (
          <span className="ml-2 text-2xl font-normal text-slate-600 dark:text-slate-300">
            {clipText(scale.unit, UNIT_SHOWN_MAX)}
          </span>
        )}
      </p>
      {charts !== null && series.length > 0 && (
        <MetricChart series={series} fromMs={charts.fromMs} toMs={charts.toMs} />
      )}
    </section>
  );
}

function useDeviceCharts(id: string | null): DeviceCharts | null {
  const [value, setValue] = useState<DeviceCharts | null>(null);
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
      const series = new Map<string, ChartSeries[]>();
      for (const name of device.metrics.keys()) {
        const built = buildChartSeries(fleet, [{ device: id, metric: name }], {
          fromMs: toMs - DETAIL_WINDOW_MS,
          toMs,
          buckets: BUCKETS,
          gapMs: settings.staleAfterSec * 1000,
          outages,
          units: settings.units,
        });
        series.set(name, built.series);
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
