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
  /** Readings waiting for their series' id, oldest first; bounded like the write backlog. */
  waiting: Array<{ slot: string; info: SeriesInfo; at: number; value: number }>;
}

export function createSeriesCatalog(stored: readonly StoredSeries[]): SeriesCatalog {
  const bySlot = new Map<string, StoredSeries>();
  for (const series of stored) bySlot.set(slotOf(series.device, series.metric), series);
  return { bySlot, list: null, waiting: [] };
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
    const series = catalog.bySlot.get(slot);
    const info = seriesInfoOf(fleet, sample);
    if (series === undefined) {
      catalog.waiting.push({ slot, info, at: sample.at, value: sample.value });
      continue;
    }
    if (series.handle !== info.handle || series.quantity !== info.quantity || series.unit !== info.unit) {
      const updated = { ...series, handle: info.handle, quantity: info.quantity, unit: info.unit };
      catalog.bySlot.set(slot, updated);
      catalog.list = null;
      changed.push(updated);
    }
    rows.push({ series: series.id, at: sample.at, value: sample.value });
  }
  return { rows, changed };
}

/** Records a series just stored; returns the waiting readings it frees as rows. */
export function addStoredSeries(catalog: SeriesCatalog, series: StoredSeries): ReadingRow[] {
  const slot = slotOf(series.device, series.metric);
  catalog.bySlot.set(slot, series);
  catalog.list = null;
  const rows: ReadingRow[] = [];
  catalog.waiting = catalog.waiting.filter((reading) => {
    if (reading.slot !== slot) return true;
    rows.push({ series: series.id, at: reading.at, value: reading.value });
    return false;
  });
  return rows;
}

/** Drops the oldest waiting readings past `max`; returns how many. */
export function trimWaiting(catalog: SeriesCatalog, max: number): number {
  const over = catalog.waiting.length - max;
  if (over <= 0) return 0;
  catalog.waiting.splice(0, over);
  return over;
}

/** One SeriesInfo per series still waiting for an id. */
export function seriesToAdd(catalog: SeriesCatalog): SeriesInfo[] {
  const bySlot = new Map<string, SeriesInfo>();
  for (const reading of catalog.waiting)
    if (!bySlot.has(reading.slot)) bySlot.set(reading.slot, reading.info);
  return [...bySlot.values()];
}
