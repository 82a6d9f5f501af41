import type { PersistedDevice } from '../core/snapshot';
import type { SavedDevice } from '../core/snapshotMigration';

/**
 * The last words of a page being unloaded. An IndexedDB write started in `pagehide` may be cut
 * off by the reload itself, so the devices that changed since the last save are also written
 * to localStorage, which is synchronous, and merged back on the next start. Bounded: a busy
 * fleet relies on its regular saves instead.
 */
const JOURNAL_KEY = 'hearth.unload-journal.v1';
export const JOURNAL_MAX_DEVICES = 50;

interface Journal {
  savedAt: number;
  /** As the version that wrote it saved them: an upgrade may read the journal of the one before. */
  devices: SavedDevice[];
}

/** Writes the journal; false when there are too many devices or the browser refuses. */
export function writeJournal(devices: readonly PersistedDevice[], savedAt: number): boolean {
  if (devices.length === 0 || devices.length > JOURNAL_MAX_DEVICES) return false;
  try {
    localStorage.setItem(JOURNAL_KEY, JSON.stringify({ savedAt, devices }, encode));
    return true;
  } catch {
    return false;
  }
}

/** Reads and removes the journal; null when there is none or it is unreadable. */
export function takeJournal(): Journal | null {
  let text: string | null;
  try {
    text = localStorage.getItem(JOURNAL_KEY);
    localStorage.removeItem(JOURNAL_KEY);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const journal = JSON.parse(text, decode) as Journal;
    return typeof journal.savedAt === 'number' && Array.isArray(journal.devices) ? journal : null;
  } catch {
    return null;
  }
}

// JSON has no Map or Float64Array: tag them so they come back as what they were.
function encode(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value.entries()] };
  if (value instanceof Float64Array) return { $f64: Array.from(value) };
  return value;
}

function decode(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object') {
    const tagged = value as { $map?: Array<[unknown, unknown]>; $f64?: number[] };
    if (Array.isArray(tagged.$map)) return new Map(tagged.$map);
    if (Array.isArray(tagged.$f64)) return Float64Array.from(tagged.$f64);
  }
  return value;
}
