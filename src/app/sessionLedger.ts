/**
 * What each broker's persistent session for this screen holds, as the screen last left it: MQTT
 * 3.1.1 has no way to ask, and a screen whose topics changed while it was closed must unsubscribe
 * the old ones, or the broker goes on delivering them.
 */

/** The little of localStorage the ledger uses (a Map-backed fake in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

interface LedgerEntry {
  url: string;
  clientId: string;
  filters: string[];
}

const LEDGER_STORAGE_KEY = 'hearth.brokerSessions.v1';
/** Brokers remembered, most recent first: a screen switches among a few at most. */
const LEDGER_MAX_ENTRIES = 16;

/** The filters the session of `clientId` at `url` held when last changed, or null if unknown. */
export function readHeldFilters(storage: KeyValueStore, url: string, clientId: string): string[] | null {
  const entry = readLedger(storage).find((e) => e.url === url && e.clientId === clientId);
  return entry === undefined ? null : entry.filters;
}

/** Notes what the session of `clientId` at `url` holds now; a storage that refuses is ignored. */
export function writeHeldFilters(
  storage: KeyValueStore,
  url: string,
  clientId: string,
  filters: readonly string[],
): void {
  const others = readLedger(storage).filter((e) => !(e.url === url && e.clientId === clientId));
  const ledger = [{ url, clientId, filters: [...filters] }, ...others].slice(0, LEDGER_MAX_ENTRIES);
  try {
    storage.setItem(LEDGER_STORAGE_KEY, JSON.stringify(ledger));
  } catch {
    // Full or refused: the next connect does not know what the session holds and subscribes all.
  }
}

function readLedger(storage: KeyValueStore): LedgerEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(LEDGER_STORAGE_KEY) ?? '[]');
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter(isLedgerEntry) : [];
}

function isLedgerEntry(value: unknown): value is LedgerEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.url === 'string' &&
    typeof entry.clientId === 'string' &&
    Array.isArray(entry.filters) &&
    entry.filters.every((filter) => typeof filter === 'string')
  );
}
