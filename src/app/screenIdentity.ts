import { oneVisitClientId, type ScreenIdentity } from '../mqtt/clientSession';
import { type KeyValueStore, readHeldFilters, writeHeldFilters } from './sessionLedger';

/**
 * A screen's MQTT client id: fixed, so the broker keeps its session (and what arrives while the
 * tablet sleeps) between visits, and never shared by two tabs, or the broker would take the
 * session from one to give it to the other, each reconnecting in turn for ever. Each tab claims
 * the first free id of a small pool, `hearth-<screen>-0`, `-1`…, with a Web Lock held for the
 * page's life: the browser frees it when the tab closes or reloads, even after a crash.
 */

/** The Web Locks the claim uses: `navigator.locks`, or a fake in tests. */
export interface ScreenLocks {
  request(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<void> | undefined,
  ): Promise<unknown>;
}

export interface ScreenEnvironment {
  /** Missing in old browsers and some embedded web views. */
  locks: ScreenLocks | undefined;
  /** null where localStorage is refused (a private window may refuse it). */
  storage: KeyValueStore | null;
  /** A benchmark page (`?bench=1`) must not leave queued sessions behind on the broker. */
  benchmark: boolean;
  /** Random characters for a new screen's name: [0-9a-z], at least 8. */
  randomName(): string;
}

/** An identity this page holds until it goes, or until `release` (a hot reload restarts the session). */
export interface ClaimedIdentity extends ScreenIdentity {
  release(): void;
}

/** Tabs of one browser that get an id of their own; more take a one-visit id. */
export const SCREEN_ID_POOL_SIZE = 8;
const SCREEN_NAME_STORAGE_KEY = 'hearth.screenName.v1';
const SCREEN_NAME_PATTERN = /^[0-9a-z]{8,32}$/;

/**
 * Claims this page's identity: a pooled id with a persistent session, or, where that cannot be
 * kept to this tab (no Web Locks, no storage, the pool taken, a benchmark), a one-visit id with
 * a clean session as before.
 */
export async function claimScreenIdentity(environment: ScreenEnvironment): Promise<ClaimedIdentity> {
  const { locks, storage } = environment;
  if (environment.benchmark || locks === undefined || storage === null) return oneVisitIdentity();
  const name = screenName(storage, environment.randomName);
  if (name === null) return oneVisitIdentity();
  const claimed = await claimFirstFree(locks, name);
  if (claimed === null) return oneVisitIdentity();
  const { clientId, release } = claimed;
  return {
    clientId,
    persistent: true,
    heldFilters: (url) => readHeldFilters(storage, url, clientId),
    rememberHeldFilters: (url, filters) => writeHeldFilters(storage, url, clientId, filters),
    release,
  };
}

/** The page's own environment. */
export function pageScreenEnvironment(): ScreenEnvironment {
  let storage: KeyValueStore | null = null;
  try {
    storage = window.localStorage;
  } catch {
    // A sandboxed frame or a browser set to refuse site data throws on access.
  }
  return {
    locks: typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined,
    storage,
    benchmark: new URLSearchParams(window.location.search).get('bench') === '1',
    randomName: randomScreenName,
  };
}

function oneVisitIdentity(): ClaimedIdentity {
  return {
    clientId: oneVisitClientId(),
    persistent: false,
    heldFilters: () => [],
    rememberHeldFilters: () => {},
    release: () => {},
  };
}

/**
 * This browser's screen name, made once and kept. null when it cannot be kept: a new name each
 * visit would leave a session behind on the broker every time.
 */
function screenName(storage: KeyValueStore, randomName: () => string): string | null {
  try {
    const stored = storage.getItem(SCREEN_NAME_STORAGE_KEY);
    if (stored !== null && SCREEN_NAME_PATTERN.test(stored)) return stored;
    const name = randomName();
    storage.setItem(SCREEN_NAME_STORAGE_KEY, name);
    return storage.getItem(SCREEN_NAME_STORAGE_KEY) === name ? name : null;
  } catch {
    return null;
  }
}

/** The first id of the pool no other tab holds, now held by this one until it goes; null if none. */
async function claimFirstFree(
  locks: ScreenLocks,
  name: string,
): Promise<{ clientId: string; release(): void } | null> {
  for (let slot = 0; slot < SCREEN_ID_POOL_SIZE; slot++) {
    const clientId = `hearth-${name}-${slot}`;
    const release = await claim(locks, clientId);
    if (release !== null) return { clientId, release };
  }
  return null;
}

/** Holds the id's lock if it is free (returning how to let it go), else null at once. */
function claim(locks: ScreenLocks, clientId: string): Promise<(() => void) | null> {
  return new Promise((resolve) => {
    locks
      .request(`hearth mqtt client ${clientId}`, { ifAvailable: true }, (lock) => {
        if (lock === null) {
          resolve(null);
          return undefined;
        }
        // The lock is held while this promise is pending: until release, or the page goes.
        return new Promise<void>((release) => resolve(release));
      })
      .catch(() => resolve(null));
  });
}

/** 10 characters of [0-9a-z] from the platform's cryptographic random source. */
function randomScreenName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (byte) => (byte % 36).toString(36)).join('');
}
