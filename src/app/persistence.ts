import type { Device } from '../core/device';
import { DEFAULT_FOLD_LIMITS } from '../core/fold';
import { compactRollup, type SeriesRollups } from '../core/rollup';
import { type PersistedSeries, persistDevice, seriesKey } from '../core/snapshot';
import { migrateDevice } from '../core/snapshotMigration';
import { type HistoryDb, openHistoryDb } from '../store/historyDb';
import { useHearthStore } from '../store/store';
import { JOURNAL_MAX_DEVICES, takeJournal, writeJournal } from '../store/unloadJournal';

/**
 * Writes are gathered and stored together: a quiet house within a second (so a reload right
 * after a reading still has it), a busy one at most every 10 s (saving hundreds of devices
 * costs the page a few milliseconds), and always when the page is hidden.
 */
const SAVE_CHECK_MS = 1000;
const SAVE_BUSY_EVERY_MS = 10_000;
const BUSY_DEVICES = 50;
const SAVE_SLICE_DEVICES = 50;
/**
 * A routine save writes each slice when the page is next idle, at the latest after this: copying
 * fifty devices' histories for IndexedDB is tens of milliseconds on a slow tablet, and at start
 * (every device new) it fell between the first fold and the cards' first render. A save when the
 * page hides or stops does not wait: it may never be idle again.
 */
const SAVE_IDLE_WAIT_MS = 2000;
/** A broken or slow IndexedDB must not keep the dashboard from connecting. */
const RESTORE_TIMEOUT_MS = 1500;

type Reading = { opening: Promise<HistoryDb>; loading: ReturnType<HistoryDb['load']> };
let early: Reading | null = null;

function readHistory(): Reading {
  const opening = openHistoryDb();
  const loading = opening.then((db) => db.load());
  loading.catch(() => {}); // reported by startPersistence, which awaits it
  return { opening, loading };
}

/**
 * Starts reading the last visit's history at once, while the page asks the server who is signed
 * in, rather than after its answer behind the first render (the server's memory folds after the
 * restore). `startPersistence` takes this read.
 */
export function readHistoryEarly(): void {
  early ??= readHistory();
}

/**
 * Restores the last visit's devices, history and alerts into the store, then keeps saving
 * what changed. Resolves once the restore is done (or has given up); never rejects.
 */
export async function startPersistence(): Promise<() => void> {
  const { opening, loading } = early ?? readHistory();
  early = null;
  let journaled = new Set<string>();
  let db: HistoryDb;
  try {
    db = await withTimeout(opening, RESTORE_TIMEOUT_MS);
    const snapshot = await withTimeout(loading, RESTORE_TIMEOUT_MS);
    const journal = takeJournal();
    if (journal !== null && (snapshot.savedAt === null || journal.savedAt > snapshot.savedAt)) {
      // By key: a journal written by the version before keys names devices by native id.
      const devices = journal.devices.map(migrateDevice);
      const byId = new Map(snapshot.devices.map((d) => [d.id, d]));
      for (const device of devices) byId.set(device.id, device);
      snapshot.devices = [...byId.values()];
      snapshot.savedAt = journal.savedAt;
      journaled = new Set(devices.map((d) => d.id));
    }
    useHearthStore.getState().restore(snapshot, DEFAULT_FOLD_LIMITS.historyCapacity, Date.now());
  } catch (error) {
    console.warn(
      'Hearth could not restore its history in time; it starts empty, and saves once storage answers.',
      error,
    );
    // A slow start (a busy tablet) must not cost the whole visit its saving: live data goes on
    // now, and saving starts whenever the database opens.
    let stopped = false;
    let stopSaving: (() => void) | null = null;
    void opening.then(
      (late) => {
        if (stopped) late.close();
        else stopSaving = keepSaving(late, 'all');
      },
      () => {},
    );
    return () => {
      stopped = true;
      stopSaving?.();
    };
  }
  return keepSaving(db, journaled);
}

/**
 * Saves what changed from now on. Devices already in the store came from the database and count
 * as saved, except those `unsaved` names: the ones only the unload journal held, or all of them
 * when the database opened late and holds none of what is on screen. Returns a stop function
 * that saves once more.
 */
function keepSaving(db: HistoryDb, unsaved: ReadonlySet<string> | 'all'): () => void {
  // Devices that came back from the journal are not in IndexedDB yet: the next save takes them.
  const saved = new Map<string, Device>(
    unsaved === 'all' ? [] : [...useHearthStore.getState().fleet.devices].filter(([id]) => !unsaved.has(id)),
  );
  let saving = false;
  let lastSaveAt = 0;
  const save = async (force: boolean) => {
    if (saving) return;
    const { fleet, alerts, outages, rollups } = useHearthStore.getState();
    const now = Date.now();
    const changed = [...fleet.devices.values()].filter((d) => saved.get(d.id) !== d);
    if (changed.length === 0) return;
    if (!force && changed.length > BUSY_DEVICES && now - lastSaveAt < SAVE_BUSY_EVERY_MS) return;
    lastSaveAt = now;
    saving = true;
    try {
      // In slices, one transaction each: cloning a thousand devices' histories at once was a
      // 100-200 ms task every 10 s (bench, 1,000 devices); a slice stays well under a frame.
      for (let i = 0; i < changed.length; i += SAVE_SLICE_DEVICES) {
        if (!force) await pageIdle();
        const slice = changed.slice(i, i + SAVE_SLICE_DEVICES);
        await db.save({
          devices: slice.map((d) => persistDevice(d, now)),
          series: seriesOf(slice, rollups),
          alerts,
          outages,
          savedAt: now,
        });
        for (const device of slice) saved.set(device.id, device);
      }
    } catch (error) {
      console.warn('Hearth could not save its history', error);
    } finally {
      saving = false;
    }
  };

  const timer = setInterval(() => void save(false), SAVE_CHECK_MS);
  const onHide = () => {
    if (document.visibilityState === 'hidden') void save(true);
  };
  // A reload or navigation fires pagehide while the page may still count as visible, and may
  // cut the IndexedDB write short: the changed devices also go to the synchronous journal.
  const onPageHide = () => {
    const now = Date.now();
    const changed = [...useHearthStore.getState().fleet.devices.values()].filter(
      (d) => saved.get(d.id) !== d,
    );
    if (changed.length <= JOURNAL_MAX_DEVICES) {
      writeJournal(
        changed.map((d) => persistDevice(d, now)),
        now,
      );
    }
    void save(true);
  };
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onPageHide);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', onPageHide);
    void save(true).finally(() => db.close());
  };
}

/** The rollups of these devices' metrics, ready to store. */
function seriesOf(
  devices: readonly Device[],
  rollups: ReadonlyMap<string, SeriesRollups>,
): Array<PersistedSeries & { key: string }> {
  const series: Array<PersistedSeries & { key: string }> = [];
  for (const device of devices) {
    for (const metric of device.metrics.keys()) {
      const key = seriesKey(device.id, metric);
      const entry = rollups.get(key);
      if (entry === undefined) continue;
      series.push({
        key,
        device: device.id,
        metric,
        rollups: { minute: compactRollup(entry.minute), tenMinute: compactRollup(entry.tenMinute) },
      });
    }
  }
  return series;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Settles when the page is next idle (or after SAVE_IDLE_WAIT_MS); at once where nothing says. */
function pageIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: SAVE_IDLE_WAIT_MS });
    else resolve();
  });
}
