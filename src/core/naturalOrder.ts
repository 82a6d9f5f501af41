import { lazily } from './lazily';

const collator = lazily(() => new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }));

/**
 * The order device ids and names are listed in: as people read them, "dev2" before "dev10",
 * "Kitchen" beside "kitchen", in the screen's locale. The collator is made on first use.
 */
export function compareNatural(a: string, b: string): number {
  return collator().compare(a, b);
}
