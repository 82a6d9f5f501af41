import type { Metric } from './device';
import {
  clampPrecision,
  displayPrecision,
  displayUnit,
  type Quantity,
  type QuantityId,
  quantityOf,
  stateWord,
  toDisplay,
  type UnitDefinition,
  type UnitPreferences,
} from './quantity';

/**
 * How values of one quantity (or of one reading of no known quantity) are shown under the
 * user's unit preferences: the unit, the conversion from the held value, the decimals. Made once
 * per chart or card, applied to every value.
 */
export interface DisplayScale {
  quantity: Quantity | null;
  /** The unit shown ('' for none, and for states). */
  unit: string;
  /** Decimals shown (0 for states). */
  precision: number;
  /** A held value (canonical unit) in the displayed unit. */
  toDisplay(value: number): number;
  /** A held value as text: fixed decimals, or a state's word ("On", "Open"). */
  format(value: number): string;
}

/**
 * The scale for a quantity under the preferences. `heldUnit` is what values of no known quantity
 * are held in (shown as is, never converted); `precision` a reading's own choice of decimals,
 * clamped to 0–6 in every branch: a source may suggest 150, and `toFixed` throws past 100.
 */
export function displayScale(
  quantity: QuantityId | null,
  heldUnit: string,
  preferences: UnitPreferences,
  precision?: number | null,
): DisplayScale {
  const known = quantity === null ? undefined : quantityOf(quantity);
  if (known === undefined) {
    const decimals = clampPrecision(precision ?? 0);
    return {
      quantity: null,
      unit: heldUnit,
      precision: decimals,
      toDisplay: (value) => value,
      format: (value) => formatFixed(value, decimals),
    };
  }
  if (known.kind === 'state') {
    return {
      quantity: known,
      unit: '',
      precision: 0,
      toDisplay: (value) => value,
      format: (value) => stateWord(known, value),
    };
  }
  if (known.keepsUnit === true) {
    const decimals = clampPrecision(precision ?? known.precision);
    return {
      quantity: known,
      unit: heldUnit,
      precision: decimals,
      toDisplay: (value) => value,
      format: (value) => formatFixed(value, decimals),
    };
  }
  const target: UnitDefinition = displayUnit(known, preferences);
  const decimals = clampPrecision(displayPrecision(known, target, precision));
  const convert = (value: number) => toDisplay(known, value, target);
  return {
    quantity: known,
    unit: target.symbol,
    precision: decimals,
    toDisplay: convert,
    format: (value) => formatFixed(convert(value), decimals),
  };
}

/**
 * The scale a metric is shown with: its quantity's under the preferences, with the decimals the
 * user chose for it, else the source's suggestion, else the quantity's default; a reading of no
 * known quantity shows as many decimals as its values have had (so "22" then "22.1" show as
 * "22.0" and "22.1", never changing width).
 */
export function metricScale(
  metric: Pick<Metric, 'quantity' | 'unit' | 'precision' | 'decimals'>,
  preferences: UnitPreferences,
  chosenPrecision?: number | null,
): DisplayScale {
  const precision =
    chosenPrecision ?? metric.precision ?? (metric.quantity === null ? metric.decimals : null);
  return displayScale(metric.quantity, metric.unit, preferences, precision);
}

/** A number with exactly `decimals` decimals, without grouping (kiosks and tests parse it); never "-0.0". */
export function formatFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}
