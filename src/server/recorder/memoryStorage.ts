import type { ApiDevice } from '../../core/historyApi.ts';
import type { EventRow, ReadingRow, SeriesInfo, Storage, StoredSeries } from './storage.ts';

/**
 * A Storage in memory for the recorder's tests: it keeps what was written so a test reads it
 * back, and fails on demand (`failWith`) the way a full disk or a database that is down does.
 */
export interface MemoryStorage extends Storage {
  readonly readings: ReadingRow[];
  readonly eventRows: EventRow[];
  readonly seriesRows: StoredSeries[];
  readonly savedDevices: Map<string, ApiDevice>;
  readonly meta: Map<string, string>;
  /** Every operation rejects with this error while it is set. */
  failWith: Error | null;
}

export function createMemoryStorage(): MemoryStorage {
  const fail = () => {
    if (storage.failWith !== null) throw storage.failWith;
  };
  const storage: MemoryStorage = {
    kind: 'sqlite',
    readings: [],
    eventRows: [],
    seriesRows: [],
    savedDevices: new Map(),
    meta: new Map(),
    failWith: null,
    async loadSeries() {
      fail();
      return storage.seriesRows.map((series) => ({ ...series }));
    },
    async addSeries(info: SeriesInfo) {
      fail();
      const known = storage.seriesRows.find(
        (series) => series.device === info.device && series.metric === info.metric,
      );
      if (known !== undefined) return known.id;
      const id = storage.seriesRows.length + 1;
      storage.seriesRows.push({ ...info, id });
      return id;
    },
    async updateSeries(series) {
      fail();
      const index = storage.seriesRows.findIndex((row) => row.id === series.id);
      if (index >= 0) storage.seriesRows[index] = { ...series };
    },
    async write(readings, events) {
      fail();
      storage.readings.push(...readings);
      storage.eventRows.push(...events.map((event) => ({ ...event })));
    },
    async loadDevices() {
      fail();
      return [...storage.savedDevices.values()];
    },
    async saveDevices(devices, removed) {
      fail();
      for (const device of devices) storage.savedDevices.set(device.key, device);
      for (const key of removed) storage.savedDevices.delete(key);
    },
    async raw() {
      return [];
    },
    async buckets() {
      return [];
    },
    async countRaw() {
      return 0;
    },
    async rawMany() {
      return new Map();
    },
    async bucketsMany() {
      return new Map();
    },
    async countRawMany() {
      return new Map();
    },
    async events() {
      return [];
    },
    async closeOutages(until) {
      fail();
      for (const event of storage.eventRows)
        if (event.kind === 'recorder-outage' && event.until === null) event.until = until;
    },
    async rollUp() {
      fail();
    },
    async prune() {
      fail();
      return 0;
    },
    async getMeta(key) {
      fail();
      return storage.meta.get(key) ?? null;
    },
    async setMeta(key, value) {
      fail();
      storage.meta.set(key, value);
    },
    async sizeBytes() {
      return 0;
    },
    async close() {},
  };
  return storage;
}
