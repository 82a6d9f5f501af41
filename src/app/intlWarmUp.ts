/**
 * The first `Intl` object a page makes loads the browser's locale data: measured on a 4x slowed
 * CPU, 190 to 220 ms in one piece when the first is a date or number format, but 55 to 80 ms per
 * step when a collator comes first, then a segmenter, then a date format, then a number format.
 * The page's formatters are made on first use (`lazily`); this makes one of each kind in that
 * order, one task apiece after the first frame, so the sorting of the first devices and the first
 * chart's labels find the data loaded instead of paying for it in their own task.
 */
const STEPS: ReadonlyArray<() => unknown> = [
  () => new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare('a2', 'a10'),
  () => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment('é')],
  () => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(0),
  () => new Intl.NumberFormat().format(1000),
];

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
