/** Sign-in attempts waiting at most, per account name and per address, while one is checked. */
export const SIGN_IN_QUEUE_MAX = 20;

/**
 * Runs `task` after every task queued before it under the same `key`, one at a time, and answers
 * what it answers; null at once, without running it, when `max` tasks of this key are already
 * queued or running. A task that fails fails only its own caller: the next one still runs.
 */
export type OneAtATime = <T>(key: string, task: () => Promise<T>) => Promise<T | null>;

/**
 * One sign-in checked at a time per name and per address: attempts sent in parallel would
 * otherwise all pass the throttle before the first failure is counted. A key holds memory only
 * while it has tasks.
 */
export function createSignInQueue(max: number = SIGN_IN_QUEUE_MAX): OneAtATime {
  const queues = new Map<string, { tail: Promise<unknown>; size: number }>();
  return async (key, task) => {
    const queue = queues.get(key) ?? { tail: Promise.resolve(), size: 0 };
    if (queue.size >= max) return null;
    queue.size += 1;
    queues.set(key, queue);
    const run = queue.tail.then(task);
    queue.tail = run.catch(() => {});
    try {
      return await run;
    } finally {
      queue.size -= 1;
      if (queue.size === 0) queues.delete(key);
    }
  };
}
