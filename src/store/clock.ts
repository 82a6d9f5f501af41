import { useMemo } from 'react';
import { gatedSubscribe, type ViewGate } from '../core/viewGate';
import { useTransitioned } from './transitioned';

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
  return useTransitioned('now', subscribe, readNow);
}

const readNow = () => now;

/**
 * `format(now)` kept current by the shared clock, re-rendering only when the text it gives
 * changes: 200 cards reading "just now" cost nothing each second, where reading the time itself
 * re-rendered every one of them (half a second a second on a slow tablet). Ticks render as
 * transitions (see `useTransitioned`): a clock that rendered synchronously every second restarted
 * the readings' transitions of a busy house.
 */
export function useClockText(format: (nowMs: number) => string, gate?: ViewGate): string {
  // Out of view (a card far down the page), the text stops ticking until it comes back.
  const ticks = useMemo(() => gatedSubscribe(subscribe, gate), [gate]);
  useTransitioned('text', ticks, () => format(now));
  // A new format (another time to format) is read at once, not at the next tick.
  return format(now);
}
