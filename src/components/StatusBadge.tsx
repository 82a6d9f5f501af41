import type { DeviceStatus } from '../core/device';

const LOOK: Record<DeviceStatus, { label: string; className: string }> = {
  online: {
    label: 'online',
    className: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100',
  },
  offline: { label: 'offline', className: 'bg-red-600 text-white dark:bg-red-600 dark:text-white' },
  stale: {
    label: 'stale',
    className: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100',
  },
  unknown: {
    label: 'unknown',
    className: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
  },
};

/** A device's status as a coloured word (colour is never the only signal). */
export function StatusBadge({ status }: { status: DeviceStatus }) {
  const look = LOOK[status];
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ${look.className}`}
    >
      <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
      {look.label}
    </span>
  );
}
