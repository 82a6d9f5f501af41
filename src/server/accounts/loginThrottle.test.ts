import { describe, expect, it } from 'vitest';
import {
  createLoginThrottle,
  LOGIN_MAX_DELAY_MS,
  type LoginThrottle,
  loginDelayMs,
} from './loginThrottle.ts';

const T0 = Date.UTC(2025, 0, 10, 20, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const TABLET = '192.168.1.20';
const LAPTOP = '192.168.1.31';

/** Fails `count` times, each as soon as the throttle allows; returns the time after the last. */
function failRepeatedly(throttle: LoginThrottle, account: string, address: string, count: number, from = T0) {
  let now = from;
  for (let i = 0; i < count; i++) {
    const decision = throttle.check(account, address, now);
    if (!decision.allowed) now += decision.retryAfterMs;
    throttle.recordFailure(account, address, now);
  }
  return now;
}

describe('loginDelayMs', () => {
  const limits = { freeFailures: 2, baseDelayMs: SECOND, maxDelayMs: 30 * SECOND };

  it('answers the first two failures at once, then waits 1, 2, 4, 8 s', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => loginDelayMs(n, limits))).toEqual([0, 0, 1000, 2000, 4000, 8000]);
  });

  it('never waits more than 30 s, however many failures', () => {
    expect(loginDelayMs(8, limits)).toBe(30_000);
    expect(loginDelayMs(1_000_000, limits)).toBe(30_000);
  });
});

describe('createLoginThrottle', () => {
  it('lets a first attempt through', () => {
    expect(createLoginThrottle().check('alice', TABLET, T0)).toEqual({ allowed: true });
  });

  it('lets a typo or two be retried at once', () => {
    const throttle = createLoginThrottle();
    throttle.recordFailure('alice', TABLET, T0);
    throttle.recordFailure('alice', TABLET, T0);
    expect(throttle.check('alice', TABLET, T0).allowed).toBe(true);
  });

  it('makes the third failure wait a second before the next attempt', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 3; i++) throttle.recordFailure('alice', TABLET, T0);
    expect(throttle.check('alice', TABLET, T0 + 400)).toEqual({
      allowed: false,
      retryAfterMs: 600,
      reason: 'Too many wrong passwords: wait 1 second and try again.',
    });
    expect(throttle.check('alice', TABLET, T0 + SECOND).allowed).toBe(true);
  });

  it('doubles the wait with each further failure', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 5; i++) throttle.recordFailure('alice', TABLET, T0);
    const decision = throttle.check('alice', TABLET, T0);
    expect(decision).toMatchObject({ allowed: false, retryAfterMs: 4000 });
  });

  it('caps the wait at 30 s', () => {
    const throttle = createLoginThrottle({ lockoutFailures: 100 });
    for (let i = 0; i < 20; i++) throttle.recordFailure('alice', TABLET, T0);
    expect(throttle.check('alice', TABLET, T0)).toMatchObject({ retryAfterMs: LOGIN_MAX_DELAY_MS });
  });

  it('slows the same account tried from another address', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 3; i++) throttle.recordFailure('alice', TABLET, T0);
    expect(throttle.check('alice', LAPTOP, T0).allowed).toBe(false);
  });

  it('slows another account tried from the same address', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 3; i++) throttle.recordFailure(`guess${i}`, TABLET, T0);
    expect(throttle.check('bob', TABLET, T0).allowed).toBe(false);
  });

  it('leaves other accounts on other addresses alone', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 5; i++) throttle.recordFailure('alice', TABLET, T0);
    expect(throttle.check('bob', LAPTOP, T0).allowed).toBe(true);
  });

  it('counts an account without regard to case', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 3; i++) throttle.recordFailure('Alice', `10.0.0.${i}`, T0);
    expect(throttle.check('ALICE', LAPTOP, T0).allowed).toBe(false);
  });

  it('forgets failures older than 15 minutes', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 5; i++) throttle.recordFailure('alice', TABLET, T0);
    throttle.recordFailure('alice', TABLET, T0 + 15 * MINUTE + 1);
    expect(throttle.check('alice', TABLET, T0 + 15 * MINUTE + 1).allowed).toBe(true);
  });

  it('locks the account for 15 minutes after 10 failures', () => {
    const throttle = createLoginThrottle();
    const lastAt = failRepeatedly(throttle, 'alice', TABLET, 10);
    const decision = throttle.check('alice', LAPTOP, lastAt + MINUTE);
    expect(decision).toEqual({
      allowed: false,
      retryAfterMs: 14 * MINUTE,
      reason: 'This account is locked after 10 wrong passwords; try again in 14 min.',
    });
  });

  it('locks the address for 15 minutes after 10 failures on different accounts', () => {
    const throttle = createLoginThrottle({ freeFailures: 100 });
    for (let i = 0; i < 10; i++) throttle.recordFailure(`guess${i}`, TABLET, T0);
    expect(throttle.check('bob', TABLET, T0)).toEqual({
      allowed: false,
      retryAfterMs: 15 * MINUTE,
      reason: 'Too many failed logins from this device; try again in 15 min.',
    });
  });

  it('lets the account try again when the lockout ends, with a fresh count', () => {
    const throttle = createLoginThrottle();
    const lastAt = failRepeatedly(throttle, 'alice', TABLET, 10);
    expect(throttle.check('alice', TABLET, lastAt + 15 * MINUTE - 1).allowed).toBe(false);
    expect(throttle.check('alice', TABLET, lastAt + 15 * MINUTE).allowed).toBe(true);
    throttle.recordFailure('alice', TABLET, lastAt + 15 * MINUTE);
    expect(throttle.check('alice', TABLET, lastAt + 15 * MINUTE).allowed).toBe(true);
  });

  it('reports the longer wait when both the account and the address are held back', () => {
    const throttle = createLoginThrottle();
    const lastAt = failRepeatedly(throttle, 'alice', TABLET, 10);
    for (let i = 0; i < 3; i++) throttle.recordFailure('bob', LAPTOP, lastAt);
    expect(throttle.check('alice', LAPTOP, lastAt)).toMatchObject({ retryAfterMs: 15 * MINUTE });
  });

  it('resets the account and the address after a right password', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 5; i++) throttle.recordFailure('alice', TABLET, T0);
    throttle.recordSuccess('alice', TABLET, T0 + 10 * SECOND);
    expect(throttle.check('alice', TABLET, T0 + 10 * SECOND).allowed).toBe(true);
    expect(throttle.recordFailure('alice', TABLET, T0 + 10 * SECOND)).toMatchObject({ accountFailures: 1 });
  });

  it('tells the log which failure it was, for whom and from where', () => {
    const throttle = createLoginThrottle();
    throttle.recordFailure('alice', TABLET, T0);
    throttle.recordFailure('alice', TABLET, T0);
    expect(throttle.recordFailure('alice', TABLET, T0)).toEqual({
      kind: 'failed',
      account: 'alice',
      address: TABLET,
      accountFailures: 3,
      addressFailures: 3,
      message: '3rd failed login for alice from 192.168.1.20',
    });
  });

  it('tells the log when an account is locked', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 9; i++) throttle.recordFailure('alice', `10.0.0.${i}`, T0);
    expect(throttle.recordFailure('alice', TABLET, T0)).toEqual({
      kind: 'locked',
      account: 'alice',
      address: TABLET,
      locked: 'account',
      untilMs: T0 + 15 * MINUTE,
      message: 'alice locked for 15 min after 10 failed logins, the last from 192.168.1.20',
    });
  });

  it('tells the log when the account and the address are locked together', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 9; i++) throttle.recordFailure('alice', TABLET, T0);
    expect(throttle.recordFailure('alice', TABLET, T0)).toMatchObject({
      locked: 'both',
      message: 'alice and 192.168.1.20 locked for 15 min after 10 failed logins',
    });
  });

  it('keeps a forged line break out of the log', () => {
    const throttle = createLoginThrottle();
    const event = throttle.recordFailure('mallory\nroot logged in from 10.0.0.1', TABLET, T0);
    expect(event.message).toBe('1st failed login for malloryroot logged in from 10.0.0.1 from 192.168.1.20');
  });

  it('counts a very long account name under its first 128 characters', () => {
    const throttle = createLoginThrottle();
    const long = 'a'.repeat(100_000);
    for (let i = 0; i < 3; i++) throttle.recordFailure(`${long}${i}`, `10.0.0.${i}`, T0);
    expect(throttle.check('a'.repeat(128), LAPTOP, T0).allowed).toBe(false);
    expect(throttle.recordFailure(long, LAPTOP, T0).account).toHaveLength(128);
  });

  it('tracks no more addresses or accounts than its bound', () => {
    const throttle = createLoginThrottle({ maxTracked: 100 });
    for (let i = 0; i < 1000; i++) throttle.recordFailure(`guess${i}`, `10.0.${i >> 8}.${i & 255}`, T0 + i);
    expect(throttle.trackedCount()).toEqual({ accounts: 100, addresses: 100 });
  });

  it('forgets the least recently failed first', () => {
    const throttle = createLoginThrottle({ maxTracked: 2 });
    for (let i = 0; i < 3; i++) throttle.recordFailure('alice', TABLET, T0);
    throttle.recordFailure('bob', LAPTOP, T0 + 1);
    throttle.recordFailure('carol', '10.0.0.9', T0 + 2);
    expect(throttle.check('alice', '10.0.0.1', T0 + 2).allowed).toBe(true);
  });

  it('keeps a locked account when a flood of new names fills the table', () => {
    const throttle = createLoginThrottle({ maxTracked: 50 });
    const lastAt = failRepeatedly(throttle, 'alice', TABLET, 10);
    for (let i = 0; i < 500; i++)
      throttle.recordFailure(`guess${i}`, `10.0.${i >> 8}.${i & 255}`, lastAt + 1);
    expect(throttle.check('alice', LAPTOP, lastAt + 1)).toMatchObject({ allowed: false });
  });

  it('drops entries whose failures and lockout have run out', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 20; i++) throttle.recordFailure(`guess${i}`, `10.0.0.${i}`, T0);
    throttle.recordFailure('alice', TABLET, T0 + 16 * MINUTE);
    expect(throttle.trackedCount()).toEqual({ accounts: 1, addresses: 1 });
  });
});
