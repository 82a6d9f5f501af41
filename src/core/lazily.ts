/**
 * A value made on first use, then kept. For the page's `Intl` formatters: the first one a page
 * makes loads the browser's locale data, 60 to 200 ms on a tablet's CPU, and made at module load
 * they all land in the script's first task, before anything is on screen (see `intlWarmUp`).
 */
export function lazily<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => {
    if (made === null) made = { value: make() };
    return made.value;
  };
}
