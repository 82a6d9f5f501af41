import { memo } from 'react';
import { CONVENTION_NAMES, ConventionBadge } from '../../components/ConventionBadge';
import { formatAgo } from '../../components/format';
import { useElementView } from '../../components/inView';
import { StatusBadge } from '../../components/StatusBadge';
import { clipText } from '../../core/clip';
import type { Device, Metric } from '../../core/device';
import { deviceDisplayName, isReadingHidden } from '../../core/roomSections';
import type { ViewGate } from '../../core/viewGate';
import { useClockText } from '../../store/clock';
import { useLiveStore } from '../../store/live';
import { selectDevice } from '../../store/selectors';
import { CardTools } from './CardTools';
import { sameCardFrame, sortCardReadings } from './cardReadings';
import { useCardSettings } from './cardSettings';
import { DeviceControls } from './DeviceControls';
import { DiagnosticsLine } from './DiagnosticsLine';
import { useLiveLastSeen, useLiveSparklineMetric } from './liveReadings';
import { MetricRow } from './MetricRow';
import { Sparkline } from './Sparkline';

const STATUS_RING: Record<Device['status'], string> = {
  online: 'border-slate-200 dark:border-slate-800',
  offline: 'border-red-500 ring-2 ring-red-500/30 dark:border-red-500',
  stale: 'border-amber-400 dark:border-amber-500',
  unknown: 'border-slate-200 border-dashed dark:border-slate-700',
};

/**
 * One device: its name, convention and status, each reading in the user's units, its controls,
 * a details line for diagnostics, a sparkline of its first measurement, when it was last seen.
 * `id` is the device's key; the page shows its native id (`data-device-id`) and convention.
 */
export const DeviceCard = memo(function DeviceCard({ id }: { id: string }) {
  // The card's frame: drawn again only when more than values change (see sameCardFrame); each
  // row, the sparkline, the controls and "last seen" follow their readings themselves. Changes
  // arrive as a transition, rendered between frames (see live.ts).
  const device = useLiveStore(id, selectDevice(id), sameCardFrame);
  // A view account (or a read-only screen) reads a switch's state as a word, not a control.
  const { kiosk, openDevice, staleAfterSec, mayControl, layout, view, editing } = useCardSettings();
  // The sparkline and "last seen" follow their data only while the card is in or near the window.
  const inView = useElementView();
  const entry = layout.devices[id];
  if (device === undefined) return null;
  const name = deviceDisplayName(layout, device);
  const hidden = editing && entry?.hidden === true;
  const controls = mayControl ? (device.controls ?? []) : [];
  const { rows, diagnostics, trend, main } = sortCardReadings(device, controls.length > 0, {
    mainReading: entry?.mainReading,
    isHidden: (metric) => isReadingHidden(layout, view, id, metric),
  });
  const unreadable = device.invalidCount + device.oversizeCount;
  // A name from the network (or the alias it was given), cut before layout: CSS clips it to two
  // lines, the detail shows it whole with the native name.
  const label = clipText(name);
  const convention = device.convention === 'generic' ? null : CONVENTION_NAMES[device.convention];
  return (
    <article
      ref={inView.watch}
      data-device-id={device.nativeId}
      data-convention={device.convention}
      data-status={device.status}
      data-device-key={device.id}
      data-hidden={hidden || undefined}
      aria-label={[label, convention, device.status].filter((part) => part !== null).join(', ')}
      // Off-screen cards skip layout and paint entirely (content-visibility), so a busy fleet
      // costs only the cards in view; the intrinsic size keeps the scrollbar honest.
      className={`relative flex min-w-0 flex-col gap-2 rounded-xl border bg-white p-3 shadow-sm [contain-intrinsic-size:auto_11rem] [content-visibility:auto] dark:bg-slate-900 ${STATUS_RING[device.status]} ${hidden ? 'opacity-60' : ''}`}
    >
      {/* The name keeps at least 8rem beside the badges; on a narrower card they wrap below it. */}
      <header className="flex min-w-0 flex-wrap items-start gap-x-2 gap-y-1">
        <h3
          className={`min-w-0 grow basis-32 font-semibold ${kiosk ? 'text-xl' : 'text-base'}`}
          title={clipText(name === device.nativeId ? name : `${name} (${device.nativeId})`)}
        >
          {/* The whole card is the target (after:inset-0): a big, easy tap on a wall tablet. */}
          <button
            type="button"
            onClick={() => openDevice(device.id)}
            aria-label={`${label}: open charts`}
            // Two lines before the ellipsis: "Main Floor · bedroom" keeps its room on a phone.
            className="line-clamp-2 max-w-full text-left [overflow-wrap:anywhere] after:absolute after:inset-0 after:rounded-xl after:content-[''] focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-orange-600"
          >
            {label}
          </button>
        </h3>
        <span className={`flex shrink-0 items-center gap-1.5 ${kiosk ? 'pt-1' : 'pt-0.5'}`}>
          <ConventionBadge convention={device.convention} />
          <StatusBadge status={device.status} />
          <CardTools id={device.id} name={name} />
        </span>
      </header>
      {rows.length === 0 && controls.length === 0 && diagnostics.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">No readings yet</p>
      ) : (
        rows.length > 0 && (
          // The value keeps its width; a long label gives way (ellipsis, whole in its title).
          <dl className="grid grid-cols-[minmax(0,1fr)_auto] items-baseline gap-x-3 gap-y-1">
            {rows.map((metric) => (
              <MetricRow
                key={metric.name}
                deviceKey={device.id}
                metric={metric}
                large={kiosk}
                main={metric === main}
              />
            ))}
          </dl>
        )
      )}
      {controls.length > 0 && <DeviceControls device={device} controls={controls} />}
      <DiagnosticsLine deviceKey={device.id} metrics={diagnostics} large={kiosk} />
      {device.note !== undefined && (
        <p className="text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">
          {clipText(device.note)}
        </p>
      )}
      {trend !== undefined && (
        <div className="text-orange-600 dark:text-orange-400">
          <LiveSparkline deviceKey={device.id} metric={trend} gapMs={staleAfterSec * 1000} gate={inView} />
        </div>
      )}
      <footer className="flex flex-wrap justify-between gap-x-2 text-xs text-slate-600 dark:text-slate-300">
        <LastSeen
          deviceKey={device.id}
          drawnAt={device.lastSeenAt}
          retainedOnly={device.metrics.size > 0}
          gate={inView}
        />
        {unreadable > 0 && (
          <span
            data-invalid-count={unreadable}
            title={device.lastProblem === null ? undefined : clipText(device.lastProblem)}
            className="relative z-10"
          >
            {unreadable} unreadable {unreadable === 1 ? 'message' : 'messages'}
          </span>
        )}
      </footer>
    </article>
  );
});

function LiveSparkline({
  deviceKey,
  metric,
  gapMs,
  gate,
}: {
  deviceKey: string;
  metric: Metric;
  gapMs: number;
  gate: ViewGate;
}) {
  return <Sparkline metric={useLiveSparklineMetric(deviceKey, metric, gate)} gapMs={gapMs} />;
}

function LastSeen({
  deviceKey,
  drawnAt,
  retainedOnly,
  gate,
}: {
  deviceKey: string;
  drawnAt: number;
  retainedOnly: boolean;
  gate: ViewGate;
}) {
  const at = useLiveLastSeen(deviceKey, drawnAt, gate);
  const ago = useClockText((nowMs) => formatAgo(at, nowMs), gate);
  // Announced (Home Assistant discovery, Homie) but silent since, or known only from what the
  // broker kept: neither says the device is there now.
  if (at === 0)
    return (
      <span data-last-seen={0}>{retainedOnly ? 'only values the broker kept' : 'not heard from yet'}</span>
    );
  return <span data-last-seen={at}>last seen {ago}</span>;
}
