import { replaceControlCharacters } from '../../core/clip.ts';
/**
 * Failed-login bookkeeping, per account and per client address: a growing delay before the next
 * attempt is answered, then a temporary lockout. Either key trips on its own, so guessing one
 * account from many addresses and many accounts from one address are both slowed.
 */

export interface LoginThrottleOptions {
  /** Failures answered at once before the delay starts (a typo or two costs nothing). */
  freeFailures?: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Failures within `windowMs` that lock the account or address. */
  lockoutFailures?: number;
  windowMs?: number;
  lockoutMs?: number;
  /** Accounts and addresses tracked each; past it the least recently failed is forgotten. */
  maxTracked?: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number; reason: string };

/** What to log after a failure; `message` is ready for the log and never holds a password. */
export type ThrottleEvent =
  | {
      kind: 'failed';
      account: string;
      address: string;
      accountFailures: number;
      addressFailures: number;
      message: string;
    }
  | {
      kind: 'locked';
      account: string;
      address: string;
      locked: 'account' | 'address' | 'both';
      untilMs: number;
      message: string;
    };

export interface LoginThrottle {
  /** Whether a login attempt may be checked now; refused attempts should not be recorded. */
  check(account: string, address: string, nowMs: number): ThrottleDecision;
  /** After a wrong password (or unknown account): counts it against both keys. */
  recordFailure(account: string, address: string, nowMs: number): ThrottleEvent;
  /** After a right password: forgets that account's and that address's failures. */
  recordSuccess(account: string, address: string, nowMs: number): void;
  /** How many accounts and addresses are tracked (memory stays bounded by `maxTracked`). */
  trackedCount(): { accounts: number; addresses: number };
}

export const LOGIN_FREE_FAILURES = 2;
export const LOGIN_BASE_DELAY_MS = 1000;
export const LOGIN_MAX_DELAY_MS = 30_000;
export const LOGIN_LOCKOUT_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_LOCKOUT_MS = 15 * 60_000;
export const LOGIN_MAX_TRACKED = 10_000;
/** Longer names are cut for bookkeeping and logs: nobody's account name is this long. */
const ACCOUNT_KEY_MAX_CHARS = 128;

interface Entry {
  /** Times of failures inside the window, oldest first; at most `lockoutFailures`. */
  failures: number[];
  lockedUntil: number;
}

type Limits = Required<LoginThrottleOptions>;

/** The delay after `failures` failures in the window: 0 for the free ones, then doubling, capped. */
export function loginDelayMs(
  failures: number,
  limits: Pick<Limits, 'freeFailures' | 'baseDelayMs' | 'maxDelayMs'>,
): number {
  const over = failures - limits.freeFailures;
  if (over <= 0) return 0;
  // 2 ** 30 is already past any sensible cap; the exponent is bounded so the number stays finite.
  return Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** Math.min(over - 1, 30));
}

export function createLoginThrottle(options: LoginThrottleOptions = {}): LoginThrottle {
  const limits: Limits = {
    freeFailures: options.freeFailures ?? LOGIN_FREE_FAILURES,
    baseDelayMs: options.baseDelayMs ?? LOGIN_BASE_DELAY_MS,
    maxDelayMs: options.maxDelayMs ?? LOGIN_MAX_DELAY_MS,
    lockoutFailures: options.lockoutFailures ?? LOGIN_LOCKOUT_FAILURES,
    windowMs: options.windowMs ?? LOGIN_WINDOW_MS,
    lockoutMs: options.lockoutMs ?? LOGIN_LOCKOUT_MS,
    maxTracked: options.maxTracked ?? LOGIN_MAX_TRACKED,
  };
  // Maps keep insertion order; an entry is re-inserted on each failure, so the first is the one
  // that failed longest ago: the first to expire and the first to forget.
  const accounts = new Map<string, Entry>();
  const addresses = new Map<string, Entry>();

  const prune = (entry: Entry, nowMs: number) => {
    while (entry.failures.length > 0 && (entry.failures[0] ?? 0) <= nowMs - limits.windowMs)
      entry.failures.shift();
  };
  const isSpent = (entry: Entry, nowMs: number) => {
    prune(entry, nowMs);
    return entry.failures.length === 0 && entry.lockedUntil <= nowMs;
  };

  /** How long this key must wait, and why; null when it may try now. */
  const waitFor = (entry: Entry | undefined, nowMs: number, lockedReason: (wait: string) => string) => {
    if (entry === undefined) return null;
    if (entry.lockedUntil > nowMs) {
      return {
        retryAfterMs: entry.lockedUntil - nowMs,
        reason: lockedReason(minutesText(entry.lockedUntil, nowMs)),
      };
    }
    prune(entry, nowMs);
    const last = entry.failures.at(-1);
    if (last === undefined) return null;
    const readyAt = last + loginDelayMs(entry.failures.length, limits);
    if (readyAt <= nowMs) return null;
    const retryAfterMs = readyAt - nowMs;
    return {
      retryAfterMs,
      reason: `Too many wrong passwords: wait ${secondsText(retryAfterMs)} and try again.`,
    };
  };

  const fail = (map: Map<string, Entry>, key: string, nowMs: number): Entry => {
    const entry = map.get(key) ?? { failures: [], lockedUntil: 0 };
    map.delete(key);
    prune(entry, nowMs);
    entry.failures.push(nowMs);
    if (entry.failures.length > limits.lockoutFailures) entry.failures.shift();
    map.set(key, entry);
    forgetSpent(map, nowMs);
    evictOverflow(map, nowMs);
    return entry;
  };

  const forgetSpent = (map: Map<string, Entry>, nowMs: number) => {
    for (const [key, entry] of map) {
      if (!isSpent(entry, nowMs)) break;
      map.delete(key);
    }
  };

  /**
   * Forgets the least recently failed entry that is not locked, so flooding the map with new
   * names or addresses cannot free a locked account; only when all are locked the oldest goes.
   */
  const evictOverflow = (map: Map<string, Entry>, nowMs: number) => {
    while (map.size > limits.maxTracked) {
      let victim: string | undefined;
      for (const [key, entry] of map) {
        if (entry.lockedUntil <= nowMs) {
          victim = key;
          break;
        }
      }
      map.delete(victim ?? (map.keys().next().value as string));
    }
  };

  return {
    check(account, address, nowMs) {
      const waits = [
        waitFor(
          accounts.get(accountKeyOf(account)),
          nowMs,
          (wait) =>
            `This account is locked after ${limits.lockoutFailures} wrong passwords; try again in ${wait}.`,
        ),
        waitFor(
          addresses.get(address),
          nowMs,
          (wait) => `Too many failed logins from this device; try again in ${wait}.`,
        ),
      ].filter((wait) => wait !== null);
      if (waits.length === 0) return { allowed: true };
      const longest = waits.reduce((a, b) => (b.retryAfterMs > a.retryAfterMs ? b : a));
      return { allowed: false, ...longest };
    },

    recordFailure(account, address, nowMs) {
      const accountKey = accountKeyOf(account);
      const shown = printable(account);
      const byAccount = fail(accounts, accountKey, nowMs);
      const byAddress = fail(addresses, address, nowMs);
      const lockAccount =
        byAccount.failures.length >= limits.lockoutFailures && byAccount.lockedUntil <= nowMs;
      const lockAddress =
        byAddress.failures.length >= limits.lockoutFailures && byAddress.lockedUntil <= nowMs;
      const untilMs = nowMs + limits.lockoutMs;
      // A lock starts a fresh count: once it ends, the next failures are counted from zero.
      if (lockAccount) Object.assign(byAccount, { lockedUntil: untilMs, failures: [] });
      if (lockAddress) Object.assign(byAddress, { lockedUntil: untilMs, failures: [] });
      if (lockAccount || lockAddress) {
        const locked = lockAccount && lockAddress ? 'both' : lockAccount ? 'account' : 'address';
        const after = `for ${minutesText(untilMs, nowMs)} after ${limits.lockoutFailures} failed logins`;
        const message = {
          account: `${shown} locked ${after}, the last from ${address}`,
          address: `${address} locked ${after}, the last for ${shown}`,
          both: `${shown} and ${address} locked ${after}`,
        }[locked];
        return { kind: 'locked', account: shown, address, locked, untilMs, message };
      }
      return {
        kind: 'failed',
        account: shown,
        address,
        accountFailures: byAccount.failures.length,
        addressFailures: byAddress.failures.length,
        message: `${ordinal(byAccount.failures.length)} failed login for ${shown} from ${address}`,
      };
    },

    recordSuccess(account, address) {
      accounts.delete(accountKeyOf(account));
      addresses.delete(address);
    },

    trackedCount: () => ({ accounts: accounts.size, addresses: addresses.size }),
  };
}

/**
 * Account names are compared without case here even if the account list is case-sensitive:
 * `Alice` and `alice` sharing a count only ever slows guessing, never lets it through.
 */
function accountKeyOf(account: string): string {
  return account.slice(0, ACCOUNT_KEY_MAX_CHARS).toLowerCase();
}

/** The name as typed, safe for a one-line log: control characters (a forged log line) dropped. */
function printable(account: string): string {
  const cleaned = replaceControlCharacters(account.slice(0, ACCOUNT_KEY_MAX_CHARS), '');
  return cleaned === '' ? '(no name)' : cleaned;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

function secondsText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

function minutesText(untilMs: number, nowMs: number): string {
  const minutes = Math.max(1, Math.ceil((untilMs - nowMs) / 60_000));
  return minutes === 1 ? '1 min' : `${minutes} min`;
}
