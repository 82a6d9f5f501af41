import { describe, expect, it } from 'vitest';
import {
  checkNewPassword,
  hashPassword,
  isPasswordHash,
  verifyAgainstNoAccount,
  verifyPassword,
} from './passwordHash.ts';

const STORED_SHAPE = /^scrypt\$N=32768,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

describe('hashing a password', () => {
  it('writes scrypt with its cost, a 16-byte salt and a 32-byte key', async () => {
    expect(await hashPassword('correct horse')).toMatch(STORED_SHAPE);
  });

  it('salts every hash afresh, so two accounts with one password do not share a hash', async () => {
    const [first, second] = await Promise.all([hashPassword('same words'), hashPassword('same words')]);
    expect(first).not.toBe(second);
  });

  it('does not contain the password', async () => {
    expect(await hashPassword('visible-secret')).not.toContain('visible-secret');
  });
});

describe('verifying a password', () => {
  it('accepts the password the hash was made from', async () => {
    expect(await verifyPassword('correct horse', await hashPassword('correct horse'))).toBe(true);
  });

  it('refuses another password', async () => {
    expect(await verifyPassword('correct hor5e', await hashPassword('correct horse'))).toBe(false);
  });

  it('refuses the password with its trailing newline still on', async () => {
    expect(await verifyPassword('correct horse\n', await hashPassword('correct horse'))).toBe(false);
  });

  it('accepts the same accented word however the keyboard composed it', async () => {
    const composed = 'caf\u00e9 cr\u00e8me';
    const decomposed = 'cafe\u0301 cre\u0300me';
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('checks a hash made with other scrypt parameters by the ones it carries', async () => {
    // Made with Node: scryptSync('old password', Buffer.alloc(16, 7), 32, { N: 1024, r: 8, p: 1 }).
    const stored = 'scrypt$N=1024,r=8,p=1$BwcHBwcHBwcHBwcHBwcHBw$TRU85d5EdvHnMzjmCczYQjK8RvZ17SOsa17v7PF4V98';
    expect(await verifyPassword('old password', stored)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['a plain text password', 'correct horse'],
    ['another algorithm', '$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234'],
    [
      'a cost that is not a power of two',
      'scrypt$N=1000,r=8,p=1$BwcHBwcHBwcHBwcHBwcHBw$BwcHBwcHBwcHBwcHBwcHBw',
    ],
    ['a cost too dear to check', 'scrypt$N=1073741824,r=8,p=1$BwcHBwcHBwcHBwcHBwcHBw$BwcHBwcHBwcHBwcHBwcHBw'],
    ['a salt that is not base64', 'scrypt$N=1024,r=8,p=1$BwcHBwcH!wcHBwcHBwcHBw$BwcHBwcHBwcHBwcHBwcHBw'],
    ['a key too short to mean anything', 'scrypt$N=1024,r=8,p=1$BwcHBwcHBwcHBwcHBwcHBw$BwcH'],
  ])('answers false, without throwing, for %s', async (_what, stored) => {
    expect(isPasswordHash(stored)).toBe(false);
    expect(await verifyPassword('correct horse', stored)).toBe(false);
  });

  it('answers false for a password longer than any that can be set', async () => {
    const long = 'a'.repeat(1025);
    expect(
      await verifyPassword(long, 'scrypt$N=1024,r=8,p=1$BwcHBwcHBwcHBwcHBwcHBw$BwcHBwcHBwcHBwcHBwcHBw'),
    ).toBe(false);
  });

  it('answers false for a name with no account, after the same work', async () => {
    expect(await verifyAgainstNoAccount('correct horse')).toBe(false);
  });
});

describe('the password policy', () => {
  it('accepts eight characters', () => {
    expect(checkNewPassword('abcdefgh')).toBeNull();
  });

  it('refuses seven, saying how many it needs', () => {
    expect(checkNewPassword('abcdefg')).toBe('The password has 7 characters; choose one of at least 8.');
  });

  it('counts characters, not bytes', () => {
    expect(checkNewPassword('日本語の合言葉')).toMatch(/has 7 characters/);
    expect(checkNewPassword('日本語の合言葉です')).toBeNull();
  });

  it('refuses an empty password', () => {
    expect(checkNewPassword('')).toMatch(/empty/);
  });

  it('refuses a password of spaces only', () => {
    expect(checkNewPassword('          ')).toMatch(/only spaces/);
  });

  it('accepts spaces inside a passphrase', () => {
    expect(checkNewPassword('  a long phrase  ')).toBeNull();
  });

  it('accepts 1024 characters and refuses 1025', () => {
    expect(checkNewPassword('x'.repeat(1024))).toBeNull();
    expect(checkNewPassword('x'.repeat(1025))).toBe(
      'The password has 1025 characters; choose one of at most 1024.',
    );
  });
});
