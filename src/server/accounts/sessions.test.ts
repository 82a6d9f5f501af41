import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionStore, SCREEN_LABEL_MAX_CHARS, SCREENS_MAX, SESSIONS_MAX } from './sessions.ts';

const T0 = Date.UTC(2025, 0, 10, 8, 0, 0);
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

describe('createSessionStore', () => {
  it('signs a person in with a random base64url token of 32 bytes', () => {
    const store = createSessionStore();
    const { token } = store.start('alice', 'owner', T0, 'session');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.start('alice', 'owner', T0, 'session').token).not.toBe(token);
  });

  it('finds the session a token belongs to', () => {
    const store = createSessionStore();
    const { token, id } = store.start('alice', 'control', T0, 'session');
    expect(store.lookup(token, T0 + 1000)).toEqual({
      id,
      account: 'alice',
      role: 'control',
      kind: 'session',
      label: '',
      createdAt: T0,
      lastSeenAt: T0 + 1000,
    });
  });

  it('knows nobody by a token it never gave', () => {
    const store = createSessionStore();
    store.start('alice', 'owner', T0, 'session');
    expect(store.lookup('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', T0)).toBeNull();
  });

  it('turns away malformed and oversized tokens', () => {
    const store = createSessionStore();
    const { token } = store.start('alice', 'owner', T0, 'session');
    for (const bad of ['', `${token}=`, `${token} `, 'a'.repeat(100_000), '../../etc/passwd', `${token}\n`]) {
      expect(store.lookup(bad, T0)).toBeNull();
    }
  });

  it('ends a browser session after 12 hours without a request', () => {
    const store = createSessionStore();
    const { token } = store.start('alice', 'owner', T0, 'session');
    expect(store.lookup(token, T0 + 12 * HOUR)).toBeNull();
  });

  it('keeps a browser session alive while it is used', () => {
    const store = createSessionStore();
    const { token } = store.start('alice', 'owner', T0, 'session');
    for (let hour = 11; hour <= 110; hour += 11) expect(store.lookup(token, T0 + hour * HOUR)).not.toBeNull();
  });

  it('stays ended once idle, even if asked again later with an earlier clock', () => {
    const store = createSessionStore({ idleMs: HOUR });
    const { token } = store.start('alice', 'owner', T0, 'session');
    expect(store.lookup(token, T0 + 2 * HOUR)).toBeNull();
    expect(store.lookup(token, T0)).toBeNull();
  });

  it('never lets a screen token idle out', () => {
    const store = createSessionStore();
    const { token } = store.start('alice', 'view', T0, 'screen', 'Kitchen tablet');
    expect(store.lookup(token, T0 + 400 * DAY)).toMatchObject({ kind: 'screen', label: 'Kitchen tablet' });
  });

  it('signs out one session by its id', () => {
    const store = createSessionStore();
    const first = store.start('alice', 'owner', T0, 'session');
    const second = store.start('alice', 'owner', T0, 'session');
    expect(store.revoke(first.id)).toBe(true);
    expect(store.lookup(first.token, T0)).toBeNull();
    expect(store.lookup(second.token, T0)).not.toBeNull();
  });

  it('says when there was nothing to revoke', () => {
    expect(createSessionStore().revoke('no-such-id')).toBe(false);
  });

  it('signs an account out everywhere, screens included, whatever the case of its name', () => {
    const store = createSessionStore();
    const browser = store.start('Alice', 'owner', T0, 'session');
    const tablet = store.start('alice', 'view', T0, 'screen', 'Hall');
    const bob = store.start('bob', 'control', T0, 'session');
    expect(store.revokeAccount('ALICE')).toBe(2);
    expect(store.lookup(browser.token, T0)).toBeNull();
    expect(store.lookup(tablet.token, T0)).toBeNull();
    expect(store.lookup(bob.token, T0)).not.toBeNull();
  });

  it('lists live sessions and screens oldest first, without tokens', () => {
    const store = createSessionStore();
    store.start('alice', 'owner', T0, 'session');
    store.start('alice', 'view', T0 + 1, 'screen', 'Hall');
    store.start('bob', 'control', T0 + 13 * HOUR, 'session');
    const listed = store.list(T0 + 13 * HOUR);
    expect(listed.map((session) => [session.account, session.kind])).toEqual([
      ['alice', 'screen'],
      ['bob', 'session'],
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/token/i);
  });

  it('keeps a screen label to one line of limited length', () => {
    const store = createSessionStore();
    const { token } = store.start('alice', 'view', T0, 'screen', `  Hall\n<b>tablet</b>${'x'.repeat(500)}`);
    const label = store.lookup(token, T0)?.label ?? '';
    expect(label.startsWith('Hall <b>tablet</b>')).toBe(true);
    expect(label).toHaveLength(SCREEN_LABEL_MAX_CHARS);
  });

  it('signs out the session idle longest when too many are open', () => {
    const store = createSessionStore();
    const oldest = store.start('alice', 'owner', T0, 'session');
    for (let i = 1; i < SESSIONS_MAX; i++) store.start('alice', 'owner', T0 + i, 'session');
    const screen = store.start('alice', 'view', T0, 'screen');
    store.start('alice', 'owner', T0 + SESSIONS_MAX, 'session');
    expect(store.lookup(oldest.token, T0 + SESSIONS_MAX)).toBeNull();
    expect(store.list(T0 + SESSIONS_MAX)).toHaveLength(SESSIONS_MAX + 1);
    expect(store.lookup(screen.token, T0 + SESSIONS_MAX)).not.toBeNull();
  });

  it('keeps screens, and only their token hashes, across a restart', () => {
    const before = createSessionStore();
    const tablet = before.start('alice', 'view', T0, 'screen', 'Hall');
    before.start('bob', 'control', T0, 'session');
    const saved = JSON.parse(JSON.stringify(before.toJSON()));
    expect(JSON.stringify(saved)).not.toContain(tablet.token);
    expect(saved.screens[0].tokenSha256).toBe(createHash('sha256').update(tablet.token).digest('hex'));

    const after = createSessionStore();
    expect(after.fromJSON(saved)).toEqual({ ok: true, restored: 1, skipped: 0 });
    expect(after.lookup(tablet.token, T0 + 30 * DAY)).toMatchObject({
      id: tablet.id,
      account: 'alice',
      label: 'Hall',
    });
    expect(after.list(T0 + 30 * DAY)).toHaveLength(1);
  });

  it('skips saved screens that do not parse and restores the rest', () => {
    const before = createSessionStore();
    before.start('alice', 'view', T0, 'screen', 'Hall');
    const saved = before.toJSON();
    const broken = [
      { ...saved.screens[0], role: 'root' },
      { ...saved.screens[0], tokenSha256: 'zz' },
      null,
      'x',
    ];
    const after = createSessionStore();
    expect(after.fromJSON({ version: 1, screens: [...saved.screens, ...broken] })).toEqual({
      ok: true,
      restored: 1,
      skipped: 4,
    });
  });

  it('refuses a saved file it does not understand, in words', () => {
    const store = createSessionStore();
    expect(store.fromJSON('hello')).toEqual({
      ok: false,
      reason: 'The saved screens are not in a form Hearth knows; screens must sign in again.',
    });
    expect(store.fromJSON({ version: 2, screens: [] })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/version 2/),
    });
  });
});

describe('the caps, shared fairly', () => {
  it('ends the sessions of the account that signs in over and over, never another account’s screen', () => {
    const store = createSessionStore();
    const hall = store.start('anna', 'owner', 0, 'screen', 'Hall tablet');
    for (let i = 1; i <= SCREENS_MAX + 5; i += 1) store.start('vera', 'view', i, 'screen', `spam ${i}`);
    const screens = store.list(1000).filter((session) => session.kind === 'screen');
    expect(screens.length).toBeLessThanOrEqual(SCREENS_MAX);
    expect(screens.some((session) => session.id === hall.id)).toBe(true);
  });
});
