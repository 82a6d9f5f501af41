/**
 * Whether what reads the store is where anyone can see it (a card near the window): a gated
 * reader skips changes while it is not, and reads once when it comes back.
 */
export interface ViewGate {
  inView(): boolean;
  /** Calls `listener` each time the reader comes back into view; returns the unsubscribe. */
  onEnter(listener: () => void): () => void;
}

type Subscribe = (listener: () => void) => () => void;

/**
 * `subscribe` behind a gate: notifications while the gate is out of view are held back, and one
 * is given when it comes back if any was held. Without a gate, `subscribe` itself.
 */
export function gatedSubscribe(subscribe: Subscribe, gate: ViewGate | undefined): Subscribe {
  if (gate === undefined) return subscribe;
  return (listener) => {
    let missed = false;
    const stop = subscribe(() => {
      if (gate.inView()) listener();
      else missed = true;
    });
    const stopGate = gate.onEnter(() => {
      if (!missed) return;
      missed = false;
      listener();
    });
    return () => {
      stop();
      stopGate();
    };
  };
}
