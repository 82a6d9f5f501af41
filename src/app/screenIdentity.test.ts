import { describe, expect, it } from 'vitest';
import {
  claimScreenIdentity,
  SCREEN_ID_POOL_SIZE,
  type ScreenEnvironment,
  type ScreenLocks,
} from './screenIdentity';
import type { KeyValueStore } from './sessionLedger';

/** One browser's Web Locks: each tab requests through its own handle, and closing it frees its locks. */
function fakeBrowserLocks() {
  const holders = new Map<string, number>();
  let nextTab = 1;
  return {
    tab(): ScreenLocks & { close(): void } {
      const tab = nextTab++;
      return {
        async request(name, options, callback) {
          if (holders.has(name)) {
            if (options.ifAvailable) return callback(null);
          }
          holders.set(name, tab);
          // As the platform does: the lock is held until the callback's promise settles.
          await callback({ name });
          if (holders.get(name) === tab) holders.delete(name);
        },
        close() {
          for (const [name, holder] of holders) if (holder === tab) holders.delete(name);
        },
      };
    },
  };
}

function memoryStorage(): KeyValueStore {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

function environment(overrides: Partial<ScreenEnvironment> = {}): ScreenEnvironment {
  return {
    locks: fakeBrowserLocks().tab(),
    storage: memoryStorage(),
    benchmark: false,
    randomName: () => 'k3v9q2x7ab',
    ...overrides,
  };
}

describe('claimScreenIdentity', () => {
  it('gives a screen the first id of its pool, with a persistent session', async () => {
    const identity = await claimScreenIdentity(environment());
    expect(identity.clientId).toBe('hearth-k3v9q2x7ab-0');
    expect(identity.persistent).toBe(true);
  });

  it('gives the same id on the next visit, the name kept in storage', async () => {
    const storage = memoryStorage();
    const first = await claimScreenIdentity(environment({ storage, randomName: () => 'aaaaaaaaaa' }));
    const next = await claimScreenIdentity(environment({ storage, randomName: () => 'bbbbbbbbbb' }));
    expect(next.clientId).toBe(first.clientId);
  });

  it('never gives two open tabs of one browser the same id, and a closed tab frees its id', async () => {
    const browser = fakeBrowserLocks();
    const storage = memoryStorage();
    const first = browser.tab();
    const second = browser.tab();
    const a = await claimScreenIdentity(environment({ locks: first, storage }));
    const b = await claimScreenIdentity(environment({ locks: second, storage }));
    expect([a.clientId, b.clientId]).toEqual(['hearth-k3v9q2x7ab-0', 'hearth-k3v9q2x7ab-1']);
    first.close();
    const reopened = await claimScreenIdentity(environment({ locks: browser.tab(), storage }));
    expect(reopened.clientId).toBe('hearth-k3v9q2x7ab-0');
  });

  it('frees its id when released, as a hot reload restarts the session', async () => {
    const browser = fakeBrowserLocks();
    const storage = memoryStorage();
    const first = await claimScreenIdentity(environment({ locks: browser.tab(), storage }));
    first.release();
    await Promise.resolve();
    const next = await claimScreenIdentity(environment({ locks: browser.tab(), storage }));
    expect(next.clientId).toBe(first.clientId);
  });

  it('falls back to a one-visit id with a clean session once the pool is taken', async () => {
    const browser = fakeBrowserLocks();
    const storage = memoryStorage();
    const ids = new Set<string>();
    for (let i = 0; i < SCREEN_ID_POOL_SIZE; i++)
      ids.add((await claimScreenIdentity(environment({ locks: browser.tab(), storage }))).clientId);
    const extra = await claimScreenIdentity(environment({ locks: browser.tab(), storage }));
    expect(ids.size).toBe(SCREEN_ID_POOL_SIZE);
    expect(extra.persistent).toBe(false);
    expect(ids.has(extra.clientId)).toBe(false);
    expect(extra.clientId).toMatch(/^hearth-[0-9a-f]{8}$/);
  });

  it('keeps a clean session where Web Locks are missing', async () => {
    const identity = await claimScreenIdentity(environment({ locks: undefined }));
    expect(identity.persistent).toBe(false);
  });

  it('keeps a clean session where storage is refused, so no visit leaves a session behind', async () => {
    const refusing: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect((await claimScreenIdentity(environment({ storage: refusing }))).persistent).toBe(false);
    expect((await claimScreenIdentity(environment({ storage: null }))).persistent).toBe(false);
  });

  it('keeps a clean session on a benchmark page', async () => {
    expect((await claimScreenIdentity(environment({ benchmark: true }))).persistent).toBe(false);
  });

  it('makes a new name when the stored one is not one of ours', async () => {
    const storage = memoryStorage();
    storage.setItem('hearth.screenName.v1', 'x"; DROP');
    expect((await claimScreenIdentity(environment({ storage }))).clientId).toBe('hearth-k3v9q2x7ab-0');
  });

  it('remembers what each broker holds for this screen', async () => {
    const storage = memoryStorage();
    const identity = await claimScreenIdentity(environment({ storage }));
    expect(identity.heldFilters('ws://hub.local:9001')).toBeNull();
    identity.rememberHeldFilters('ws://hub.local:9001', ['house/#']);
    identity.rememberHeldFilters('wss://other.example/mqtt', ['zigbee2mqtt/#']);
    const again = await claimScreenIdentity(environment({ storage }));
    expect(again.heldFilters('ws://hub.local:9001')).toEqual(['house/#']);
    expect(again.heldFilters('wss://other.example/mqtt')).toEqual(['zigbee2mqtt/#']);
  });

  it('does not know what a session holds when the record is unreadable', async () => {
    const storage = memoryStorage();
    storage.setItem('hearth.brokerSessions.v1', '{not json');
    const identity = await claimScreenIdentity(environment({ storage }));
    expect(identity.heldFilters('ws://hub.local:9001')).toBeNull();
  });
});
