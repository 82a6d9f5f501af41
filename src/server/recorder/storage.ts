import type { ApiDevice, ApiEvent, HistoryTier } from '../../core/historyApi.ts';
import type { QuantityId } from '../../core/quantity.ts';

/**
 * The recorder's one storage interface, implemented for SQLite (`sqliteStorage.ts`, the default,
 * a file in the data directory) and PostgreSQL (`postgresStorage.ts`), with the same schema and
 * the same SQL kept to the subset both speak. Every method is async (PostgreSQL is); the SQLite
 * driver is synchronous, so its implementation keeps each statement short (chunks of a few
 * thousand rows) to leave the event loop to the broker. The recorder (`recorder.ts`) batches and
 * buffers in front of it; nothing here waits on the network's pace.
 */

/** A series: one metric of one device, as the recorder names it. */
export interface SeriesInfo {
  /** Device key, `convention/nativeId`. */
  device: string;
  /** The native metric name. */
  metric: string;
  handle: string;
  quantity: QuantityId | null;
  /** Canonical unit of its quantity, or the unit as sent. */
  unit: string;
}

/** A stored series with its id (small integer: rows stay narrow). */
export interface StoredSeries extends SeriesInfo {
  id: number;
}

/** One raw reading, in the quantity's canonical unit. */
export interface ReadingRow {
  series: number;
  at: number;
  value: number;
}

/** An event as stored: the very shape `/api/events` answers. */
export type EventRow = ApiEvent;

/**
 * A rolled-up bucket: `[start, mean, min, max]`, optionally with the count of readings in it
 * (the API then weighs means by it when it merges neighbouring buckets; without, each weighs
 * the same).
 */
export type BucketRow = [number, number, number, number, count?: number];

/** How long each tier is kept, in ms; null: for ever. */
export interface Retention {
  rawMs: number | null;
  fiveMinuteMs: number | null;
  hourlyMs: number | null;
  eventsMs: number | null;
}

export const DEFAULT_RETENTION: Retention = {
  rawMs: 10 * 24 * 3600_000,
  fiveMinuteMs: 365 * 24 * 3600_000,
  hourlyMs: null,
  eventsMs: 365 * 24 * 3600_000,
};

export const FIVE_MINUTES_MS = 5 * 60_000;
export const HOUR_MS = 3600_000;

export interface Storage {
  /** 'sqlite' or 'postgres', for logs and the benchmark. */
  readonly kind: 'sqlite' | 'postgres';
  /** Every series stored so far (the recorder caches ids from it at start). */
  loadSeries(): Promise<StoredSeries[]>;
  /** Stores a new series and returns its id (idempotent on device + metric). */
  addSeries(info: SeriesInfo): Promise<number>;
  /** Updates handle, quantity or unit of a series whose announcement changed. */
  updateSeries(series: StoredSeries): Promise<void>;
  /**
   * Writes readings and events in one transaction (the recorder calls it about once a second,
   * or per few thousand rows). A reading at a time already stored for its series replaces it.
   */
  write(readings: readonly ReadingRow[], events: readonly EventRow[]): Promise<void>;
  /** The devices as last saved (the recorder's fleet, for `/api/devices` after a restart). */
  loadDevices(): Promise<ApiDevice[]>;
  /** Saves the devices that changed (upsert by key); `removed` keys are deleted. */
  saveDevices(devices: readonly ApiDevice[], removed: readonly string[]): Promise<void>;
  /** Raw readings of one series in [from, to], time order, at most `limit`. */
  raw(series: number, from: number, to: number, limit: number): Promise<Array<[number, number]>>;
  /** Buckets of one tier in [from, to], time order, at most `limit`. */
  buckets(
    tier: Exclude<HistoryTier, 'raw'>,
    series: number,
    from: number,
    to: number,
    limit: number,
  ): Promise<BucketRow[]>;
  /** How many raw readings one series has in [from, to] (to pick a tier), capped at `cap`. */
  countRaw(series: number, from: number, to: number, cap: number): Promise<number>;
  /**
   * Raw readings of many series in [from, to], by series then time, at most `limit` in all,
   * starting after `after` (`[series, at]`, the last row of the previous page) when given: one
   * statement for a chart of many lines instead of one per line.
   */
  rawMany(
    series: readonly number[],
    from: number,
    to: number,
    limit: number,
    after?: readonly [number, number],
  ): Promise<Map<number, Array<[number, number]>>>;
  /** Buckets of one tier for many series overlapping [from, to], by series then time, at most `limit` in all. */
  bucketsMany(
    tier: Exclude<HistoryTier, 'raw'>,
    series: readonly number[],
    from: number,
    to: number,
    limit: number,
  ): Promise<Map<number, BucketRow[]>>;
  /** `countRaw` for many series in one statement: each series' count, capped at `cap`. */
  countRawMany(
    series: readonly number[],
    from: number,
    to: number,
    cap: number,
  ): Promise<Map<number, number>>;
  /** Events in [from, to], newest first, at most `limit`; optionally one device's. */
  events(from: number, to: number, limit: number, device?: string): Promise<EventRow[]>;
  /** Ends an open `recorder-outage` event (the one with `until` null) at `until`. */
  closeOutages(until: number): Promise<void>;
  /**
   * Recomputes the 5-minute buckets that overlap [from, to) from raw readings and the hourly
   * buckets that overlap it from the 5-minute ones (upsert: a late reading corrects its bucket).
   * Works in chunks; resolves when done.
   */
  rollUp(from: number, to: number): Promise<void>;
  /** Deletes what each tier keeps no longer at `nowMs`, in chunks; returns rows deleted. */
  prune(nowMs: number, retention: Retention): Promise<number>;
  /** A small named value the recorder keeps (its last sign of life, the rollup watermark). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  /** Bytes on disk (SQLite: the file and its WAL; PostgreSQL: the tables' total size). */
  sizeBytes(): Promise<number>;
  close(): Promise<void>;
}

/**
 * What the API reads from a running recorder (`recorder.ts` implements it): the live fleet, the
 * series it knows, and the storage for history and events.
 */
export interface RecorderView {
  /** Every known device with its latest readings, as `/api/devices` answers (sorted by key). */
  devices(): ApiDevice[];
  /** Every series known, with its id. */
  series(): readonly StoredSeries[];
  /** Readings taken but not yet written (the API merges them so a chart is never behind). */
  pending(series: number, from: number, to: number): Array<[number, number]>;
  readonly storage: Storage;
  /** The tiers' retention, so a query knows which tier still covers its range. */
  readonly retention: Retention;
}

export type { ApiDevice, ApiEvent };
