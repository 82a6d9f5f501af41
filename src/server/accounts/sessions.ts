import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { replaceControlCharacters } from '../../core/clip.ts';

/**
 * Who is signed in, by a random token the browser holds in a cookie. A `session` is a person at a
 * browser and ends after `idleMs` without a request; a `screen` is a wall tablet kept signed in
 * ("keep this screen signed in") that lasts until revoked. Only the SHA-256 of each token is kept,
 * in memory and on disk, so a leaked sessions file or heap dump signs nobody in.
 */

/** The roles a person signs in with (device accounts use MQTT passwords, never sessions). */
export type SessionRole = 'owner' | 'control' | 'view';
export type SessionKind = 'session' | 'screen';

/** A signed-in browser or screen, as settings show it: never its token. */
export interface Session {
  id: string;
  account: string;
  role: SessionRole;
  kind: SessionKind;
  /** The name a screen was given ("Kitchen tablet"); empty for a browser session. */
  label: string;
  createdAt: number;
  lastSeenAt: number;
}

export type SessionsRestore = { ok: true; restored: number; skipped: number } | { ok: false; reason: string };

export interface SessionStore {
  /** Signs `account` in; the token goes to the browser once and is never readable again. */
  start(
    account: string,
    role: SessionRole,
    nowMs: number,
    kind: SessionKind,
    label?: string,
  ): { token: string; id: string };
  /** The session a token belongs to, with `lastSeenAt` moved to now; null if unknown or idle too long. */
  lookup(token: string, nowMs: number): Session | null;
  /** Ends one session or screen (sign out, or "remove this screen" in settings). */
  revoke(id: string): boolean;
  /** Ends every session and screen of an account: when it is removed or its password or role changes. */
  revokeAccount(account: string): number;
  /** The live sessions and screens, oldest first, for settings. */
  list(nowMs: number): Session[];
  /** The screens, to keep across a restart: token hashes only. Browser sessions are not kept. */
  toJSON(): PersistedSessions;
  /** Adds the screens of a `toJSON()` read back from disk; entries that do not parse are skipped. */
  fromJSON(data: unknown): SessionsRestore;
}

export interface PersistedScreen extends Session {
  /** SHA-256 of the token, hex. */
  tokenSha256: string;
}

export interface PersistedSessions {
  version: 1;
  screens: PersistedScreen[];
}

export const SESSION_IDLE_MS = 12 * 60 * 60_000;
export const SESSION_TOKEN_BYTES = 32;
/** Browser sessions kept at once; past it the one idle longest is signed out. */
export const SESSIONS_MAX = 1000;
/** Screens kept at once; a house has a few tablets, so past it the oldest unused is dropped. */
export const SCREENS_MAX = 200;
export const SCREEN_LABEL_MAX_CHARS = 80;
const TOKEN_MAX_CHARS = 512;

interface StoredSession extends Session {
  hash: Buffer;
}

export function createSessionStore({
  idleMs = SESSION_IDLE_MS,
  tokenBytes = SESSION_TOKEN_BYTES,
}: {
  idleMs?: number;
  tokenBytes?: number;
} = {}): SessionStore {
  // Keyed by the token's hash in hex. Looking a token up by its hash leaks, by timing, at most
  // how much of a guessed token's hash matches a stored one, which does not help find a token
  // that hashes the same; the final comparison is constant-time all the same.
  const byHash = new Map<string, StoredSession>();
  const byId = new Map<string, string>();

  const isLive = (session: StoredSession, nowMs: number) =>
    session.kind === 'screen' || nowMs - session.lastSeenAt < idleMs;

  const remove = (session: StoredSession) => {
    byHash.delete(session.hash.toString('hex'));
    byId.delete(session.id);
  };

  const add = (session: StoredSession) => {
    byHash.set(session.hash.toString('hex'), session);
    byId.set(session.id, session.hash.toString('hex'));
  };

  /**
   * Keeps a kind under its cap by dropping the least recently seen of the account that holds the
   * most: an account signing in over and over ends its own sessions, never another's tablet.
   */
  const keepUnder = (kind: SessionKind, max: number, nowMs: number) => {
    const ofKind = [...byHash.values()].filter((session) => session.kind === kind);
    for (const session of ofKind) if (!isLive(session, nowMs)) remove(session);
    const live = ofKind.filter((session) => byId.has(session.id));
    const byAccount = new Map<string, StoredSession[]>();
    for (const session of live) {
      const key = session.account.toLowerCase();
      byAccount.set(key, [...(byAccount.get(key) ?? []), session]);
    }
    for (let count = live.length; count >= max; count -= 1) {
      const largest = [...byAccount.values()].reduce((a, b) => (b.length > a.length ? b : a));
      largest.sort((a, b) => a.lastSeenAt - b.lastSeenAt);
      const oldest = largest.shift();
      if (oldest !== undefined) remove(oldest);
    }
  };

  return {
    start(account, role, nowMs, kind, label = '') {
      keepUnder(kind, kind === 'screen' ? SCREENS_MAX : SESSIONS_MAX, nowMs);
      const token = randomBytes(tokenBytes).toString('base64url');
      const id = randomBytes(12).toString('base64url');
      add({
        id,
        account,
        role,
        kind,
        label: kind === 'screen' ? cleanLabel(label) : '',
        createdAt: nowMs,
        lastSeenAt: nowMs,
        hash: sha256(token),
      });
      return { token, id };
    },

    lookup(token, nowMs) {
      if (token.length === 0 || token.length > TOKEN_MAX_CHARS || !/^[A-Za-z0-9_-]+$/.test(token))
        return null;
      const hash = sha256(token);
      const session = byHash.get(hash.toString('hex'));
      if (session === undefined || !timingSafeEqual(hash, session.hash)) return null;
      if (!isLive(session, nowMs)) {
        remove(session);
        return null;
      }
      session.lastSeenAt = Math.max(session.lastSeenAt, nowMs);
      return publicView(session);
    },

    revoke(id) {
      const hash = byId.get(id);
      const session = hash === undefined ? undefined : byHash.get(hash);
      if (session === undefined) return false;
      remove(session);
      return true;
    },

    revokeAccount(account) {
      // Account names are unique ignoring case (accountFile.ts), so `Alice` is `alice`.
      const name = account.toLowerCase();
      const doomed = [...byHash.values()].filter((session) => session.account.toLowerCase() === name);
      for (const session of doomed) remove(session);
      return doomed.length;
    },

    list(nowMs) {
      return [...byHash.values()]
        .filter((session) => isLive(session, nowMs))
        .sort((a, b) => a.createdAt - b.createdAt)
        .map(publicView);
    },

    toJSON() {
      const screens = [...byHash.values()]
        .filter((session) => session.kind === 'screen')
        .map((session) => ({ ...publicView(session), tokenSha256: session.hash.toString('hex') }));
      return { version: 1, screens };
    },

    fromJSON(data) {
      if (typeof data !== 'object' || data === null || !('version' in data) || !('screens' in data)) {
        return {
          ok: false,
          reason: 'The saved screens are not in a form Hearth knows; screens must sign in again.',
        };
      }
      if (data.version !== 1 || !Array.isArray(data.screens)) {
        return {
          ok: false,
          reason: `The saved screens are version ${String(data.version)}, which this Hearth does not read; screens must sign in again.`,
        };
      }
      let restored = 0;
      for (const entry of data.screens.slice(0, SCREENS_MAX) as unknown[]) {
        const screen = parseScreen(entry);
        if (screen === null || byId.has(screen.id) || byHash.has(screen.hash.toString('hex'))) continue;
        add(screen);
        restored++;
      }
      return { ok: true, restored, skipped: data.screens.length - restored };
    },
  };
}

function sha256(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function publicView({ id, account, role, kind, label, createdAt, lastSeenAt }: StoredSession): Session {
  return { id, account, role, kind, label, createdAt, lastSeenAt };
}

/** One line of text, for settings to show as text: control characters blanked, length capped. */
function cleanLabel(label: string): string {
  return replaceControlCharacters(label, ' ').trim().slice(0, SCREEN_LABEL_MAX_CHARS);
}

function parseScreen(entry: unknown): StoredSession | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const { id, account, role, label, createdAt, lastSeenAt, tokenSha256 } = entry as Record<string, unknown>;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  if (typeof account !== 'string' || account.length === 0 || account.length > 64) return null;
  if (role !== 'owner' && role !== 'control' && role !== 'view') return null;
  if (typeof tokenSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(tokenSha256)) return null;
  if (!Number.isFinite(createdAt) || !Number.isFinite(lastSeenAt)) return null;
  return {
    id,
    account,
    role,
    kind: 'screen',
    label: typeof label === 'string' ? cleanLabel(label) : '',
    createdAt: createdAt as number,
    lastSeenAt: lastSeenAt as number,
    hash: Buffer.from(tokenSha256, 'hex'),
  };
}
