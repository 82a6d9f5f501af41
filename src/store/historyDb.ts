import type { AlertBook } from '../core/alerts';
import {
  type Outage,
  type PersistedDevice,
  type PersistedSeries,
  type Snapshot,
  seriesKey,
} from '../core/snapshot';
import {
  type Migration,
  migrateSnapshot,
  type SavedDevice,
  type SavedSeries,
} from '../core/snapshotMigration';

/**
 * The dashboard's memory across reloads, in IndexedDB: last known devices by key (with an hour
 * of raw samples), minute and ten-minute rollups per metric (`seriesKey(device key, metric)`),
 * alerts and outages. All writes of one save go in a single transaction. What an earlier version
 * saved is migrated on load and written back under the new keys in one transaction, so it is
 * never lost and never read twice.
 */
const DB_NAME = 'hearth';
const DB_VERSION = 1;
const DEVICES = 'devices';
const SERIES = 'series';
const STATE = 'state';
/** Devices kept across reloads; the ones seen longest ago are dropped first. */
export const STORED_DEVICES_MAX = 2000;

export interface HistoryDb {
  load(): Promise<Snapshot>;
  save(changes: SnapshotChanges): Promise<void>;
  close(): void;
}

export interface SnapshotChanges {
  devices: PersistedDevice[];
  series: Array<PersistedSeries & { key: string }>;
  alerts: AlertBook;
  outages: Outage[];
  savedAt: number;
}

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('transaction aborted'));
  });
}

/** Opens (and on first use creates) the database; rejects where IndexedDB is unavailable. */
export async function openHistoryDb(): Promise<HistoryDb> {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
  const request = indexedDB.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(DEVICES)) db.createObjectStore(DEVICES, { keyPath: 'id' });
    if (!db.objectStoreNames.contains(SERIES)) db.createObjectStore(SERIES);
    if (!db.objectStoreNames.contains(STATE)) db.createObjectStore(STATE);
  };
  const db = await promised(request);
  // Another tab upgrading the schema must not be blocked by this one.
  db.onversionchange = () => db.close();

  return {
    async load() {
      const tx = db.transaction([DEVICES, SERIES, STATE], 'readonly');
      const [savedDevices, savedSeries, savedAlerts, outages, savedAt] = await Promise.all([
        promised(tx.objectStore(DEVICES).getAll() as IDBRequest<SavedDevice[]>),
        promised(tx.objectStore(SERIES).getAll() as IDBRequest<SavedSeries[]>),
        promised(tx.objectStore(STATE).get('alerts') as IDBRequest<AlertBook | undefined>),
        promised(tx.objectStore(STATE).get('outages') as IDBRequest<Outage[] | undefined>),
        promised(tx.objectStore(STATE).get('savedAt') as IDBRequest<number | undefined>),
      ]);
      const migration = migrateSnapshot({
        devices: savedDevices,
        series: savedSeries,
        alerts: savedAlerts ?? null,
        outages: outages ?? [],
        savedAt: savedAt ?? null,
      });
      if (migration.replaced.devices.length > 0 || migration.replaced.series.length > 0) {
        await rewrite(migration);
      }
      const { devices, series, alerts } = migration.snapshot;
      const kept = devices.sort((a, b) => b.lastSeenAt - a.lastSeenAt).slice(0, STORED_DEVICES_MAX);
      if (kept.length < devices.length) await evict(devices.slice(STORED_DEVICES_MAX).map((d) => d.id));
      const keptIds = new Set(kept.map((d) => d.id));
      return {
        devices: kept,
        series: series.filter((s) => keptIds.has(s.device)),
        alerts,
        outages: outages ?? [],
        savedAt: savedAt ?? null,
      };
    },

    async save(changes) {
      const tx = db.transaction([DEVICES, SERIES, STATE], 'readwrite');
      const devices = tx.objectStore(DEVICES);
      const series = tx.objectStore(SERIES);
      const state = tx.objectStore(STATE);
      for (const device of changes.devices) devices.put(device);
      for (const { key, ...entry } of changes.series) series.put(entry, key);
      state.put(changes.alerts, 'alerts');
      state.put(changes.outages, 'outages');
      state.put(changes.savedAt, 'savedAt');
      await done(tx);
    },

    close() {
      db.close();
    },
  };

  /** Stores migrated records under their new keys and deletes the old ones, all or nothing. */
  async function rewrite({ snapshot, replaced }: Migration): Promise<void> {
    const tx = db.transaction([DEVICES, SERIES, STATE], 'readwrite');
    for (const id of replaced.devices) tx.objectStore(DEVICES).delete(id);
    for (const key of replaced.series) tx.objectStore(SERIES).delete(key);
    for (const device of snapshot.devices) tx.objectStore(DEVICES).put(device);
    for (const entry of snapshot.series)
      tx.objectStore(SERIES).put(entry, seriesKey(entry.device, entry.metric));
    if (snapshot.alerts !== null) tx.objectStore(STATE).put(snapshot.alerts, 'alerts');
    await done(tx);
  }

  async function evict(ids: string[]): Promise<void> {
    const tx = db.transaction([DEVICES, SERIES], 'readwrite');
    const wanted = new Set(ids);
    for (const id of ids) tx.objectStore(DEVICES).delete(id);
    const cursor = tx.objectStore(SERIES).openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (c === null) return;
      if (wanted.has((c.value as PersistedSeries).device)) c.delete();
      c.continue();
    };
    await done(tx);
  }
}
