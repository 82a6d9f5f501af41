import { precisionKey } from '../../config/unitSettings';
import { filterDeviceIds } from '../../core/chartSeries';
import { readingsCsv } from '../../core/csv';
import { csvFileName } from '../../core/csvFileName';
import { useHearthStore } from '../../store/store';
import type { ChartWindow } from './chartWindows';

/** Fine enough for a spreadsheet, bounded for a week of a busy sensor. */
const EXPORT_BUCKETS = 2000;

/**
 * Downloads every reading of the devices matching the filter (all when empty) over the chosen
 * window as CSV, in the displayed units (see `readingsCsv`): one row per sample, or per bucket
 * minimum and maximum past 2,000 of them, or per bucket mean beyond an hour. Names stay whole in
 * the content (that is data); the file's own name is bounded and safe (see `csvFileName`).
 */
export function downloadCsv(window: ChartWindow): void {
  const { fleet, settings, rollups, outages, deviceFilter } = useHearthStore.getState();
  const toMs = Date.now();
  const csv = readingsCsv(fleet, filterDeviceIds(fleet.ids, deviceFilter), {
    fromMs: window.ms === null ? null : toMs - window.ms,
    toMs,
    buckets: EXPORT_BUCKETS,
    gapMs: settings.staleAfterSec * 1000,
    rollups,
    outages,
    units: settings.units,
    precisionOf: (device, metric) => settings.precision[precisionKey(device, metric)],
  });
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName({ filter: deviceFilter, windowKey: window.key, atMs: toMs });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
