import type { AlertBook } from './alerts';
import { type ConventionId, deviceKey, savedDeviceKey } from './device';
import { newHandle } from './heldReading';
import { convert, decimalsOf, type QuantityId, quantityOf, resolveReading } from './quantity';
import type { Rollup } from './rollup';
import { type PersistedDevice, type PersistedMetric, type Snapshot, seriesKey } from './snapshot';

/**
 * Reads what an earlier version saved as this version's data, so nothing a user had is lost on
 * an upgrade. Before device keys, a device was saved under its native id (a generic `kitchen`
 * and a Tasmota `kitchen` were one), and before quantities a metric held its value as sent, with
 * no quantity or handle, and rollups kept no last value per bucket.
 */

/** The metric fields versions before quantities did not save. */
type QuantityFields = 'handle' | 'quantity' | 'sourceUnit' | 'precision' | 'decimals' | 'diagnostic';

/** A metric as any version saved it. */
export type SavedMetric = Omit<PersistedMetric, QuantityFields> &
  Partial<Pick<PersistedMetric, QuantityFields>>;

/** A device as any version saved it: without a native id, `id` was the native id. */
export type SavedDevice = Omit<PersistedDevice, 'nativeId' | 'convention' | 'metrics'> & {
  nativeId?: string;
  convention?: ConventionId;
  metrics: ReadonlyMap<string, SavedMetric>;
};

/** A rollup as any version saved it. */
export type SavedRollup = Omit<Rollup, 'lasts' | 'aggregation'> &
  Partial<Pick<Rollup, 'lasts' | 'aggregation'>>;

export interface SavedSeries {
  device: string;
  metric: string;
  rollups: { minute: SavedRollup; tenMinute: SavedRollup };
}

export interface SavedSnapshot extends Omit<Snapshot, 'devices' | 'series'> {
  devices: SavedDevice[];
  series: SavedSeries[];
}

export interface Migration {
  snapshot: Snapshot;
  /** What the store held under an old key and now holds under a new one: delete the old records. */
  replaced: { devices: string[]; series: string[] };
}

/** How a metric's saved values become held ones: v × scale + shift (identity when nothing changed). */
interface ValueChange {
  quantity: QuantityId | null;
  scale: number;
  shift: number;
}

const UNCHANGED: ValueChange = { quantity: null, scale: 1, shift: 0 };

/**
 * A device as this version saves it (the same object when it already is): keyed by
 * `deviceKey(convention ?? 'generic', id)`, each metric placed in the vocabulary (quantity and
 * held value by `resolveReading` from its name and saved unit, history converted alike, a handle).
 */
export function migrateDevice(saved: SavedDevice): PersistedDevice {
  return migrateDeviceWithChanges(saved).device;
}

function migrateDeviceWithChanges(saved: SavedDevice): {
  device: PersistedDevice;
  changes: Map<string, ValueChange>;
} {
  const changes = new Map<string, ValueChange>();
  const legacyId = saved.nativeId === undefined;
  const legacyMetrics = [...saved.metrics.values()].some(isLegacyMetric);
  if (!legacyId && !legacyMetrics) return { device: saved as PersistedDevice, changes };
  const convention = saved.convention ?? 'generic';
  const nativeId = saved.nativeId ?? saved.id;
  const metrics = new Map<string, PersistedMetric>();
  for (const [name, metric] of saved.metrics) {
    if (!isLegacyMetric(metric)) {
      metrics.set(name, metric as PersistedMetric);
      continue;
    }
    const { metric: held, change } = migrateMetric(metric, metrics.values(), convention === 'generic');
    metrics.set(name, held);
    changes.set(name, change);
  }
  const device: PersistedDevice = {
    ...saved,
    id: legacyId ? deviceKey(convention, nativeId) : saved.id,
    nativeId,
    convention,
    metrics,
  };
  return { device, changes };
}

function isLegacyMetric(metric: SavedMetric): boolean {
  return metric.handle === undefined || metric.quantity === undefined;
}

/**
 * A generic metric is placed as the generic rules place it live (by its unit, else its name). A
 * convention's metric only by its unit: its name may mislead (a Tasmota relay is `POWER`), and
 * the convention names the quantity itself with the next reading.
 */
function migrateMetric(
  saved: SavedMetric,
  others: Iterable<PersistedMetric>,
  generic: boolean,
): { metric: PersistedMetric; change: ValueChange } {
  const sent = saved.unit === '' ? null : saved.unit;
  const { quantity, unit } = resolveReading({
    name: generic ? saved.name : '',
    value: saved.value,
    unit: sent,
  });
  const known = quantity === null ? undefined : quantityOf(quantity);
  let change: ValueChange = { ...UNCHANGED, quantity };
  if (known !== undefined && sent !== null) {
    const zero = convert(known, 0, sent, known.unit);
    const one = convert(known, 1, sent, known.unit);
    if (zero !== null && one !== null) change = { quantity, scale: one - zero, shift: zero };
  }
  const apply = (v: number) => v * change.scale + change.shift;
  const values = saved.values.map(apply);
  let decimals = decimalsOf(saved.value);
  for (const v of saved.values) decimals = Math.max(decimals, decimalsOf(v));
  const metric: PersistedMetric = {
    ...saved,
    handle: newHandle(saved.name, quantity, others, generic),
    quantity,
    value: apply(saved.value),
    unit,
    sourceUnit: sent,
    precision: null,
    decimals,
    diagnostic: known?.diagnostic ?? false,
    values,
  };
  return { metric, change };
}

/**
 * A snapshot of any version as this version's (see the module comment), with the records it
 * re-keyed. When two saved devices meet under one key (a journal of the old version beside a
 * store already migrated), the one heard from last wins. Idempotent: this version's data comes
 * back as it was, and nothing is replaced.
 */
export function migrateSnapshot(saved: SavedSnapshot): Migration {
  const replaced: Migration['replaced'] = { devices: [], series: [] };
  const keyOf = new Map<string, string>();
  const changesOf = new Map<string, Map<string, ValueChange>>();
  const devices = new Map<string, PersistedDevice>();
  let changed = false;
  for (const entry of saved.devices) {
    const { device, changes } = migrateDeviceWithChanges(entry);
    if (device !== entry) changed = true;
    if (device.id !== entry.id) {
      keyOf.set(entry.id, device.id);
      replaced.devices.push(entry.id);
    }
    changesOf.set(device.id, changes);
    const other = devices.get(device.id);
    if (other === undefined || device.lastSeenAt >= other.lastSeenAt) devices.set(device.id, device);
  }
  const series = saved.series.map((entry) => {
    const device = keyOf.get(entry.device) ?? savedDeviceKey(entry.device);
    const change = changesOf.get(device)?.get(entry.metric);
    const minute = migrateRollup(entry.rollups.minute, change);
    const tenMinute = migrateRollup(entry.rollups.tenMinute, change);
    if (device === entry.device && minute === entry.rollups.minute && tenMinute === entry.rollups.tenMinute) {
      return entry as Snapshot['series'][number];
    }
    changed = true;
    if (device !== entry.device) replaced.series.push(seriesKey(entry.device, entry.metric));
    return { device, metric: entry.metric, rollups: { minute, tenMinute } };
  });
  const alerts = saved.alerts === null ? null : rekeyAlerts(saved.alerts, keyOf);
  if (!changed && alerts === saved.alerts && devices.size === saved.devices.length) {
    return { snapshot: saved as Snapshot, replaced };
  }
  return { snapshot: { ...saved, devices: [...devices.values()], series, alerts }, replaced };
}

/** A saved rollup with a last value per bucket (the mean, the best guess left) and its aggregation, converted like its metric. */
function migrateRollup(saved: SavedRollup, change: ValueChange | undefined): Rollup {
  if (saved.lasts !== undefined && saved.aggregation !== undefined && change === undefined)
    return saved as Rollup;
  const { scale, shift, quantity } = change ?? UNCHANGED;
  const map = (column: Float64Array) => column.map((v) => v * scale + shift);
  const lasts =
    saved.lasts ??
    saved.sums.map((sum, i) => ((saved.counts[i] ?? 0) > 0 ? sum / (saved.counts[i] ?? 1) : 0));
  const known = quantity === null ? undefined : quantityOf(quantity);
  return {
    ...saved,
    aggregation: saved.aggregation ?? known?.aggregation ?? 'mean',
    mins: map(saved.mins),
    maxs: map(saved.maxs),
    lasts: map(lasts),
    // A sum of n values moves by n shifts.
    sums: saved.sums.map((sum, i) => sum * scale + shift * (saved.counts[i] ?? 0)),
  };
}

/** Alerts by device key: the key their device moved to, else a native id alone is a generic device's. */
function rekeyAlerts(book: AlertBook, keyOf: ReadonlyMap<string, string>): AlertBook {
  let moved = false;
  const rekey = <T extends { device: string }>(alert: T): T => {
    const key = keyOf.get(alert.device) ?? savedDeviceKey(alert.device);
    if (key === alert.device) return alert;
    moved = true;
    return { ...alert, device: key };
  };
  const active = book.active.map(rekey);
  const log = book.log.map(rekey);
  return moved ? { ...book, active, log } : book;
}
