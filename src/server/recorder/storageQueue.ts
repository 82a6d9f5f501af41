/**
 * One storage operation at a time, writes before jobs: SQLite has one writer, and a rollup or a
 * prune queued behind a second of readings must not hold the next second's readings back.
 */
export interface StorageQueue {
  /** Runs `task` after the operations queued before it, ahead of any queued job. */
  write<T>(task: () => Promise<T>): Promise<T>;
  /** Runs `task` once no write is waiting. */
  job<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
}

type Task = () => Promise<void>;

export function createStorageQueue(): StorageQueue {
  const writes: Task[] = [];
  const jobs: Task[] = [];
  let running: Promise<void> | null = null;

  const drain = async (): Promise<void> => {
    for (
      let task = writes.shift() ?? jobs.shift();
      task !== undefined;
      task = writes.shift() ?? jobs.shift()
    ) {
      await task();
    }
    running = null;
  };
  const enqueue = <T>(list: Task[], task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      list.push(() => Promise.resolve().then(task).then(resolve, reject));
      running ??= drain();
    });

  return {
    write: (task) => enqueue(writes, task),
    job: (task) => enqueue(jobs, task),
    async idle() {
      while (running !== null) await running;
    },
  };
}
