/** Characters of the device filter a file name keeps: enough to recognise the export by. */
const FILTER_IN_NAME_MAX = 40;

/**
 * The name of a CSV export: `hearth-<filter or all>-<window>-<UTC minute>.csv`. The filter is
 * what the user typed (often pasted from a device name, which the network chose), so it keeps only
 * letters, digits, `.`, `_` and `-` (no path separators, control or bidirectional characters, no
 * leading dot), at most 40 characters; nothing left of it reads `filtered`. The name stays under
 * 80 characters, safe on every file system.
 */
export function csvFileName({
  filter,
  windowKey,
  atMs,
}: {
  filter: string;
  windowKey: string;
  atMs: number;
}): string {
  const minute = new Date(atMs).toISOString().slice(0, 16).replace(':', '');
  return `hearth-${filterPart(filter)}-${windowKey}-${minute}.csv`;
}

function filterPart(filter: string): string {
  if (filter.trim() === '') return 'all';
  // Only the start can be kept, so only the start is read (a lone half of a pair it cuts becomes a dash).
  const kept = [
    ...filter
      .slice(0, FILTER_IN_NAME_MAX * 4)
      .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-')
      .replace(/^[.-]+|[.-]+$/g, ''),
  ]
    .slice(0, FILTER_IN_NAME_MAX)
    .join('')
    .replace(/[.-]+$/, '');
  return kept === '' ? 'filtered' : kept;
}
