import type { Fleet } from './device';

export type AlertKind = 'offline' | 'stale';

export interface Alert {
  id: number;
  device: string;
  kind: AlertKind;
  raisedAt: number;
  /** Null while active. */
  resolvedAt: number | null;
  acknowledged: boolean;
}

export interface AlertBook {
  /** Newest first; at most one per device. */
  active: readonly Alert[];
  /** Resolved alerts, newest first, capped at ALERT_LOG_MAX. */
  log: readonly Alert[];
  nextId: number;
}

export const ALERT_LOG_MAX = 200;
export const EMPTY_ALERTS: AlertBook = { active: [], log: [], nextId: 1 };

/**
 * Brings the alerts in line with the devices whose status changed: an offline or stale
 * device has exactly one active alert of that kind; a device that is online again has its
 * alert resolved and moved to the log. An offline alert replaces a stale one and vice versa.
 */
export function reconcileAlerts(
  book: AlertBook,
  fleet: Fleet,
  changedIds: readonly string[],
  nowMs: number,
): AlertBook {
  if (changedIds.length === 0) return book;
  let active = book.active;
  let log = book.log;
  let nextId = book.nextId;
  for (const id of changedIds) {
    const status = fleet.devices.get(id)?.status;
    const wanted: AlertKind | null = status === 'offline' || status === 'stale' ? status : null;
    const current = active.find((alert) => alert.device === id);
    if (current?.kind === wanted) continue;
    if (current !== undefined) {
      active = active.filter((alert) => alert !== current);
      log = [{ ...current, resolvedAt: nowMs }, ...log].slice(0, ALERT_LOG_MAX);
    }
    if (wanted !== null) {
      const alert: Alert = {
        id: nextId++,
        device: id,
        kind: wanted,
        raisedAt: nowMs,
        resolvedAt: null,
        acknowledged: false,
      };
      active = [alert, ...active];
    }
  }
  if (active === book.active && log === book.log) return book;
  return { active, log, nextId };
}

/** Marks one active alert as seen: it stays until resolved but stops asking for attention. */
export function acknowledgeAlert(book: AlertBook, alertId: number): AlertBook {
  if (!book.active.some((alert) => alert.id === alertId && !alert.acknowledged)) return book;
  return {
    ...book,
    active: book.active.map((alert) => (alert.id === alertId ? { ...alert, acknowledged: true } : alert)),
  };
}
