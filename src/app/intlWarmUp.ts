import { formatClock } from '../components/format';
import { compareNatural } from '../core/naturalOrder';

/**
 * The first `Intl` object a page makes loads the browser's locale data: measured on a 4x slowed
 * CPU, 190 to 220 ms in one piece when the first is a date or number format, 55 to 80 ms when a
 * collator comes first, and a date format after it 20 to 50 ms more. The page's formatters are
 * made on first use (`lazily`); this uses the device order's collator, then the clock's date
 * format, one task apiece after the first frame, so the sorting of the first devices and the first
 * chart's labels find the data loaded instead of paying for it in their own task. The segmenter
 * (a name too long for its box) and the number format (a count of grouped alerts) are left to
 * their rare first use: a segmenter costs 70 to 95 ms more on its own.
 */
const STEPS: ReadonlyArray<() => unknown> = [() => compareNatural('a2', 'a10'), () => formatClock(0)];

/** Starts the warm-up after the next frame; the function returned stops what has not run yet. */
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
    timer = setTimeout(() => run(0), 0);
  });
  return () => {
    stopped = true;
    cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
  };
}
