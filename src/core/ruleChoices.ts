import type { Device, Fleet } from './device';
import { displayUnit, QUANTITIES, type QuantityId, quantityOf, type UnitPreferences } from './quantity';
import type { ThresholdRule } from './thresholds';

/** What a threshold rule can watch in this fleet. */
export interface ReadingChoices {
  /** Quantities some device reads, in the vocabulary's order (temperature first). */
  quantities: QuantityId[];
  /** Readings of no known quantity, by native name (sorted), with the unit they are held in. */
  names: Array<{ name: string; unit: string }>;
}

/** The quantities present in the fleet, and the names of the readings no quantity covers. */
export function readingChoices(fleet: Fleet): ReadingChoices {
  const present = new Set<QuantityId>();
  const names = new Map<string, string>();
  for (const device of fleet.devices.values()) {
    for (const metric of device.metrics.values()) {
      if (metric.quantity !== null) present.add(metric.quantity);
      else if (!names.has(metric.name)) names.set(metric.name, metric.unit);
    }
  }
  return {
    quantities: QUANTITIES.filter((q) => present.has(q.id)).map((q) => q.id),
    names: [...names].map(([name, unit]) => ({ name, unit })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The unit a rule on a quantity is written in: the one displayed under the preferences. */
export function ruleUnit(quantity: QuantityId, preferences: UnitPreferences): string {
  const known = quantityOf(quantity);
  return known === undefined ? '' : displayUnit(known, preferences).symbol;
}

/** Whether a device has the reading a rule watches (a device list offers only those). */
export function watchesDevice(rule: Pick<ThresholdRule, 'quantity' | 'metric'>, device: Device): boolean {
  if (rule.quantity === null) return device.metrics.get(rule.metric)?.quantity === null;
  for (const metric of device.metrics.values()) if (metric.quantity === rule.quantity) return true;
  return false;
}
