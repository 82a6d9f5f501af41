/**
 * Axis ticks a reader can take in at a glance: round values (1, 2, 2.5 or 5 × 10^n) in the unit
 * shown, and clock times on whole seconds, minutes or hours.
 */

export interface NiceScale {
  /** Tick values, lowest first; the first and last are the axis' ends. */
  ticks: number[];
  step: number;
  /** Decimals every tick label needs: the step's, never more than the precision allows. */
  decimals: number;
}

const MANTISSAS = [1, 2, 2.5, 5, 10] as const;

/** Decimals a step of `mantissa × 10^exponent` needs to be written exactly. */
function stepDecimals(mantissa: number, exponent: number): number {
  return Math.max(0, -exponent + (mantissa === 2.5 ? 1 : 0));
}

/**
 * Round ticks covering [min, max], at most `maxTicks` of them (at least two). No step is finer
 * than the unit's precision allows (a temperature shown with 1 decimal never gets a 0.25 step,
 * whose labels would print "21.3" for 21.25), so labels written with `precision` decimals are all
 * distinct. A flat line (min = max) gets a step either side of it. Non-finite input gives an
 * empty scale.
 */
export function niceScale(min: number, max: number, maxTicks: number, precision: number): NiceScale {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [], step: 1, decimals: 0 };
  const most = Math.max(2, Math.floor(maxTicks));
  const decimalsAllowed = Math.max(0, Math.floor(precision));
  const finest = 10 ** -decimalsAllowed;
  let low = Math.min(min, max);
  let high = Math.max(min, max);
  if (high - low < finest) {
    low -= finest;
    high += finest;
  }
  const rough = (high - low) / (most - 1);
  let exponent = Math.floor(Math.log10(rough));
  for (;;) {
    for (const mantissa of MANTISSAS) {
      const step = mantissa * 10 ** exponent;
      const decimals = stepDecimals(mantissa, exponent);
      if (step < finest - 1e-12 || decimals > decimalsAllowed) continue;
      const first = Math.floor(low / step + 1e-9);
      const last = Math.ceil(high / step - 1e-9);
      if (last - first + 1 > most) continue;
      const ticks: number[] = [];
      for (let i = first; i <= last; i++) ticks.push(Number((i * step).toFixed(decimals)));
      if (ticks.length === 1) ticks.push(Number(((last + 1) * step).toFixed(decimals)));
      return { ticks, step, decimals };
    }
    exponent += 1;
  }
}

/** Steps a clock axis may take, shortest first: each divides the next larger unit evenly. */
const TIME_STEPS_MS = [
  1000,
  2000,
  5000,
  10_000,
  15_000,
  30_000,
  60_000,
  2 * 60_000,
  5 * 60_000,
  10 * 60_000,
  15 * 60_000,
  30 * 60_000,
  3600_000,
  2 * 3600_000,
  3 * 3600_000,
  6 * 3600_000,
  12 * 3600_000,
  24 * 3600_000,
  2 * 24 * 3600_000,
] as const;
const WEEK_MS = 7 * 24 * 3600_000;

/**
 * Clock-time ticks inside [fromMs, toMs]: on whole seconds, minutes, hours or local midnights,
 * at most `maxTicks`. `utcOffsetMs` is the local zone's offset east of UTC (minus
 * `Date#getTimezoneOffset()` in ms), so hours and days fall on the reader's clock.
 */
export function timeTicks(fromMs: number, toMs: number, maxTicks: number, utcOffsetMs: number): number[] {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs <= fromMs) return [];
  const most = Math.max(2, Math.floor(maxTicks));
  const step =
    TIME_STEPS_MS.find((s) => (toMs - fromMs) / s <= most - 1) ??
    Math.ceil((toMs - fromMs) / (most - 1) / WEEK_MS) * WEEK_MS;
  const ticks: number[] = [];
  const firstLocal = Math.ceil((fromMs + utcOffsetMs) / step) * step;
  for (let local = firstLocal; local - utcOffsetMs <= toMs; local += step) ticks.push(local - utcOffsetMs);
  return ticks;
}
