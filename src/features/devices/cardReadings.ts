import type { Device, Metric } from '../../core/device';
import { quantityOf, TREND_ORDER } from '../../core/quantity';

/** A battery at or under this percentage is marked low on its card. */
export const BATTERY_LOW_PERCENT = 15;

/** What a card shows of a device's readings, and where. */
export interface CardReadings {
  /** Readings of the house, one row each, in the order they arrived. */
  rows: Metric[];
  /** Readings about the device (link, signal, uptime, battery), one small line. */
  diagnostics: Metric[];
  /** What the sparkline draws, or undefined when the device has no measurement worth one. */
  trend: Metric | undefined;
  /** The reading the user chose to lead the card (first of `rows`, shown big), if shown. */
  main?: Metric;
}

/**
 * Sorts a device's readings for its card. A switch that the card shows as a control is not also
 * a row: the control reads its state. Diagnostics go to the details line. The trend is the first
 * measurement quantity in TREND_ORDER the device has (its first reading of that quantity): never a
 * state, never a diagnostic, never a reading of no known quantity (its meaning is unknown, and a
 * counter or an id drawn as a line only misleads). The user's choices come first: hidden readings
 * are left out, and the main reading leads the rows (even a diagnostic) and is the trend when it
 * is a measurement.
 */
export function sortCardReadings(
  device: Device,
  controlsShown: boolean,
  chosen: CardChoices = NO_CHOICES,
): CardReadings {
  const controlled = new Set<string>();
  if (controlsShown) {
    for (const control of device.controls ?? []) {
      if (control.kind === 'switch') controlled.add(control.stateMetric);
    }
  }
  const rows: Metric[] = [];
  const diagnostics: Metric[] = [];
  let main: Metric | undefined;
  for (const metric of device.metrics.values()) {
    if (controlled.has(metric.name) || chosen.isHidden(metric.name)) continue;
    if (metric.name === chosen.mainReading) main = metric;
    else (metric.diagnostic ? diagnostics : rows).push(metric);
  }
  if (main === undefined) return { rows, diagnostics, trend: trendOf(rows) };
  return { rows: [main, ...rows], diagnostics, trend: isTrendable(main) ? main : trendOf(rows), main };
}

/** What the house layout says of a device's readings: which one leads, which are hidden. */
export interface CardChoices {
  /** The native name of the reading shown first and big, and charted by the sparkline. */
  mainReading?: string;
  isHidden(metric: string): boolean;
}

const NO_CHOICES: CardChoices = { isHidden: () => false };

function isTrendable(metric: Metric): boolean {
  return metric.quantity !== null && quantityOf(metric.quantity)?.kind === 'measurement';
}

function trendOf(rows: readonly Metric[]): Metric | undefined {
  let best: Metric | undefined;
  let bestRank = TREND_ORDER.length;
  for (const metric of rows) {
    if (metric.quantity === null || quantityOf(metric.quantity)?.kind !== 'measurement') continue;
    const rank = TREND_ORDER.indexOf(metric.quantity);
    if (rank >= 0 && rank < bestRank) {
      best = metric;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * True for a battery percentage at or under BATTERY_LOW_PERCENT, unless the device is on external
 * power (a USB-powered Shelly H&T says 0 %, and nothing is wrong).
 */
export function isBatteryLow(metric: Pick<Metric, 'quantity' | 'value' | 'externalPower'>): boolean {
  return (
    metric.quantity === 'battery' && metric.externalPower !== true && metric.value <= BATTERY_LOW_PERCENT
  );
}

/** Short words for the details line ("Link 120 lqi · RSSI -67 dBm"); others use their label. */
export const DIAGNOSTIC_WORDS: Readonly<Partial<Record<string, string>>> = {
  link_quality: 'Link',
  rssi: 'RSSI',
  uptime: 'Up',
  battery: 'Battery',
};

const BATTERY_NAMED = /batt/i;

/**
 * The word a diagnostic reading starts with on the details line: DIAGNOSTIC_WORDS, else its
 * label. A diagnostic voltage is a battery's only when its label or name says so (a relay's
 * supply voltage is not a battery).
 */
export function diagnosticWord(metric: Pick<Metric, 'quantity' | 'name' | 'label'>, label: string): string {
  if (metric.quantity === 'voltage') {
    return BATTERY_NAMED.test(metric.label ?? '') || BATTERY_NAMED.test(metric.name) ? 'Battery' : 'Voltage';
  }
  return (metric.quantity !== null ? DIAGNOSTIC_WORDS[metric.quantity] : undefined) ?? label;
}

/** What of a metric a card's frame shows: everything but the latest value and when it came. */
function sameMetricFrame(a: Metric, b: Metric): boolean {
  return (
    a === b ||
    (a.name === b.name &&
      a.handle === b.handle &&
      a.label === b.label &&
      a.quantity === b.quantity &&
      a.unit === b.unit &&
      a.sourceUnit === b.sourceUnit &&
      a.precision === b.precision &&
      a.decimals === b.decimals &&
      a.diagnostic === b.diagnostic &&
      a.source === b.source &&
      a.externalPower === b.externalPower)
  );
}

/**
 * Whether a card drawn for `a` is still right for `b` once its live parts (each reading's value,
 * the sparkline, the controls' states, "last seen") follow on their own: the same device with the
 * same readings in the same order, status, names and counts. A new value alone keeps the frame,
 * so a reading costs the card one row, not the whole card.
 */
export function sameCardFrame(a: Device | undefined, b: Device | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (
    a.id !== b.id ||
    a.nativeId !== b.nativeId ||
    a.name !== b.name ||
    a.convention !== b.convention ||
    a.metricInfo !== b.metricInfo ||
    a.controls !== b.controls ||
    a.note !== b.note ||
    a.availability !== b.availability ||
    a.invalidCount !== b.invalidCount ||
    a.oversizeCount !== b.oversizeCount ||
    a.lastProblem !== b.lastProblem ||
    a.status !== b.status ||
    a.remembered !== b.remembered ||
    a.rememberedAt !== b.rememberedAt ||
    a.place !== b.place ||
    (a.lastSeenAt === 0) !== (b.lastSeenAt === 0) ||
    a.metrics.size !== b.metrics.size
  )
    return false;
  const others = b.metrics.values();
  for (const metric of a.metrics.values()) {
    const other = others.next().value;
    if (other === undefined || !sameMetricFrame(metric, other)) return false;
  }
  return true;
}
