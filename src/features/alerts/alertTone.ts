import type { AlertKind } from '../../core/alerts';

/** The mark beside an alert or a group of them: a warning, a stopwatch for silence, a battery. */
export const ALERT_ICONS: Record<AlertKind, string> = {
  offline: '⚠',
  stale: '⏱',
  threshold: '⚠',
  battery: '🔋',
};

/** An offline device is loud (red); everything else asks for attention (amber). */
export function alertTone(kind: AlertKind): string {
  return kind === 'offline'
    ? 'bg-red-600 text-white'
    : 'bg-amber-100 text-amber-950 dark:bg-amber-900/70 dark:text-amber-50';
}
