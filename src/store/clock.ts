import { startTransition, useEffect, useRef, useState } from 'react';

/** One shared one-second clock for "12 s ago" texts and countdowns: one timer, not one per card. */
const CLOCK_MS = 1000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, CLOCK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * `read(now)` kept current by the shared clock, re-rendering only when it changes. The tick
 * renders as a transition: a clock that rendered synchronously would interrupt, every second,
 * whatever transition was in progress (the readings of a busy house, see live.ts) and make React
 * start it again.
 */
function useClock<T>(read: (nowMs: number) => T): T {
  const [value, setValue] = useState(() => read(now));
  const latest = useRef({ read, value });
  useEffect(() => {
    latest.current = { read, value };
  });
  useEffect(() => {
    const tick = () => {
      const next = latest.current.read(now);
      if (Object.is(next, latest.current.value)) return;
      latest.current = { ...latest.current, value: next };
      startTransition(() => setValue(next));
    };
    tick();
    return subscribe(tick);
  }, []);
  return value;
}

/** The current time, updated once a second while anything on screen reads it. */
export function useNow(): number {
  return useClock(identity);
}

const identity = (nowMs: number) => nowMs;

/**
 * `format(now)` kept current by the shared clock, re-rendering only when the text it gives
 * changes: 200 cards reading "just now" cost nothing each second, where reading the time itself
 * re-rendered every one of them (half a second a second on a slow tablet).
 */
export function useClockText(format: (nowMs: number) => string): string {
  // A new format (another time to format) is read at once, not at the next tick.
  const text = useClock(format);
  const fresh = format(now);
  return fresh === text ? text : fresh;
}
