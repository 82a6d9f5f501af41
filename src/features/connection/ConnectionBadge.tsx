import { useEffect, useState } from 'react';
import type { ConnectionStatus } from '../../core/connectionStatus';
import { lazily } from '../../core/lazily';
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
      {/* On a phone, "Connected" is the green dot alone (its word stays for screen readers); trouble keeps its word. */}
      <span className={`shrink-0 ${status.kind === 'connected' ? 'max-sm:sr-only' : ''}`}>{label}</span>
      {status.kind === 'reconnecting' || status.kind === 'error' ? (
        <span className="shrink-0 font-normal">{countdown(status.nextAt, now).replace(' · ', '')}</span>
      ) : null}
    </div>
  );
}

/** The full cause of a failed connection, in a line of its own where it cannot be cut off. */
export function ConnectionProblem({ onOpenSettings }: { onOpenSettings: () => void }) {
  const status = useHearthStore(selectConnection);
  const now = useNow();
  if (status.kind !== 'error' && status.kind !== 'reconnecting') return null;
  const { detail } = wordsFor(status, now);
  return (
    <div
      data-connection-problem={status.kind}
      className={`flex flex-wrap items-center gap-x-3 gap-y-1 rounded-xl px-4 py-2 text-sm ${
        status.kind === 'error'
          ? 'bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-50'
          : 'bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-50'
      }`}
    >
      <p className="min-w-0 flex-1 break-words">
        <strong>{status.kind === 'error' ? 'Cannot connect: ' : 'Connection lost: '}</strong>
        {detail}
      </p>
      {status.kind === 'error' && (
        <button type="button" onClick={onOpenSettings} className="h-11 rounded-lg px-2 font-medium underline">
          Check settings
        </button>
      )}
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

/** How long after a gap the screen says what it missed. */
const MISSED_NOTE_MS = 10 * 60_000;
/**
 * Shorter gaps go unsaid: every reload and reconnect has a few seconds of catch-up, and a banner
 * after each would teach people to ignore it.
 */
const MISSED_NOTE_MIN_GAP_MS = 10_000;

/**
 * While the live connection is not up, says plainly that what is on screen is old: restored
 * from the last visit, or the last values received before the connection dropped. Once it is
 * back, says for a while what the screen missed (a sleep, a lost broker, a closed page): the
 * messages sent then are gone unless the broker kept them.
 */
export function DataAgeNote() {
  const connected = useHearthStore((s) => s.connection.kind === 'connected');
  const hasDevices = useHearthStore((s) => s.fleet.ids.length > 0);
  const offline = useBrowserOffline();
  // The time of the last data matters only while none arrives: read while listening, it changed
  // at every fold and rendered this note synchronously each time.
  const lastDataAt = useHearthStore((s) =>
    s.connection.kind === 'connected' && !offline ? (s.lastDataAt === null ? null : 0) : s.lastDataAt,
  );
  const missed = useHearthStore((s) => s.outages.at(-1));
  const now = useNow();
  if (!hasDevices || lastDataAt === null) return null;
  if (connected && !offline) {
    if (
      missed === undefined ||
      now - missed.to > MISSED_NOTE_MS ||
      missed.to - missed.from < MISSED_NOTE_MIN_GAP_MS
    )
      return null;
    const withSeconds = missed.to - missed.from < 2 * 60_000;
    return (
      <p
        data-missed-from={missed.from}
        data-missed-to={missed.to}
        className="rounded-xl bg-slate-200 px-4 py-2 text-sm text-slate-900 dark:bg-slate-800 dark:text-slate-100"
      >
        <strong>
          Not listening {formatDataTime(missed.from, withSeconds)}–{formatDataTime(missed.to, withSeconds)}
        </strong>
        : readings sent then may be missing; values since then are live.
      </p>
    );
  }
  return (
    <p
      data-data-age={lastDataAt}
      className="rounded-xl bg-slate-200 px-4 py-2 text-sm text-slate-900 dark:bg-slate-800 dark:text-slate-100"
    >
      <strong>{offline ? 'Offline' : 'Not connected'}</strong>, showing data from {formatDataTime(lastDataAt)}
      .
    </p>
  );
}

function useBrowserOffline(): boolean {
  const [offline, setOffline] = useState(() => typeof navigator !== 'undefined' && !navigator.onLine);
  useEffect(() => {
    const update = () => setOffline(!navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return offline;
}

const sameDay = lazily(() => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }));
const sameDaySeconds = lazily(
  () => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
);
const otherDay = lazily(
  () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
);

function formatDataTime(ms: number, withSeconds = false): string {
  if (new Date(ms).toDateString() !== new Date().toDateString()) return otherDay().format(ms);
  return withSeconds ? sameDaySeconds().format(ms) : sameDay().format(ms);
}
