import { useCallback, useEffect } from 'react';
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
 * Cards may show a fold a frame apart from each other; each shows a whole fold.
 */
export function useLiveStore<T>(
  key: string,
  selector: (state: HearthState) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  return useTransitioned(key, useHearthStore.subscribe, () => selector(useHearthStore.getState()), equal);
}

/**
 * The live state of one device (`deviceKey`), read as `useLiveStore` reads the whole store, but
 * woken only when that device changes: `selector` must read nothing of the state but that device.
 * A fold that changes fifty of two hundred devices wakes the readers of fifty, not every reader of
 * every card (a card has half a dozen), which on a slow tablet is most of what notifying cost.
 * With a `gate`, changes while the reader is out of view are caught up when it returns: a
 * sparkline two hundred cards below is not redrawn every two seconds for nobody.
 */
export function useLiveDeviceStore<T>(
  deviceKey: string,
  key: string,
  selector: (state: HearthState) => T,
  equal: (a: T, b: T) => boolean = Object.is,
  gate?: ViewGate,
): T {
  const subscribe = useCallback(
    (listener: () => void) => gatedSubscribe((each) => subscribeDevice(deviceKey, each), gate)(listener),
    [deviceKey, gate],
  );
  return useTransitioned(key, subscribe, () => selector(useHearthStore.getState()), equal);
}

type DeviceListener = (state: HearthState) => void;
const deviceListeners = new Map<string, Set<DeviceListener>>();
let stopWatchingDevices: (() => void) | null = null;

/**
 * Calls `listener` with the store's state each time the device `deviceKey` changes (its object
 * in the fleet is replaced, added or removed: the fold keeps an unchanged device's object), in
 * the update that changed it. Returns the unsubscribe. One store subscription serves them all:
 * each update compares the listened devices' objects, a lookup each.
 */
export function subscribeDevice(deviceKey: string, listener: DeviceListener): () => void {
  let listeners = deviceListeners.get(deviceKey);
  if (listeners === undefined) {
    listeners = new Set();
    deviceListeners.set(deviceKey, listeners);
  }
  listeners.add(listener);
  stopWatchingDevices ??= useHearthStore.subscribe((state, previous) => {
    const now = state.fleet.devices;
    const before = previous.fleet.devices;
    if (now === before) return;
    for (const [key, keyed] of deviceListeners) {
      if (now.get(key) === before.get(key)) continue;
      for (const each of keyed) each(state);
    }
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && deviceListeners.get(deviceKey) === listeners)
      deviceListeners.delete(deviceKey);
    if (deviceListeners.size === 0) {
      stopWatchingDevices?.();
      stopWatchingDevices = null;
    }
  };
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
