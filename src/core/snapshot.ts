import type { AlertBook } from './alerts';
import type { Device, Fleet, Metric } from './device';
import { compareNatural } from './naturalOrder';
import { createRing, firstIndexAtOrAfter, pushSample, type SampleRing, timeAt, valueAt } from './ringBuffer';
import type { SeriesRollups } from './rollup';

/** Raw samples kept across a reload: the last hour, thinned to at most this many per metric. */
export const PERSISTED_RAW_MS = 60 * 60 * 1000;
export const PERSISTED_RAW_MAX_POINTS = 720;

/** A metric as stored: its raw history as two plain arrays instead of a live ring. */
export type PersistedMetric = Omit<Metric, 'history'> & { times: Float64Array; values: Float64Array };

/** A device as stored in IndexedDB (structured clone keeps Maps and typed arrays). */
export type PersistedDevice = Omit<Device, 'metrics'> & { metrics: Map<string, PersistedMetric> };

export interface PersistedSeries {
  device: string;
  metric: string;
  rollups: SeriesRollups;
}

/** A span when the dashboard received nothing: disconnected, or closed. Charts break there. */
export interface Outage {
  from: number;
  to: number;
}

export interface Snapshot {
  devices: PersistedDevice[];
  series: PersistedSeries[];
  alerts: AlertBook | null;
  outages: Outage[];
  /** When the snapshot was last written: the data shown is from then. */
  savedAt: number | null;
}

/**
 * The raw samples of the last `PERSISTED_RAW_MS` before `nowMs`, thinned by keeping every
 * k-th sample when there are more than `maxPoints` (the minute rollup keeps the extremes).
 */
export function thinRing(
  ring: SampleRing,
  nowMs: number,
  maxPoints = PERSISTED_RAW_MAX_POINTS,
): { times: Float64Array; values: Float64Array } {
  const first = firstIndexAtOrAfter(ring, nowMs - PERSISTED_RAW_MS);
  const count = ring.length - first;
  const step = Math.max(1, Math.ceil(count / maxPoints));
  const size = Math.ceil(count / step);
  const times = new Float64Array(size);
  const values = new Float64Array(size);
  // Walk back from the newest so the latest sample is always kept.
  for (let k = 0; k < size; k++) {
    const i = ring.length - 1 - k * step;
    times[size - 1 - k] = timeAt(ring, i);
    values[size - 1 - k] = valueAt(ring, i);
  }
  return { times, values };
}

/** A device ready to store. */
export function persistDevice(device: Device, nowMs: number): PersistedDevice {
  const metrics = new Map<string, PersistedMetric>();
  for (const [name, metric] of device.metrics) {
    const { history, ...rest } = metric;
    metrics.set(name, { ...rest, ...thinRing(history, nowMs) });
  }
  return { ...device, metrics };
}

/** Rebuilds a fleet from stored devices, each metric's raw history in a fresh ring. */
export function restoreFleet(stored: readonly PersistedDevice[], historyCapacity: number): Fleet {
  const devices = new Map<string, Device>();
  for (const entry of stored) {
    const metrics = new Map<string, Metric>();
    for (const [name, persisted] of entry.metrics) {
      const { times, values, ...rest } = persisted;
      const history = createRing(historyCapacity);
      for (let i = 0; i < times.length; i++) pushSample(history, times[i] ?? 0, values[i] ?? Number.NaN);
      metrics.set(name, { ...rest, history });
    }
    devices.set(entry.id, { ...entry, metrics });
  }
  return { devices, ids: [...devices.keys()].sort(compareNatural), unmappedCount: 0, overLimitCount: 0 };
}

/** Key of a metric's series: device key and metric joined by a character no topic level holds. */
export function seriesKey(device: string, metric: string): string {
  return `${device}\u0000${metric}`;
}

/** The device key of a series key made by `seriesKey`. */
export function seriesDevice(key: string): string {
  const at = key.indexOf('\u0000');
  return at < 0 ? key : key.slice(0, at);
}

/** Keeps at most `max` outages, newest last, merging ones that touch. */
export function addOutage(outages: readonly Outage[], outage: Outage, max = 200): Outage[] {
  if (outage.to <= outage.from) return [...outages];
  const last = outages[outages.length - 1];
  if (last !== undefined && outage.from <= last.to) {
    return [...outages.slice(0, -1), { from: last.from, to: Math.max(last.to, outage.to) }].slice(-max);
  }
  return [...outages, outage].slice(-max);
}
