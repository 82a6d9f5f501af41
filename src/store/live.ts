import { startTransition, useEffect, useRef, useState } from 'react';
import type { Fleet } from '../core/device';
import { type HearthState, useHearthStore } from './store';

/**
 * High-rate state (the fleet that every fold changes) reaches the screen as a React transition,
 * not as a synchronous render: React renders the cards a fold changed in slices of a few
 * milliseconds and lets the browser paint between them, so a fold that touches fifty cards on a
 * slow tablet costs no frame. A click, a dialog, a setting still render at once (`useHearthStore`).
 *
 * `key` names what the selector reads (a device's id): a new key reads the store again at once.
 * Cards may show a fold a frame apart from each other; each shows a whole fold.
 */
export function useLiveStore<T>(
  key: string,
  selector: (state: HearthState) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  const [held, setHeld] = useState(() => ({ key, value: selector(useHearthStore.getState()) }));
  const latest = useRef({ key, selector, equal, value: held.value });
  let current = held;
  if (held.key !== key) {
    current = { key, value: selector(useHearthStore.getState()) };
    setHeld(current);
  }
  // Kept current during render rather than in an effect: one effect per reading per fold was a
  // tenth of a fold's rendering. A render React discards leaves the same key's selector behind.
  const kept = latest.current;
  if (kept.key !== key) {
    kept.key = key;
    kept.value = current.value;
  }
  kept.selector = selector;
  kept.equal = equal;
  useEffect(() => {
    // Most folds leave most selections as they were: only a changed one asks React for a render.
    const read = (urgent: boolean) => {
      const kept = latest.current;
      const next = kept.selector(useHearthStore.getState());
      if (kept.equal(next, kept.value)) return;
      kept.value = next;
      const shown = { key: kept.key, value: next };
      if (urgent) setHeld(shown);
      else startTransition(() => setHeld(shown));
    };
    read(true); // whatever changed between the first render and this subscription
    return useHearthStore.subscribe(() => read(false));
  }, []);
  return current.value;
}

/** Two arrays with the same items in the same order (by identity). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
}

type RenderedListener = (fleet: Fleet) => void;
const renderedListeners = new Set<RenderedListener>();

/**
 * Calls `listener` with the fleet each time the screen has rendered and painted a new one
 * (see `LiveRendered`): the fold scheduler waits for it before folding the next batch, so folds
 * never pile up behind a render still in progress. Returns the unsubscribe.
 */
export function onLiveRendered(listener: RenderedListener): () => void {
  renderedListeners.add(listener);
  return () => renderedListeners.delete(listener);
}

/**
 * Renders nothing: it reads the fleet as the cards do, in the same transition, so its effect runs
 * once the cards of that fold are committed and painted, and tells `onLiveRendered` listeners.
 */
export function LiveRendered(): null {
  const fleet = useLiveStore('fleet', (state) => state.fleet);
  useEffect(() => {
    for (const listener of renderedListeners) listener(fleet);
  }, [fleet]);
  return null;
}
