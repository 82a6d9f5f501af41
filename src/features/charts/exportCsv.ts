import { precisionKey } from '../../config/unitSettings';
import {
  buildChartSeries,
  type ChartRequest,
  type ChartSeries,
  filterDeviceIds,
  type SeriesPick,
} from '../../core/chartSeries';
import { readingsCsv, seriesCsv } from '../../core/csv';
import { csvFileName } from '../../core/csvFileName';
import { serverChartSeries } from '../../core/historyMerge';
import { useHearthStore } from '../../store/store';
import { type ChartWindow, serverRange } from './chartWindows';
import type { HistorySource } from './historySource';

/** Fine enough for a spreadsheet, bounded for a week of a busy sensor. */
const EXPORT_BUCKETS = 2000;
/** Points per series asked of the server: it answers the finest tier that fits (raw, 5-minute, hourly). */
const EXPORT_SERVER_POINTS = 5000;
/** Requests to the server at once: an export of a big house must not crowd out the charts. */
const EXPORT_PARALLEL = 4;

/**
 * Downloads every reading of the devices matching the filter (all when empty) over the chosen
 * window as CSV, in the displayed units (see `readingsCsv`): one row per sample, or per bucket
 * minimum and maximum past 2,000 of them, or per bucket mean beyond an hour. With a Hearth
 * server's `history`, each series comes from the server at the finest resolution that fits 5,000
 * points (one request per series; one that fails comes from the page's memory instead). Names stay
 * whole in the content (that is data); the file's own name is bounded and safe (see `csvFileName`).
 */
export async function downloadCsv(window: ChartWindow, history: HistorySource | null): Promise<void> {
  const { fleet, settings, rollups, outages, deviceFilter } = useHearthStore.getState();
  const toMs = Date.now();
  const ids = filterDeviceIds(fleet.ids, deviceFilter);
  const request = {
    fromMs: window.ms === null ? null : toMs - window.ms,
    toMs,
    buckets: EXPORT_BUCKETS,
    gapMs: settings.staleAfterSec * 1000,
    rollups,
    outages,
    units: settings.units,
    precisionOf: (device: string, metric: string) => settings.precision[precisionKey(device, metric)],
  };
  const csv =
    history === null
      ? readingsCsv(fleet, ids, request)
      : seriesCsv(await serverSeries(history, window, ids, { ...request, toMs }));
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName({ filter: deviceFilter, windowKey: window.key, atMs: toMs });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Every reading of the devices from the server, a few requests at a time, in fleet order. */
async function serverSeries(
  history: HistorySource,
  window: ChartWindow,
  ids: readonly string[],
  request: ChartRequest,
): Promise<ChartSeries[]> {
  const { fleet } = useHearthStore.getState();
  const picks: SeriesPick[] = [];
  for (const id of ids) {
    for (const name of fleet.devices.get(id)?.metrics.keys() ?? []) picks.push({ device: id, metric: name });
  }
  const range = serverRange(window, request.toMs);
  const out: Array<ChartSeries | undefined> = new Array(picks.length);
  let next = 0;
  const worker = async () => {
    while (next < picks.length) {
      const i = next++;
      const pick = picks[i] as SeriesPick;
      const device = fleet.devices.get(pick.device);
      if (device === undefined) continue;
      const answer = await history.series(
        { nativeId: device.nativeId, convention: device.convention, metric: pick.metric },
        { ...range, points: EXPORT_SERVER_POINTS },
        new AbortController().signal,
      );
      out[i] =
        (answer.ok ? serverChartSeries(fleet, pick, answer.value, request) : null) ??
        buildChartSeries(fleet, [pick], { ...request, holdStates: false }).series[0];
    }
  };
  await Promise.all(Array.from({ length: EXPORT_PARALLEL }, worker));
  return out.filter((s): s is ChartSeries => s !== undefined);
}
