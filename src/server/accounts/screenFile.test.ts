import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from './accountFile.ts';
import {
  loadScreens,
  passwordStampOf,
  type ScreensFile,
  saveScreens,
  screensFileOf,
  screensFilePath,
} from './screenFile.ts';

const HASH = 'scrypt$N=1024,r=8,p=1$BwcHBwcHBwcHBwcHBwcHBw$TRU85d5EdvHnMzjmCczYQjK8RvZ17SOsa17v7PF4V98';
const OTHER_HASH = 'scrypt$N=1024,r=8,p=1$CAgICAgICAgICAgICAgICA$TRU85d5EdvHnMzjmCczYQjK8RvZ17SOsa17v7PF4V98';
const kim: Account = { name: 'kim', role: 'owner', hash: HASH, createdAt: '2026-01-15T12:30:00.000Z' };
const screen = {
  id: 'screen-1',
  account: 'kim',
  role: 'owner' as const,
  kind: 'screen' as const,
  label: 'Hall',
  createdAt: 1,
  lastSeenAt: 2,
  tokenSha256: 'a'.repeat(64),
};

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-screens-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the screens file', () => {
  it('is nothing yet in a fresh data directory', async () => {
    expect(await loadScreens(dataDir)).toEqual({ ok: true, data: null });
  });

  it('reads back what was saved', async () => {
    const file: ScreensFile = { version: 1, screens: [screen], passwordStamps: { kim: 'abc' } };
    expect(await saveScreens(dataDir, file)).toEqual({ ok: true });
    expect(await loadScreens(dataDir)).toEqual({ ok: true, data: file });
  });

  it('is written readable by its owner only, with no temporary file left behind', async () => {
    await saveScreens(dataDir, { version: 1, screens: [], passwordStamps: {} });
    expect((await stat(screensFilePath(dataDir))).mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).toEqual(['screens.json']);
  });

  it('says in words that screens sign in again when it is not JSON', async () => {
    await writeFile(screensFilePath(dataDir), '{ nope');
    expect(await loadScreens(dataDir)).toEqual({
      ok: false,
      reason: `${screensFilePath(dataDir)} is not valid JSON; screens must sign in again.`,
    });
  });

  it('stamps each screen account with its current password hash, never the hash itself', () => {
    const file = screensFileOf({ version: 1, screens: [screen] }, [kim]);
    expect(file.passwordStamps).toEqual({ kim: passwordStampOf(kim) });
    expect(JSON.stringify(file)).not.toContain(HASH);
  });

  it('gives a changed password another stamp', () => {
    expect(passwordStampOf({ ...kim, hash: OTHER_HASH })).not.toBe(passwordStampOf(kim));
  });

  it('stamps no account that no longer exists', () => {
    expect(screensFileOf({ version: 1, screens: [screen] }, []).passwordStamps).toEqual({});
  });
});
