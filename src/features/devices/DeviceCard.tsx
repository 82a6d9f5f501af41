import { memo } from 'react';
import { formatAgo, formatValue } from '../../components/format';
import { StatusBadge } from '../../components/StatusBadge';
import { type Device, deviceLabel, type Metric } from '../../core/device';
import { useNow } from '../../store/clock';
import { selectDevice } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { DeviceControls } from './DeviceControls';
import { Sparkline } from './Sparkline';

const STATUS_RING: Record<Device['status'], string> = {
  online: 'border-slate-200 dark:border-slate-800',
  offline: 'border-red-500 ring-2 ring-red-500/30 dark:border-red-500',
  stale: 'border-amber-400 dark:border-amber-500',
  unknown: 'border-slate-200 border-dashed dark:border-slate-700',
};

/** One device: its status, every metric's latest value with unit, a sparkline, last seen. */
export const DeviceCard = memo(function DeviceCard({ id }: { id: string }) {
  const device = useHearthStore(selectDevice(id));
  const kiosk = useHearthStore((s) => s.settings.kiosk);
  const openDevice = useHearthStore((s) => s.openDevice);
  const staleAfterSec = useHearthStore((s) => s.settings.staleAfterSec);
  const readonly = useHearthStore((s) => s.settings.readonly);
  if (device === undefined) return null;
  const metrics = [...device.metrics.values()];
  const trend = metrics.find((m) => m.name.toLowerCase() === 'temperature') ?? metrics[0];
  const unreadable = device.invalidCount + device.oversizeCount;
  const label = deviceLabel(device);
  const controls = device.controls ?? [];
  return (
    <article
      data-device-id={device.id}
      data-status={device.status}
      aria-label={`${label}, ${device.status}`}
      // Off-screen cards skip layout and paint entirely (content-visibility), so a busy fleet
      // costs only the cards in view; the intrinsic size keeps the scrollbar honest.
      className={`relative flex min-w-0 flex-col gap-2 rounded-xl border bg-white p-3 shadow-sm [contain-intrinsic-size:auto_11rem] [content-visibility:auto] dark:bg-slate-900 ${STATUS_RING[device.status]}`}
    >
      <header className="flex min-w-0 items-center justify-between gap-2">
        <h3
          className={`min-w-0 truncate font-semibold ${kiosk ? 'text-xl' : 'text-base'}`}
          title={label === device.id ? device.id : `${label} (${device.id})`}
        >
          {/* The whole card is the target (after:inset-0): a big, easy tap on a wall tablet. */}
          <button
            type="button"
            onClick={() => openDevice(device.id)}
            aria-label={`${label}: open charts`}
            className="max-w-full truncate text-left after:absolute after:inset-0 after:rounded-xl after:content-[''] focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-orange-600"
          >
            {label}
          </button>
        </h3>
        <StatusBadge status={device.status} />
      </header>
      {metrics.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">No readings yet</p>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] items-baseline gap-x-3 gap-y-1">
          {metrics.map((metric) => (
            <MetricRow key={metric.name} metric={metric} large={kiosk} />
          ))}
        </dl>
      )}
      {controls.length > 0 && !readonly && <DeviceControls device={device} controls={controls} />}
      {device.note !== undefined && (
        <p className="text-xs text-slate-600 dark:text-slate-300">{device.note}</p>
      )}
      {trend !== undefined && (
        <div className="text-orange-600 dark:text-orange-400">
          <Sparkline metric={trend} gapMs={staleAfterSec * 1000} />
        </div>
      )}
      <footer className="flex flex-wrap justify-between gap-x-2 text-xs text-slate-600 dark:text-slate-300">
        <LastSeen at={device.lastSeenAt} />
        {unreadable > 0 && (
          <span
            data-invalid-count={unreadable}
            title={device.lastProblem ?? undefined}
            className="relative z-10"
          >
            {unreadable} unreadable {unreadable === 1 ? 'message' : 'messages'}
          </span>
        )}
      </footer>
    </article>
  );
});

function MetricRow({ metric, large }: { metric: Metric; large: boolean }) {
  return (
    <>
      <dt className="min-w-0 truncate text-sm text-slate-600 dark:text-slate-300" title={metric.name}>
        {metric.label ?? metric.name}
      </dt>
      <dd
        className={`min-w-0 truncate text-right font-semibold tabular-nums ${large ? 'text-5xl' : 'text-2xl'}`}
      >
        <span data-metric={metric.name}>{formatValue(metric.value)}</span>
        {metric.unit !== '' && (
          <span data-unit className="ml-1 text-sm font-normal text-slate-600 dark:text-slate-300">
            {metric.unit}
          </span>
        )}
      </dd>
    </>
  );
}

function LastSeen({ at }: { at: number }) {
  const now = useNow();
  // A device announced (Home Assistant discovery, Homie) but silent since has no time yet.
  if (at === 0) return <span data-last-seen={0}>not heard from yet</span>;
  return <span data-last-seen={at}>last seen {formatAgo(at, now)}</span>;
}
