import type { ConnectionStatus } from '../../core/connectionStatus';
import { useNow } from '../../store/clock';
import { selectConnection } from '../../store/selectors';
import { useHearthStore } from '../../store/store';

const TONE: Record<ConnectionStatus['kind'], string> = {
  connecting: 'bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100',
  connected: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100',
  reconnecting: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100',
  disconnected: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
  error: 'bg-red-600 text-white',
};

/** The connection state, always on screen, with its cause and the next attempt's countdown. */
export function ConnectionBadge() {
  const status = useHearthStore(selectConnection);
  const now = useNow();
  const { label, detail } = wordsFor(status, now);
  return (
    <div
      data-connection={status.kind}
      role="status"
      aria-live="polite"
      title={detail ?? label}
      className={`flex min-w-0 max-w-full items-center gap-2 rounded-full px-3 py-1 text-sm font-medium ${TONE[status.kind]}`}
    >
      <span
        aria-hidden="true"
        className={`size-2 shrink-0 rounded-full bg-current ${status.kind === 'connecting' ? 'animate-pulse' : ''}`}
      />
      <span className="shrink-0">{label}</span>
      {detail !== null && <span className="min-w-0 truncate font-normal">{detail}</span>}
    </div>
  );
}

function wordsFor(status: ConnectionStatus, now: number): { label: string; detail: string | null } {
  switch (status.kind) {
    case 'connecting':
      return { label: 'Connecting…', detail: null };
    case 'connected':
      return { label: 'Connected', detail: null };
    case 'reconnecting':
      return { label: 'Reconnecting', detail: `${status.cause}${countdown(status.nextAt, now)}` };
    case 'disconnected':
      return { label: 'Disconnected', detail: status.reason };
    case 'error':
      return { label: 'Error', detail: `${status.cause}${countdown(status.nextAt, now)}` };
  }
}

function countdown(nextAt: number | null, now: number): string {
  if (nextAt === null) return '';
  const sec = Math.ceil((nextAt - now) / 1000);
  return sec > 0 ? ` · retrying in ${sec} s` : ' · retrying now';
}
