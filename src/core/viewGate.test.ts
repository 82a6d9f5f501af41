import { describe, expect, it } from 'vitest';
import { gatedSubscribe, type ViewGate } from './viewGate';

function source() {
  const listeners = new Set<() => void>();
  return {
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: () => {
      for (const listener of listeners) listener();
    },
    count: () => listeners.size,
  };
}

function gate() {
  let inView = true;
  const entered = new Set<() => void>();
  const view: ViewGate = {
    inView: () => inView,
    onEnter: (listener) => {
      entered.add(listener);
      return () => entered.delete(listener);
    },
  };
  return {
    view,
    leave: () => {
      inView = false;
    },
    enter: () => {
      inView = true;
      for (const listener of entered) listener();
    },
    count: () => entered.size,
  };
}

describe('gatedSubscribe', () => {
  it('passes changes on while in view, holds them back out of view, and gives one on return', () => {
    const changes = source();
    const card = gate();
    let calls = 0;
    const stop = gatedSubscribe(changes.subscribe, card.view)(() => calls++);
    changes.emit();
    expect(calls).toBe(1);
    card.leave();
    changes.emit();
    changes.emit();
    expect(calls).toBe(1);
    card.enter();
    expect(calls).toBe(2);
    card.leave();
    card.enter(); // nothing changed meanwhile
    expect(calls).toBe(2);
    stop();
    expect(changes.count()).toBe(0);
    expect(card.count()).toBe(0);
  });

  it('is the subscription itself without a gate', () => {
    const changes = source();
    expect(gatedSubscribe(changes.subscribe, undefined)).toBe(changes.subscribe);
  });
});
