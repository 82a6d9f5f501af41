import { buildChartSeries, filterDeviceIds } from '../../core/chartSeries';
import { toCsv } from '../../core/csv';
import { useHearthStore } from '../../store/store';
import type { ChartWindow } from './chartWindows';

/** Fine enough for a spreadsheet, bounded for a week of a busy sensor. */
const EXPORT_BUCKETS = 2000;

/**
 * Downloads every metric of the devices matching the filter (all when empty) over the chosen
 * window as CSV: one row per sample, or per bucket mean beyond an hour.
 */
export function downloadCsv(window: ChartWindow): void {
  const { fleet, settings, rollups, outages, deviceFilter } = useHearthStore.getState();
  const ids = filterDeviceIds(fleet.ids, deviceFilter);
  const toMs = Date.now();
  const rows: Array<[string, string, string, number, string]> = [];
  for (const id of ids) {
    const device = fleet.devices.get(id);
    if (device === undefined) continue;
    for (const name of device.metrics.keys()) {
      const { series } = buildChartSeries(fleet, [id], [name], {
        fromMs: window.ms === null ? null : toMs - window.ms,
        toMs,
        buckets: EXPORT_BUCKETS,
        gapMs: settings.staleAfterSec * 1000,
        rollups,
        outages,
      });
      for (const s of series) {
        for (const p of s.points) {
          if (p.v !== null) rows.push([id, name, new Date(p.t).toISOString(), p.v, s.unit]);
        }
      }
    }
  }
  const csv = toCsv(['device', 'metric', 'time', 'value', 'unit'], rows);
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `hearth-${deviceFilter.trim() === '' ? 'all' : 'filtered'}-${window.key}-${new Date(toMs).toISOString().slice(0, 16).replace(':', '')}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
