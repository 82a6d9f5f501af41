import type { EventRow, ReadingRow } from './storage.ts';

/**
 * Rows taken but not yet written: what a flush writes next, and what a failed write keeps. Bounded
 * so a database that stays down (PostgreSQL unreachable, a full disk) costs a known amount of
 * memory: past `readingsMax` the oldest readings go first, counted in `dropped`, as do events
 * past EVENTS_MAX. Plain data; the functions below change it in place.
 */
export interface WriteBacklog {
  readings: ReadingRow[];
  events: EventRow[];
  readonly readingsMax: number;
  /** Rows dropped since the recorder started (readings and events). */
  dropped: number;
}

/** Events kept unwritten at most: they are few (state changes), so this only trips on a long outage. */
export const EVENTS_MAX = 50_000;

export function createWriteBacklog(readingsMax: number): WriteBacklog {
  return { readings: [], events: [], readingsMax, dropped: 0 };
}

/** Appends new rows after the ones waiting; drops the oldest past the bounds. */
export function appendRows(
  backlog: WriteBacklog,
  readings: readonly ReadingRow[],
  events: readonly EventRow[],
): void {
  for (const row of readings) backlog.readings.push(row);
  for (const row of events) backlog.events.push(row);
  trim(backlog);
}

/**
 * Takes up to `maxRows` of the oldest rows to write (events first: they are few and matter most).
 * Give them back with `returnRows` if the write fails.
 */
export function takeRows(
  backlog: WriteBacklog,
  maxRows: number,
): { readings: ReadingRow[]; events: EventRow[] } {
  const events = backlog.events.splice(0, maxRows);
  const readings = backlog.readings.splice(0, Math.max(0, maxRows - events.length));
  return { readings, events };
}

/** Puts rows whose write failed back in front of the ones taken since, then trims to the bounds. */
export function returnRows(
  backlog: WriteBacklog,
  rows: { readings: readonly ReadingRow[]; events: readonly EventRow[] },
): void {
  backlog.readings = [...rows.readings, ...backlog.readings];
  backlog.events = [...rows.events, ...backlog.events];
  trim(backlog);
}

function trim(backlog: WriteBacklog): void {
  const readingsOver = backlog.readings.length - backlog.readingsMax;
  if (readingsOver > 0) {
    backlog.readings.splice(0, readingsOver);
    backlog.dropped += readingsOver;
  }
  const eventsOver = backlog.events.length - EVENTS_MAX;
  if (eventsOver > 0) {
    backlog.events.splice(0, eventsOver);
    backlog.dropped += eventsOver;
  }
}

/** Readings of one series in [from, to] still waiting, time order (for a chart that must not lag). */
export function pendingReadings(
  backlog: WriteBacklog,
  series: number,
  from: number,
  to: number,
): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (const row of backlog.readings) {
    if (row.series === series && row.at >= from && row.at <= to) points.push([row.at, row.value]);
  }
  return points.sort((a, b) => a[0] - b[0]);
}
