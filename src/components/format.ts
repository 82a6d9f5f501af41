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

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Local wall-clock time, e.g. 14:32:05. */
export function formatClock(ms: number): string {
  return timeFormat.format(ms);
}
