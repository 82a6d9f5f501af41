import type { Device, Fleet } from './device';
import type { ThresholdEvent } from './thresholds';

export type AlertKind = 'offline' | 'stale' | 'threshold' | 'battery';

export interface Alert {
  id: number;
  /** The device's key (`deviceKey`): a generic and a Tasmota `kitchen` alert each on their own. */
  device: string;
  kind: AlertKind;
  raisedAt: number;
  /** Null while active. */
  resolvedAt: number | null;
  acknowledged: boolean;
  /** For a threshold alert: the rule that raised it and the rule in words ("temperature above 28 °C"). */
  ruleId?: string;
  /** For a threshold alert: the reading (native name) past the limit; for a battery alert: the battery. */
  metric?: string;
  /** What happened in words: the rule ("temperature above 28 °C"), the battery ("battery at 12 %"). */
  words?: string;
  /** How many times the device came back and dropped again within FLAP_WINDOW_MS (collapsed here). */
  flaps?: number;
}

export interface AlertBook {
  /**
   * Newest first; per device at most one offline-or-stale alert, one battery alert, and one
   * threshold alert per rule and reading.
   */
  active: readonly Alert[];
  /** Resolved alerts, newest first, capped at ALERT_LOG_MAX. */
  log: readonly Alert[];
  nextId: number;
}

export const ALERT_LOG_MAX = 200;
/** A device that drops again this soon after its alert resolved is flapping: reopen, do not repeat. */
export const FLAP_WINDOW_MS = 30_000;
export const EMPTY_ALERTS: AlertBook = { active: [], log: [], nextId: 1 };

/**
 * Brings the alerts in line with the devices whose status changed: an offline or stale
 * device has exactly one active alert of that kind; a device that is online again has its
 * alert resolved and moved to the log. An offline alert replaces a stale one and vice versa.
 * A device that flaps (drops again within FLAP_WINDOW_MS of its alert resolving) gets that
 * alert back, counted in `flaps`, instead of a new alert each time.
 */
export function reconcileAlerts(
  book: AlertBook,
  fleet: Fleet,
  changedIds: readonly string[],
  nowMs: number,
): AlertBook {
  if (changedIds.length === 0) return book;
  // Look-up tables built once, so a whole fleet going silent at once (thousands of changed
  // devices) costs one pass over the alerts, not one per device.
  const silenceAlerts = new Map<string, Alert>();
  for (const alert of book.active) {
    if ((alert.kind === 'offline' || alert.kind === 'stale') && !silenceAlerts.has(alert.device))
      silenceAlerts.set(alert.device, alert);
  }
  let recentByDevice: Map<string, Alert[]> | null = null;
  const recentLogged = (id: string, kind: AlertKind): Alert | undefined => {
    if (recentByDevice === null) {
      recentByDevice = new Map();
      for (const alert of book.log) {
        if (alert.resolvedAt === null || nowMs - alert.resolvedAt > FLAP_WINDOW_MS) continue;
        const list = recentByDevice.get(alert.device);
        if (list === undefined) recentByDevice.set(alert.device, [alert]);
        else list.push(alert);
      }
    }
    return recentByDevice.get(id)?.find((alert) => alert.kind === kind && !reopened.has(alert));
  };
  const raised: Alert[] = [];
  const resolved = new Set<Alert>();
  const reopened = new Set<Alert>();
  let nextId = book.nextId;
  for (const id of changedIds) {
    const device = fleet.devices.get(id);
    const status = device?.remembered === true ? undefined : device?.status;
    const wanted: AlertKind | null = status === 'offline' || status === 'stale' ? status : null;
    const current = silenceAlerts.get(id);
    if (current?.kind === wanted) continue;
    if (current !== undefined) {
      silenceAlerts.delete(id);
      resolved.add(current);
    }
    if (wanted === null) continue;
    const recent = recentLogged(id, wanted);
    const alert: Alert =
      recent !== undefined
        ? { ...recent, resolvedAt: null, flaps: (recent.flaps ?? 0) + 1 }
        : { id: nextId++, device: id, kind: wanted, raisedAt: nowMs, resolvedAt: null, acknowledged: false };
    if (recent !== undefined) reopened.add(recent);
    silenceAlerts.set(id, alert);
    raised.push(alert);
  }
  if (raised.length === 0 && resolved.size === 0) return book;
  // Newest first in both lists, as if each change had been prepended in turn; an alert raised
  // and resolved within this one call never shows.
  const raisedNow = raised.filter((alert) => !resolved.has(alert));
  const raisedHere = new Set(raised);
  const newlyResolved = [...resolved].filter((alert) => !raisedHere.has(alert));
  const active = [...raisedNow.reverse(), ...book.active.filter((alert) => !resolved.has(alert))];
  const log = [
    ...newlyResolved.reverse().map((alert) => ({ ...alert, resolvedAt: nowMs })),
    ...book.log.filter((alert) => !reopened.has(alert)),
  ].slice(0, ALERT_LOG_MAX);
  return { active, log, nextId };
}

/**
 * Brings threshold alerts in line with what `evaluateRules` raised and resolved: one active alert
 * per device, rule and reading (two probes of one boiler alert each), moved to the log when its
 * rule resolves. Other alerts are untouched, and a threshold alert does not replace them (a
 * device can be both silent and hot).
 */
export function applyThresholdEvents(
  book: AlertBook,
  raised: readonly ThresholdEvent[],
  resolved: readonly ThresholdEvent[],
  nowMs: number,
): AlertBook {
  if (raised.length === 0 && resolved.length === 0) return book;
  let active = book.active;
  let log = book.log;
  let nextId = book.nextId;
  const isFor = (alert: Alert, event: ThresholdEvent) =>
    alert.kind === 'threshold' &&
    alert.device === event.device &&
    alert.ruleId === event.ruleId &&
    (alert.metric === undefined || alert.metric === event.metric);
  for (const event of resolved) {
    const current = active.find((alert) => isFor(alert, event));
    if (current === undefined) continue;
    active = active.filter((alert) => alert !== current);
    log = [{ ...current, resolvedAt: nowMs }, ...log].slice(0, ALERT_LOG_MAX);
  }
  for (const event of raised) {
    if (active.some((alert) => isFor(alert, event))) continue;
    const alert: Alert = {
      id: nextId++,
      device: event.device,
      kind: 'threshold',
      raisedAt: event.at,
      resolvedAt: null,
      acknowledged: false,
      ruleId: event.ruleId,
      metric: event.metric,
      words: event.words,
    };
    active = [alert, ...active];
  }
  if (active === book.active && log === book.log) return book;
  return { active, log, nextId };
}

/** A battery at or under this percent raises an alert… */
export const BATTERY_LOW_PERCENT = 15;
/** …which resolves only above this one, so a battery wavering at the line alerts once. */
export const BATTERY_OK_PERCENT = 20;

/**
 * The lowest battery percent of a device that counts, or null: none at all, or the device
 * reports external power (a USB-powered Shelly H&T says 0 %, and nothing is wrong).
 */
export function batteryPercent(device: Device): number | null {
  let lowest: number | null = null;
  for (const metric of device.metrics.values()) {
    if (metric.externalPower === true) return null;
    if (metric.quantity !== 'battery' || !Number.isFinite(metric.value)) continue;
    if (lowest === null || metric.value < lowest) lowest = metric.value;
  }
  return lowest;
}

/**
 * Brings battery alerts in line with the batteries of `deviceIds` (keys): one alert per device
 * once its battery is at or under BATTERY_LOW_PERCENT, resolved once it is above
 * BATTERY_OK_PERCENT, on external power, or gone with its device. In between nothing moves.
 */
export function reconcileBatteries(
  book: AlertBook,
  fleet: Fleet,
  deviceIds: Iterable<string>,
  nowMs: number,
): AlertBook {
  // One look-up table per call, not a scan of the active alerts per touched device.
  const batteryAlerts = new Map<string, Alert>();
  for (const alert of book.active) {
    if (alert.kind === 'battery' && !batteryAlerts.has(alert.device)) batteryAlerts.set(alert.device, alert);
  }
  const raised: Alert[] = [];
  const resolved: Alert[] = [];
  let nextId = book.nextId;
  for (const id of deviceIds) {
    const device = fleet.devices.get(id);
    const percent = device === undefined ? null : batteryPercent(device);
    const current = batteryAlerts.get(id);
    if (current !== undefined && (percent === null || percent > BATTERY_OK_PERCENT)) {
      batteryAlerts.delete(id);
      resolved.push(current);
    } else if (current === undefined && percent !== null && percent <= BATTERY_LOW_PERCENT) {
      const alert: Alert = {
        id: nextId++,
        device: id,
        kind: 'battery',
        raisedAt: nowMs,
        resolvedAt: null,
        acknowledged: false,
        words: `battery at ${Math.round(percent)} %`,
      };
      batteryAlerts.set(id, alert);
      raised.push(alert);
    }
  }
  if (raised.length === 0 && resolved.length === 0) return book;
  // Newest first, in both lists, as if each change had been prepended in turn.
  const gone = new Set(resolved);
  const active = [...raised.reverse(), ...book.active].filter((alert) => !gone.has(alert));
  const log = [...resolved.reverse().map((alert) => ({ ...alert, resolvedAt: nowMs })), ...book.log].slice(
    0,
    ALERT_LOG_MAX,
  );
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

/**
 * Marks many active alerts as seen at once (a group of 2,000 silent devices): one pass over the
 * book, not one per alert. The book is returned as it was when none of them needed it.
 */
export function acknowledgeAlerts(book: AlertBook, alertIds: Iterable<number>): AlertBook {
  const ids = new Set(alertIds);
  if (!book.active.some((alert) => ids.has(alert.id) && !alert.acknowledged)) return book;
  return {
    ...book,
    active: book.active.map((alert) =>
      ids.has(alert.id) && !alert.acknowledged ? { ...alert, acknowledged: true } : alert,
    ),
  };
}
