/** Asks for `run` to be called soon, once (requestAnimationFrame in the app, manual in tests). */
export type Schedule = (run: () => void) => void;

export interface Batcher<T> {
  push(item: T): void;
  /** `push` for each of `items`, in order. */
  pushAll(items: readonly T[]): void;
  /** Hands over everything queued now. */
  flush(): void;
  readonly queued: number;
}

/**
 * Collects items at O(1) each and hands them over in one batch per scheduled run, or at once
 * when `maxQueued` items wait (a burst must not grow the queue without bound between runs). The
 * bound may change with the caller's state (read at each push).
 */
export function createBatcher<T>(
  schedule: Schedule,
  onBatch: (batch: T[]) => void,
  maxQueued: number | (() => number) = 500,
): Batcher<T> {
  const bound = typeof maxQueued === 'number' ? () => maxQueued : maxQueued;
  let queue: T[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    onBatch(batch);
  };
  const push = (item: T) => {
    queue.push(item);
    if (queue.length >= bound()) {
      flush();
      return;
    }
    if (!scheduled) {
      scheduled = true;
      schedule(() => {
        if (scheduled) flush();
      });
    }
  };
  return {
    push,
    pushAll(items: readonly T[]) {
      for (const item of items) push(item);
    },
    flush,
    get queued() {
      return queue.length;
    },
  };
}
