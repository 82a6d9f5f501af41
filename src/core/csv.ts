import { buildChartSeries, type ChartRequest, type ChartSeries, type SeriesPick } from './chartSeries';
import type { Fleet } from './device';
import { formatFixed } from './display';
import { quantityOf, stateWord, type UnitPreferences } from './quantity';

/**
 * CSV text from rows, RFC 4180 style. Cells that a spreadsheet would run as a formula
 * (starting with = + - @) are prefixed with an apostrophe: device names come from the network.
 * A plain decimal number ("-2.5") is no formula and stays as it is.
 */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function csvCell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const guarded = /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export const READINGS_CSV_HEADER = [
  'device',
  'convention',
  'reading',
  'quantity',
  'time',
  'value',
  'unit',
] as const;

/**
 * Every reading of the devices (`deviceIds`, fleet keys) over the window as CSV: a device is its
 * native id and its convention (two `kitchen`s stay apart), a reading its native name and its
 * quantity; values in the displayed unit with its decimals, states as their words (On, Open).
 * Names are written whole, never clipped. Rows are samples as received (or bucket extremes and
 * means), never a state's value held across the window as a chart draws it.
 */
export function readingsCsv(
  fleet: Fleet,
  deviceIds: readonly string[],
  request: ChartRequest & { units: UnitPreferences },
): string {
  const picks: SeriesPick[] = [];
  for (const id of deviceIds) {
    const device = fleet.devices.get(id);
    if (device === undefined) continue;
    for (const name of device.metrics.keys()) picks.push({ device: id, metric: name });
  }
  return seriesCsv(buildChartSeries(fleet, picks, { ...request, holdStates: false }).series);
}

/**
 * Lines (as `buildChartSeries` makes them with `holdStates: false`, or from the server's
 * history) as the readings CSV: one row per drawn point, gaps left out, in the lines' units.
 */
export function seriesCsv(series: readonly ChartSeries[]): string {
  const rows: string[][] = [];
  for (const s of series) {
    const quantity = s.quantity === null ? undefined : quantityOf(s.quantity);
    // An export keeps what was received (41.2 % stays 41.2 where a card shows 41): the displayed
    // unit, at least its decimals, and up to six more where the value has them.
    const format = (v: number) =>
      quantity?.kind === 'state'
        ? stateWord(quantity, v)
        : Math.abs(v - Number(v.toFixed(s.precision))) < 1e-9
          ? formatFixed(v, s.precision)
          : String(Number(v.toFixed(6)));
    for (const p of s.points) {
      if (p.v === null) continue;
      rows.push([
        s.nativeId,
        s.convention,
        s.metric,
        s.quantity ?? '',
        new Date(p.t).toISOString(),
        format(p.v),
        s.unit,
      ]);
    }
  }
  return toCsv(READINGS_CSV_HEADER, rows);
}
