import {
  clampPrecision,
  QUANTITIES,
  type Quantity,
  type QuantityId,
  type UnitPreferences,
  type UnitSystem,
  unitOf,
} from '../core/quantity';

/**
 * The units and decimals the user chose: a unit system with a unit per quantity on top of it,
 * and a number of decimals per reading. Saved with the other settings, validated the same way.
 */

/** Decimals a user may choose for one reading (the device detail offers 0 to 3). */
export const PRECISION_MAX = 6;

/** Bound on saved per-reading choices: each is a click, but a settings file is untrusted. */
export const PRECISION_CHOICES_MAX = 5000;

/** Quantities worth a choice: measurements with more than one unit ("°C / °F", "hPa / inHg…"). */
export const CONVERTIBLE_QUANTITIES: readonly Quantity[] = QUANTITIES.filter(
  (q) => q.kind === 'measurement' && q.units.length > 1,
);

/**
 * The key of one reading's decimals in `settings.precision`: the device's key (convention and
 * native id) and the metric's native name, joined by NUL, which neither can hold.
 */
export function precisionKey(deviceKey: string, metricName: string): string {
  return `${deviceKey}\u0000${metricName}`;
}

/** "metric" or "imperial" (any case, trimmed), else null. */
export function parseUnitSystem(text: string): UnitSystem | null {
  const word = text.trim().toLowerCase();
  return word === 'metric' || word === 'imperial' ? word : null;
}

/**
 * Saved or imported unit preferences. A wrong system falls back to metric; a per-quantity unit
 * counts only for a quantity that has it (spellings are normalised: "F" is "°F"); the rest is
 * dropped. Null when the value is not an object at all.
 */
export function parseUnitPreferences(raw: unknown): UnitPreferences | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const system = typeof r.system === 'string' ? (parseUnitSystem(r.system) ?? 'metric') : 'metric';
  const perQuantity: Partial<Record<QuantityId, string>> = {};
  if (r.perQuantity !== null && typeof r.perQuantity === 'object' && !Array.isArray(r.perQuantity)) {
    const chosen = r.perQuantity as Record<string, unknown>;
    for (const quantity of CONVERTIBLE_QUANTITIES) {
      const spelling = chosen[quantity.id];
      if (typeof spelling !== 'string') continue;
      const unit = unitOf(quantity, spelling);
      if (unit !== null) perQuantity[quantity.id] = unit.symbol;
    }
  }
  return { system, perQuantity };
}

/**
 * Saved or imported per-reading decimals: whole numbers from 0 to PRECISION_MAX under keys made
 * by `precisionKey`; anything else is dropped, and at most PRECISION_CHOICES_MAX are kept.
 */
export function parsePrecisionChoices(raw: unknown): Record<string, number> | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const out: Record<string, number> = {};
  let kept = 0;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (kept >= PRECISION_CHOICES_MAX) break;
    if (!key.includes('\u0000') || typeof value !== 'number' || !Number.isInteger(value)) continue;
    if (value < 0 || value > PRECISION_MAX) continue;
    out[key] = clampPrecision(value);
    kept++;
  }
  return out;
}

/** The choices with one reading's decimals set, or removed (`null`: back to automatic). */
export function withPrecision(
  choices: Readonly<Record<string, number>>,
  key: string,
  decimals: number | null,
): Record<string, number> {
  const next = { ...choices };
  if (decimals === null) delete next[key];
  else next[key] = clampPrecision(Math.min(PRECISION_MAX, decimals));
  return next;
}
