import { useSyncExternalStore } from 'react';

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

/** The current time, updated once a second while anything on screen reads it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/**
 * `format(now)` kept current by the shared clock, re-rendering only when the text it gives
 * changes: 200 cards reading "just now" cost nothing each second, where reading the time itself
 * re-rendered every one of them (half a second a second on a slow tablet).
 */
export function useClockText(format: (nowMs: number) => string): string {
  return useSyncExternalStore(subscribe, () => format(now));
}
