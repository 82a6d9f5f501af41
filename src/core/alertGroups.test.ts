import { describe, expect, it } from 'vitest';
import {
  ALERT_GROUP_AFTER,
  ALERT_PAGE_SIZE,
  type AlertGroup,
  type AlertRow,
  alertGroupKey,
  describeAlertGroup,
  describeLogGroup,
  groupAlerts,
  pageOfAlerts,
} from './alertGroups';
import type { Alert, AlertKind } from './alerts';

const T0 = 1_700_000_000_000;
let nextId = 1;

function alert(kind: AlertKind, device: string, fields: Partial<Alert> = {}): Alert {
  return {
    id: nextId++,
    device: `generic/${device}`,
    kind,
    raisedAt: T0,
    resolvedAt: null,
    acknowledged: false,
    ...fields,
  };
}

/** `count` alerts of one kind, newest first as the alert book keeps them. */
function many(kind: AlertKind, count: number, prefix: string = kind): Alert[] {
  return Array.from({ length: count }, (_, i) => alert(kind, `${prefix}-${i}`, { raisedAt: T0 - i * 1000 }));
}

function hot(device: string, fields: Partial<Alert> = {}): Alert {
  return alert('threshold', device, {
    ruleId: 'hot',
    metric: 'temperature',
    words: 'temperature above 28 °C',
    ...fields,
  });
}

function groupOf(rows: readonly AlertRow[], key: string): AlertGroup {
  const row = rows.find((r) => r.type === 'group' && r.group.key === key);
  if (row?.type !== 'group') throw new Error(`no group ${key}`);
  return row.group;
}

const shape = (rows: readonly AlertRow[]) =>
  rows.map((row) =>
    row.type === 'alert' ? row.alert.device : `${row.group.key}×${row.group.alerts.length}`,
  );

describe('groupAlerts', () => {
  it('keeps a handful of one kind as rows of their own, in the order given', () => {
    const alerts = many('offline', ALERT_GROUP_AFTER);
    expect(groupAlerts(alerts)).toEqual(alerts.map((a) => ({ type: 'alert', alert: a })));
  });

  it('folds more than a handful of one kind into one row counting them all', () => {
    const rows = groupAlerts(many('stale', 2_000));
    expect(rows).toHaveLength(1);
    expect(groupOf(rows, 'stale')).toMatchObject({ kind: 'stale', devices: 2_000, unacknowledged: 2_000 });
    expect(groupOf(rows, 'stale').alerts).toHaveLength(2_000);
  });

  it('groups each kind on its own: six offline fold, three silent stay rows', () => {
    const rows = groupAlerts([...many('offline', 6), ...many('stale', 3)]);
    expect(shape(rows)).toEqual(['offline×6', 'generic/stale-0', 'generic/stale-1', 'generic/stale-2']);
  });

  it('puts a group where its newest alert stood among the others', () => {
    const low = alert('battery', 'door');
    const rows = groupAlerts([low, ...many('offline', 6), alert('stale', 'shed')]);
    expect(shape(rows)).toEqual(['generic/door', 'offline×6', 'generic/shed']);
  });

  it('groups threshold alerts per rule, not all thresholds together', () => {
    const cold = Array.from({ length: 3 }, (_, i) =>
      hot(`cellar-${i}`, { ruleId: 'cold', words: 'temperature below 5 °C' }),
    );
    const rows = groupAlerts([...Array.from({ length: 14 }, (_, i) => hot(`room-${i}`)), ...cold]);
    expect(shape(rows)).toEqual(['threshold:hot×14', ...cold.map((a) => a.device)]);
    expect(groupOf(rows, 'threshold:hot').ruleId).toBe('hot');
  });

  it('counts a device with two alerts of one rule (two probes) once among the devices', () => {
    const probes = [hot('boiler', { metric: 'flow' }), hot('boiler', { metric: 'return' })];
    const rows = groupAlerts([...probes, ...Array.from({ length: 5 }, (_, i) => hot(`room-${i}`))]);
    expect(groupOf(rows, 'threshold:hot')).toMatchObject({ devices: 6 });
    expect(groupOf(rows, 'threshold:hot').alerts).toHaveLength(7);
  });

  it('lists the unacknowledged first, newest first within each', () => {
    const alerts = many('offline', 8).map((a, i) => (i < 2 ? { ...a, acknowledged: true } : a));
    const group = groupOf(groupAlerts(alerts), 'offline');
    expect(group.alerts.map((a) => a.device)).toEqual([
      ...alerts.slice(2).map((a) => a.device),
      alerts[0]?.device,
      alerts[1]?.device,
    ]);
    expect(group.unacknowledged).toBe(6);
  });

  it('dates a group from its oldest alert', () => {
    const group = groupOf(groupAlerts(many('offline', 10)), 'offline');
    expect(group.since).toBe(T0 - 9_000);
  });

  it('gives nothing for no alerts', () => {
    expect(groupAlerts([])).toEqual([]);
  });
});

describe('alertGroupKey', () => {
  it('is the kind, and for a threshold the rule (else its words)', () => {
    expect(alertGroupKey(alert('battery', 'door'))).toBe('battery');
    expect(alertGroupKey(hot('hall'))).toBe('threshold:hot');
    expect(alertGroupKey(alert('threshold', 'hall', { words: 'humidity above 70 %' }))).toBe(
      'threshold:humidity above 70 %',
    );
  });
});

describe('pageOfAlerts', () => {
  const alerts = many('offline', 2_000, 'street');
  const labelOf = (key: string) => `Lamp ${key.slice('generic/street-'.length)}`;

  it('shows the first page of twenty by default', () => {
    const page = pageOfAlerts(alerts, { query: '', page: 0, labelOf });
    expect(page).toMatchObject({ page: 0, pages: 100, offset: 0, matching: 2_000 });
    expect(page.alerts).toEqual(alerts.slice(0, ALERT_PAGE_SIZE));
  });

  it('shows the next twenty on the next page', () => {
    const page = pageOfAlerts(alerts, { query: '', page: 1, labelOf });
    expect(page.offset).toBe(20);
    expect(page.alerts[0]).toBe(alerts[20]);
  });

  it('keeps a page past the end on the last page, which may be short', () => {
    const page = pageOfAlerts(alerts.slice(0, 45), { query: '', page: 7, labelOf });
    expect(page).toMatchObject({ page: 2, pages: 3, offset: 40 });
    expect(page.alerts).toHaveLength(5);
  });

  it('finds any one device by its native id, in any case', () => {
    const page = pageOfAlerts(alerts, { query: ' STREET-1234 ', page: 0, labelOf });
    expect(page.alerts.map((a) => a.device)).toEqual(['generic/street-1234']);
    expect(page.matching).toBe(1);
  });

  it('finds a device by the name it announced', () => {
    const page = pageOfAlerts(alerts, { query: 'lamp 1999', page: 0, labelOf });
    expect(page.alerts.map((a) => a.device)).toEqual(['generic/street-1999']);
  });

  it('does not match every device by its convention', () => {
    expect(pageOfAlerts(alerts, { query: 'generic', page: 0, labelOf }).matching).toBe(0);
  });

  it('pages what matches: 111 devices with 12 in their id', () => {
    const page = pageOfAlerts(alerts, { query: 'street-12', page: 5, labelOf });
    expect(page).toMatchObject({ matching: 111, pages: 6, page: 5, offset: 100 });
    expect(page.alerts).toHaveLength(11);
  });

  it('gives one empty page when nothing matches', () => {
    expect(pageOfAlerts(alerts, { query: 'attic', page: 3, labelOf })).toEqual({
      alerts: [],
      page: 0,
      pages: 1,
      offset: 0,
      matching: 0,
    });
  });
});

describe('describeAlertGroup', () => {
  const group = (alerts: Alert[]) => groupOf(groupAlerts(alerts), alertGroupKey(alerts[0] as Alert));

  it('says how many devices went offline or silent, the number grouped', () => {
    expect(describeAlertGroup(group(many('offline', 2_000)))).toBe('2,000 devices offline');
    expect(describeAlertGroup(group(many('stale', 37)))).toBe('37 devices silent');
  });

  it('counts low batteries', () => {
    expect(describeAlertGroup(group(many('battery', 12)))).toBe('12 low batteries');
  });

  it('names a threshold group by its rule, in the words given or those saved with the alert', () => {
    const rooms = Array.from({ length: 14 }, (_, i) => hot(`room-${i}`));
    expect(describeAlertGroup(group(rooms))).toBe('14 devices: temperature above 28 °C');
    expect(describeAlertGroup(group(rooms), 'temperature above 82.4 °F')).toBe(
      '14 devices: temperature above 82.4 °F',
    );
  });
});

describe('describeLogGroup', () => {
  it('counts resolved alerts, not devices: a device that dropped twice is in the log twice', () => {
    const twice = [alert('offline', 'hall'), alert('offline', 'hall'), ...many('offline', 5)];
    expect(describeLogGroup(groupOf(groupAlerts(twice), 'offline'))).toBe('7 offline alerts, resolved');
  });
});
