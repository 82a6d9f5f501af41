import type { Fleet } from '../../core/device.ts';
import type { AcceptedSample } from '../../core/fold.ts';
import type { ReadingRow, SeriesInfo, StoredSeries } from './storage.ts';

/**
 * The series the recorder knows, by device and metric, and the readings of series not stored yet
 * (a new metric's first readings wait for its id; a database that is down keeps them waiting).
 */
export interface SeriesCatalog {
  bySlot: Map<string, StoredSeries>;
  list: StoredSeries[] | null;
  /**
   * Readings waiting for their series' id, by slot in the order the slots first waited (so the
   * first entries hold the oldest readings); bounded like the write backlog.
   */
  waiting: Map<string, { info: SeriesInfo; readings: Array<{ at: number; value: number }> }>;
  /** Readings in `waiting`, all slots together. */
  waitingCount: number;
  /** The time last given to a row of each slot (see `rowTime`). */
  lastAt: Map<string, number>;
}

/**
 * How far a burst may push a series' row times past the readings' own: readings of one series
 * arriving faster than one per millisecond for longer than this replace each other instead of
 * drifting further from the time they were heard.
 */
export const BURST_SPREAD_MAX_MS = 1000;

export function createSeriesCatalog(stored: readonly StoredSeries[]): SeriesCatalog {
  const bySlot = new Map<string, StoredSeries>();
  for (const series of stored) bySlot.set(slotOf(series.device, series.metric), series);
  return { bySlot, list: null, waiting: new Map(), waitingCount: 0, lastAt: new Map() };
}

export function slotOf(device: string, metric: string): string {
  return `${device}\u0000${metric}`;
}

export function seriesList(catalog: SeriesCatalog): readonly StoredSeries[] {
  catalog.list ??= [...catalog.bySlot.values()];
  return catalog.list;
}

/** What the fleet says a sample's series is now (handle, quantity and canonical unit). */
export function seriesInfoOf(fleet: Fleet, sample: AcceptedSample): SeriesInfo {
  const metric = fleet.devices.get(sample.device)?.metrics.get(sample.metric);
  return {
    device: sample.device,
    metric: sample.metric,
    handle: metric?.handle ?? sample.metric,
    quantity: metric?.quantity ?? sample.quantity,
    unit: metric?.unit ?? '',
  };
}

/**
 * The time a slot's next row is stored at: the reading's own, or a millisecond after the slot's
 * last row when that is not earlier. A row's key is (series, time in ms), and a broker that was
 * held up hands a whole socket read over at once, every message stamped with the same
 * millisecond: without the nudge the second reading of a series in it would replace the first.
 * The fold accepts a series' samples in time order, so only same-millisecond ones are moved.
 */
export function rowTime(catalog: SeriesCatalog, slot: string, at: number): number {
  const last = catalog.lastAt.get(slot);
  const time = last === undefined || at > last ? at : Math.min(last + 1, at + BURST_SPREAD_MAX_MS);
  catalog.lastAt.set(slot, time);
  return time;
}

/**
 * The rows of live samples whose series is known; the others wait in `catalog.waiting`. Also
 * returns the known series whose handle, quantity or unit changed (to update in storage).
 */
export function readingRows(
  catalog: SeriesCatalog,
  fleet: Fleet,
  accepted: readonly AcceptedSample[],
): { rows: ReadingRow[]; changed: StoredSeries[] } {
  const rows: ReadingRow[] = [];
  const changed: StoredSeries[] = [];
  for (const sample of accepted) {
    if (sample.retained) continue;
    const slot = slotOf(sample.device, sample.metric);
    const at = rowTime(catalog, slot, sample.at);
    const series = catalog.bySlot.get(slot);
    if (series === undefined) {
      const waiting = catalog.waiting.get(slot);
      if (waiting === undefined)
        catalog.waiting.set(slot, {
          info: seriesInfoOf(fleet, sample),
          readings: [{ at, value: sample.value }],
        });
      else waiting.readings.push({ at, value: sample.value });
      catalog.waitingCount++;
      continue;
    }
    const metric = fleet.devices.get(sample.device)?.metrics.get(sample.metric);
    if (
      series.handle !== (metric?.handle ?? sample.metric) ||
      series.quantity !== (metric?.quantity ?? sample.quantity) ||
      series.unit !== (metric?.unit ?? '')
    ) {
      const info = seriesInfoOf(fleet, sample);
      const updated = { ...series, handle: info.handle, quantity: info.quantity, unit: info.unit };
      catalog.bySlot.set(slot, updated);
      catalog.list = null;
      changed.push(updated);
    }
    rows.push({ series: series.id, at, value: sample.value });
  }
  return { rows, changed };
}

/** Records a series just stored; returns the waiting readings it frees as rows. */
export function addStoredSeries(catalog: SeriesCatalog, series: StoredSeries): ReadingRow[] {
  const slot = slotOf(series.device, series.metric);
  catalog.bySlot.set(slot, series);
  catalog.list = null;
  const waiting = catalog.waiting.get(slot);
  if (waiting === undefined) return [];
  catalog.waiting.delete(slot);
  catalog.waitingCount -= waiting.readings.length;
  return waiting.readings.map((reading) => ({ series: series.id, at: reading.at, value: reading.value }));
}

/** Drops the oldest waiting readings past `max` (first-waiting slots first); returns how many. */
export function trimWaiting(catalog: SeriesCatalog, max: number): number {
  let over = catalog.waitingCount - max;
  if (over <= 0) return 0;
  const dropped = over;
  for (const [slot, waiting] of catalog.waiting) {
    if (over <= 0) break;
    const cut = Math.min(over, waiting.readings.length);
    waiting.readings.splice(0, cut);
    if (waiting.readings.length === 0) catalog.waiting.delete(slot);
    over -= cut;
  }
  catalog.waitingCount -= dropped;
  return dropped;
}

/** One SeriesInfo per series still waiting for an id. */
export function seriesToAdd(catalog: SeriesCatalog): SeriesInfo[] {
  return [...catalog.waiting.values()].map((waiting) => waiting.info);
}
