import { useState } from 'react';
import type { ViewGate } from '../core/viewGate';

/**
 * How far beyond the window an element still counts as in view: half a window above and below,
 * so a card or chart scrolled towards is already drawn as it is now when it arrives.
 */
const NEAR_VIEW_MARGIN = '50% 0px';

/** Whether an element (a card, a chart) is in or near the window, for what need not follow data while it is not. */
export interface ElementView extends ViewGate {
  /** The element (a callback ref): what is watched. */
  watch(element: Element | null): void;
}

const watched = new Map<Element, (inView: boolean) => void>();
let observer: IntersectionObserver | null = null;

function observed(element: Element, onChange: (inView: boolean) => void): () => void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) watched.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: NEAR_VIEW_MARGIN },
  );
  watched.set(element, onChange);
  observer.observe(element);
  return () => {
    watched.delete(element);
    observer?.unobserve(element);
  };
}

/**
 * An element's view gate: in view until the browser says otherwise (and always where it cannot
 * say), so nothing is held back on a first draw or in a browser without IntersectionObserver. One
 * observer watches every element; one that leaves the window is not drawn again for it, its gated
 * parts merely stop following their data until it returns (see `gatedSubscribe`).
 */
export function useElementView(): ElementView {
  const [view] = useState(() => {
    let inView = true;
    let element: Element | null = null;
    let stop: (() => void) | null = null;
    const entered = new Set<() => void>();
    const gate: ElementView = {
      inView: () => inView,
      onEnter(listener) {
        entered.add(listener);
        return () => entered.delete(listener);
      },
      watch(next) {
        if (next === element) return;
        stop?.();
        stop = null;
        element = next;
        inView = true;
        if (next === null || typeof IntersectionObserver === 'undefined') return;
        stop = observed(next, (now) => {
          const was = inView;
          inView = now;
          if (now && !was) for (const listener of entered) listener();
        });
      },
    };
    return gate;
  });
  return view;
}
