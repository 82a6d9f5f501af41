/** Asks for `run` to be called soon, once (requestAnimationFrame in the app, manual in tests). */
export type Schedule = (run: () => void) => void;

export interface Batcher<T> {
  push(item: T): void;
  /** Hands over everything queued now. */
  flush(): void;
  readonly queued: number;
}

/**
 * Collects items at O(1) each and hands them over in one batch per scheduled run, or at once
 * when `maxQueued` items wait (a burst must not grow the queue without bound between frames).
 */
export function createBatcher<T>(
  schedule: Schedule,
  onBatch: (batch: T[]) => void,
  maxQueued = 500,
): Batcher<T> {
  let queue: T[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    onBatch(batch);
  };
  return {
    push(item: T) {
      queue.push(item);
      if (queue.length >= maxQueued) {
        flush();
        return;
      }
      if (!scheduled) {
        scheduled = true;
        schedule(() => {
          if (scheduled) flush();
        });
      }
    },
    flush,
    get queued() {
      return queue.length;
    },
  };
}
