import type { Fleet, Metric } from './device';
import { type ChartPoint, downsampleMinMax } from './downsample';
import { timeAt } from './ringBuffer';

export interface ChartSeries {
  device: string;
  unit: string;
  points: ChartPoint[];
}

/** Matches device ids against a typed filter: case-insensitive substring. */
export function filterDeviceIds(ids: readonly string[], filter: string): readonly string[] {
  const needle = filter.trim().toLowerCase();
  return needle === '' ? ids : ids.filter((id) => id.toLowerCase().includes(needle));
}

/**
 * One downsampled line per device (of `deviceIds`) that has any of `metricNames` (first match wins), over
 * [fromMs, toMs] or from the oldest sample kept when that is later; `fromMs` null means all.
 */
export function buildChartSeries(
  fleet: Fleet,
  deviceIds: readonly string[],
  metricNames: readonly string[],
  fromMs: number | null,
  toMs: number,
  buckets: number,
  gapMs: number,
): { series: ChartSeries[]; fromMs: number } {
  const picked: Array<{ device: string; metric: Metric }> = [];
  for (const id of deviceIds) {
    const device = fleet.devices.get(id);
    if (device === undefined) continue;
    for (const name of metricNames) {
      const metric = device.metrics.get(name);
      if (metric !== undefined) {
        picked.push({ device: id, metric });
        break;
      }
    }
  }
  // The axis starts at the oldest sample inside the window, so a young series fills the chart.
  let from = toMs;
  for (const { metric } of picked) {
    if (metric.history.length > 0) from = Math.min(from, timeAt(metric.history, 0));
  }
  if (fromMs !== null) from = Math.max(from, fromMs);
  const series = picked.map(({ device, metric }) => ({
    device,
    unit: metric.unit,
    points: downsampleMinMax(metric.history, from, toMs, buckets, gapMs),
  }));
  return { series, fromMs: from };
}
