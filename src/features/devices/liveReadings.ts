import type { Device, Metric } from '../../core/device';
import { sameItems, useLiveStore } from '../../store/live';
import { sameSparkline } from './Sparkline';

/**
 * The live parts of a card: each follows its own reading, so a new value re-renders the row that
 * shows it, not the card around it (see `sameCardFrame`). Each falls back to what the card was
 * drawn with while the store no longer holds it (a device just removed).
 */

/** The latest state of one of a device's readings. */
export function useLiveMetric(deviceKey: string, metric: Metric): Metric {
  return (
    useLiveStore(`${deviceKey}\u0000${metric.name}`, (s) =>
      s.fleet.devices.get(deviceKey)?.metrics.get(metric.name),
    ) ?? metric
  );
}

/** The latest state of several readings of a device, in the order given. */
export function useLiveMetrics(deviceKey: string, metrics: readonly Metric[]): readonly Metric[] {
  return useLiveStore(
    `${deviceKey}\u0000${metrics.map((metric) => metric.name).join('\u0000')}`,
    (s) => {
      const device = s.fleet.devices.get(deviceKey);
      return metrics.map((metric) => device?.metrics.get(metric.name) ?? metric);
    },
    sameItems,
  );
}

/** The device as it is now, for the parts that read its values (its controls). */
export function useLiveDevice(device: Device): Device {
  return useLiveStore(device.id, (s) => s.fleet.devices.get(device.id)) ?? device;
}

/**
 * When the device was last heard from, as it is now, to the second ("last seen" says no more):
 * a device heard five times a second renders it once a second at most.
 */
export function useLiveLastSeen(deviceKey: string, drawnAt: number): number {
  return useLiveStore(`${deviceKey}\u0000seen`, (s) => {
    const at = s.fleet.devices.get(deviceKey)?.lastSeenAt ?? drawnAt;
    return at - (at % SECOND_MS);
  });
}

const SECOND_MS = 1000;

/** A reading for its sparkline: a new value redraws it only when the sparkline would change. */
export function useLiveSparklineMetric(deviceKey: string, metric: Metric): Metric {
  return (
    useLiveStore(
      `${deviceKey}\u0000${metric.name}\u0000sparkline`,
      (s) => s.fleet.devices.get(deviceKey)?.metrics.get(metric.name),
      (a, b) => a === b || (a !== undefined && b !== undefined && sameSparkline(a, b)),
    ) ?? metric
  );
}
