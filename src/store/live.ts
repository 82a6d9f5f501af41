import { useEffect, useMemo } from 'react';
import type { Fleet } from '../core/device';
import { gatedSubscribe, type ViewGate } from '../core/viewGate';
import { type HearthState, useHearthStore } from './store';
import { useTransitioned } from './transitioned';

/**
 * High-rate state (the fleet that every fold changes) reaches the screen as a React transition,
 * not as a synchronous render: React renders the cards a fold changed in slices of a few
 * milliseconds and lets the browser paint between them, so a fold that touches fifty cards on a
 * slow tablet costs no frame. A click, a dialog, a setting still render at once (`useHearthStore`).
 *
 * `key` names what the selector reads (a device's id): a new key reads the store again at once.
 * Cards may show a fold a frame apart from each other; each shows a whole fold. With a `gate`,
 * changes while the reader is out of view are caught up when it returns: a sparkline two hundred
 * cards below is not redrawn every two seconds for nobody.
 */
export function useLiveStore<T>(
  key: string,
  selector: (state: HearthState) => T,
  equal: (a: T, b: T) => boolean = Object.is,
  gate?: ViewGate,
): T {
  const subscribe = useMemo(() => gatedSubscribe(useHearthStore.subscribe, gate), [gate]);
  return useTransitioned(key, subscribe, () => selector(useHearthStore.getState()), equal);
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
