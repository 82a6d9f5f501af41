/** Nearest-rank percentile (p in 0..100) of finite samples; null when there are none. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? null;
}

/** Largest sample, or null when there are none. */
export function maximum(samples: readonly number[]): number | null {
  return samples.length === 0 ? null : Math.max(...samples);
}

/** Differences between consecutive timestamps (frame intervals from rAF times). */
export function intervals(timestamps: readonly number[]): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < timestamps.length; i++) gaps.push((timestamps[i] ?? 0) - (timestamps[i - 1] ?? 0));
  return gaps;
}

/** Rounds for reports: `digits` decimals, null stays null. */
export function round(value: number | null, digits = 1): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export const BYTES_PER_MB = 1024 * 1024;
