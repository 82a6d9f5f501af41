import { startTransition, useEffect, useState } from 'react';

/**
 * Cards a grid mounts at a time: a wall tablet's screen holds about a dozen. The first screen's
 * values do not wait for the layout of a whole page of sixty cards (on a tablet's start-up, a third
 * of a second of style and layout in one task before any card showed), and each further dozen is a
 * transition short enough to finish between the clock's ticks: one transition of sixty cards on a
 * slow tablet was restarted by every tick and waited seconds for React to force it through.
 */
export const CARDS_AT_A_TIME = 12;

/**
 * How many of `wanted` cards to mount now: the first dozen at once, then a dozen more per
 * transition until all are. Once reached, a count is kept (a search that narrows and widens
 * again mounts at once).
 */
export function useFirstScreenFirst(wanted: number): number {
  const [mounted, setMounted] = useState(() => Math.min(wanted, CARDS_AT_A_TIME));
  useEffect(() => {
    if (mounted < wanted) startTransition(() => setMounted(Math.min(wanted, mounted + CARDS_AT_A_TIME)));
  }, [mounted, wanted]);
  return Math.min(Math.max(mounted, Math.min(wanted, CARDS_AT_A_TIME)), wanted);
}
