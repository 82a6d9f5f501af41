import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * A value read from an outside source (`subscribe` tells when it may have changed, `read` reads
 * it), re-rendering only when it changes (`equal`), and then as a React transition: rendered
 * between frames, and never interrupting another transition in progress the way a synchronous
 * render (useSyncExternalStore) does, which makes React start that one again. The live readings
 * (live.ts) and the shared clock (clock.ts) read this way.
 *
 * `key` names what `read` reads (a device's id): a new key reads again at once. `subscribe` must
 * keep its identity across renders.
 */
export function useTransitioned<T>(
  key: string,
  subscribe: (listener: () => void) => () => void,
  read: () => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  const [held, setHeld] = useState(() => ({ key, value: read() }));
  const latest = useRef({ key, read, equal, value: held.value });
  let current = held;
  if (held.key !== key) {
    current = { key, value: read() };
    setHeld(current);
  }
  // Kept current during render rather than in an effect: one effect per reading per fold was a
  // tenth of a fold's rendering. A render React discards leaves the same key's reader behind.
  const kept = latest.current;
  if (kept.key !== key) {
    kept.key = key;
    kept.value = current.value;
  }
  kept.read = read;
  kept.equal = equal;
  useEffect(() => {
    // Most changes leave most values as they were: only a changed one asks React for a render.
    const update = (urgent: boolean) => {
      const kept = latest.current;
      const next = kept.read();
      if (kept.equal(next, kept.value)) return;
      kept.value = next;
      const shown = { key: kept.key, value: next };
      if (urgent) setHeld(shown);
      else startTransition(() => setHeld(shown));
    };
    update(true); // whatever changed between the first render and this subscription
    return subscribe(() => update(false));
  }, [subscribe]);
  return current.value;
}
