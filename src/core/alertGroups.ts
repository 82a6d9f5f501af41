import type { Alert, AlertKind } from './alerts';
import { splitDeviceKey } from './device';
import { lazily } from './lazily';

/**
 * More alerts of one kind than this fold into one row. A handful stays one row each, as it always
 * was: a person reads five names at a glance, and 2,000 rows put 11,000 elements on a wall tablet.
 */
export const ALERT_GROUP_AFTER = 5;
/** Rows an opened group draws at once: a screenful on a phone, bounded whatever the fleet does. */
export const ALERT_PAGE_SIZE = 20;
/** Names a closed group shows, so the newest unacknowledged devices stay in sight. */
export const ALERT_GROUP_PREVIEW = 3;

/** Alerts of one kind (threshold alerts: of one rule) shown as one row. */
export interface AlertGroup {
  /** `offline`, `stale`, `battery` or `threshold:<rule>`: stable while the group lives, so an opened group stays open. */
  key: string;
  kind: AlertKind;
  /** A threshold group's rule. */
  ruleId?: string;
  /** Unacknowledged first, then newest first (the order of the list they came from). */
  alerts: readonly Alert[];
  /** How many still ask for attention. */
  unacknowledged: number;
  /** Distinct devices: a boiler with two probes past one rule is one device with two alerts. */
  devices: number;
  /** The oldest alert's time: the group has stood since then. */
  since: number;
}

/** One row of the alert panel: an alert of its own, or a group standing for many. */
export type AlertRow = { type: 'alert'; alert: Alert } | { type: 'group'; group: AlertGroup };

/** Which group an alert falls in: its kind, and for a threshold alert its rule (else its words). */
export function alertGroupKey(alert: Alert): string {
  if (alert.kind !== 'threshold') return alert.kind;
  return `threshold:${alert.ruleId ?? alert.words ?? ''}`;
}

/**
 * Folds alerts (newest first, as the alert book keeps them) into rows: a kind with more than
 * `groupAfter` alerts becomes one group row, standing where its newest alert stood; every other
 * alert keeps its own row in its place, so a list of a few reads exactly as before. O(n).
 */
export function groupAlerts(alerts: readonly Alert[], groupAfter: number = ALERT_GROUP_AFTER): AlertRow[] {
  const members = new Map<string, Alert[]>();
  for (const alert of alerts) {
    const key = alertGroupKey(alert);
    const list = members.get(key);
    if (list === undefined) members.set(key, [alert]);
    else list.push(alert);
  }
  const rows: AlertRow[] = [];
  const placed = new Set<string>();
  for (const alert of alerts) {
    const key = alertGroupKey(alert);
    const list = members.get(key) ?? [];
    if (list.length <= groupAfter) {
      rows.push({ type: 'alert', alert });
    } else if (!placed.has(key)) {
      placed.add(key);
      rows.push({ type: 'group', group: toGroup(key, list) });
    }
  }
  return rows;
}

function toGroup(key: string, alerts: readonly Alert[]): AlertGroup {
  // Unacknowledged before acknowledged; within each, the list's own order (newest first).
  const open = alerts.filter((alert) => !alert.acknowledged);
  const seen = alerts.filter((alert) => alert.acknowledged);
  const first = alerts[0] as Alert;
  let since = first.raisedAt;
  for (const alert of alerts) if (alert.raisedAt < since) since = alert.raisedAt;
  return {
    key,
    kind: first.kind,
    ...(first.kind === 'threshold' && first.ruleId !== undefined ? { ruleId: first.ruleId } : {}),
    alerts: [...open, ...seen],
    unacknowledged: open.length,
    devices: new Set(alerts.map((alert) => alert.device)).size,
    since,
  };
}

/** A page of alerts, and where it sits among those that match. */
export interface AlertPage {
  alerts: readonly Alert[];
  /** Zero-based, clamped to the pages there are (a group that shrank shows its last page). */
  page: number;
  pages: number;
  /** Position of this page's first alert among the matching ones, zero-based. */
  offset: number;
  /** Alerts that match the query (all of them when it is empty). */
  matching: number;
}

/**
 * Page `page` of the alerts whose device matches `query`: its name (`labelOf` its key) or native
 * id contains it, in any case. An empty query matches all. A page past the end is the last one;
 * no match is one empty page.
 */
export function pageOfAlerts(
  alerts: readonly Alert[],
  options: { query: string; page: number; pageSize?: number; labelOf: (deviceKey: string) => string },
): AlertPage {
  const pageSize = Math.max(1, options.pageSize ?? ALERT_PAGE_SIZE);
  const needle = options.query.trim().toLowerCase();
  const matching =
    needle === ''
      ? alerts
      : alerts.filter(
          (alert) =>
            splitDeviceKey(alert.device).nativeId.toLowerCase().includes(needle) ||
            options.labelOf(alert.device).toLowerCase().includes(needle),
        );
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(Math.max(0, Math.floor(options.page)), pages - 1);
  const offset = page * pageSize;
  return {
    alerts: matching.slice(offset, offset + pageSize),
    page,
    pages,
    offset,
    matching: matching.length,
  };
}

const COUNT = lazily(() => new Intl.NumberFormat('en-US'));

/** A count as the alert panel writes it: "2,000" (grouped, so a big number reads at a glance). */
export function formatCount(count: number): string {
  return COUNT().format(count);
}

/**
 * What an active group is about, count first: "2,000 devices offline", "37 devices silent",
 * "12 low batteries", "14 devices: temperature above 28 °C". `ruleWords` is a threshold rule in
 * the units shown now; without it, the words saved when the first alert fired.
 */
export function describeAlertGroup(group: AlertGroup, ruleWords?: string): string {
  switch (group.kind) {
    case 'offline':
      return `${formatCount(group.devices)} devices offline`;
    case 'stale':
      return `${formatCount(group.devices)} devices silent`;
    case 'battery':
      return `${formatCount(group.alerts.length)} low batteries`;
    case 'threshold':
      return `${formatCount(group.devices)} devices: ${ruleWords ?? group.alerts[0]?.words ?? 'past a limit'}`;
  }
}

/**
 * What a group of resolved alerts was about: "37 offline alerts, resolved". Counted in alerts,
 * not devices: a device that dropped twice is in the log twice.
 */
export function describeLogGroup(group: AlertGroup, ruleWords?: string): string {
  const count = formatCount(group.alerts.length);
  switch (group.kind) {
    case 'offline':
      return `${count} offline alerts, resolved`;
    case 'stale':
      return `${count} silence alerts, resolved`;
    case 'battery':
      return `${count} low-battery alerts, resolved`;
    case 'threshold':
      return `${count} resolved: ${ruleWords ?? group.alerts[0]?.words ?? 'past a limit'}`;
  }
}
