import { lazily } from '../core/lazily';
/** A reading as text: the number alone, at most three decimals, no grouping (kiosks parse it). */
export function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toFixed(3)));
}

/** "just now", "12 s ago", "3 min ago", "2 h ago". */
export function formatAgo(thenMs: number, nowMs: number): string {
  const sec = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (sec < 2) return 'just now';
  if (sec < 90) return `${sec} s ago`;
  const min = Math.round(sec / 60);
  if (min < 90) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}

const timeFormat = lazily(
  () => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
);

/** Local wall-clock time, e.g. 14:32:05. */
export function formatClock(ms: number): string {
  return timeFormat().format(ms);
}

/** A span of seconds as people say it: "45 s", "12 min", "5 h 3 min", "3 d 4 h" (two units at most). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return String(seconds);
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}
