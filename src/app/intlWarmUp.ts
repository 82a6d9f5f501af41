import { formatClock } from '../components/format';
import { compareNatural } from '../core/naturalOrder';

/**
 * The first `Intl` object a page makes loads the browser's locale data: measured on a 4x slowed
 * CPU, 95 to 260 ms for the first date format and 55 to 85 ms for the first collator, each a task
 * of its own. `warmIntlOffThread` has a worker make them first (`intl.worker.ts`): ICU keeps the
 * data once per process, so the page's own are then made in a few milliseconds. The page's
 * formatters are made on first use (`lazily`); `warmUpIntl` makes the device order's collator and
 * the clock's date format, one task apiece, after the first frame and once the worker is done
 * (or failed, or took longer than WORKER_WAIT_MAX_MS), so the sorting of the first devices and
 * the first chart's labels find them made instead of paying for them in their own task.
 */
const STEPS: ReadonlyArray<() => unknown> = [() => compareNatural('a2', 'a10'), () => formatClock(0)];

/** The page's steps wait this long for the worker at most, then run anyway. */
const WORKER_WAIT_MAX_MS = 3000;

let offThread: Promise<void> = Promise.resolve();

/**
 * Starts the worker that loads the locale data off the main thread (at once, before the first
 * render). Started after the first frame instead, it was still at work when the first devices
 * were sorted on a fast start, and Lighthouse's blocking time came back (620 and 690 ms against
 * 300 to 540). A browser that refuses the worker (a strict CSP, none at all) loses nothing: the
 * page's steps then load the data themselves, as before.
 */
export function warmIntlOffThread(): void {
  if (typeof Worker === 'undefined') return;
  offThread = new Promise<void>((resolve) => {
    let worker: Worker | null = null;
    const done = () => {
      clearTimeout(timer);
      worker?.terminate();
      resolve();
    };
    const timer = setTimeout(done, WORKER_WAIT_MAX_MS);
    try {
      worker = new Worker(new URL('./intl.worker.ts', import.meta.url), {
        type: 'module',
        name: 'hearth-intl',
      });
    } catch {
      done();
      return;
    }
    worker.onmessage = done;
    worker.onerror = done;
  });
}

/**
 * Makes the page's collator and clock format after the next frame, once the worker has loaded
 * the data; the function returned stops what has not run yet.
 */
export function warmUpIntl(): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = (index: number) => {
    timer = null;
    const step = STEPS[index];
    if (stopped || step === undefined) return;
    step();
    timer = setTimeout(() => run(index + 1), 0);
  };
  const frame = requestAnimationFrame(() => {
    void offThread.then(() => {
      if (!stopped) timer = setTimeout(() => run(0), 0);
    });
  });
  return () => {
    stopped = true;
    cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
  };
}
