import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorWords, replaceFilePrivately } from '../privateFile.ts';
import { findAccount } from './accountChanges.ts';
import type { Account } from './accountFile.ts';
import type { PersistedSessions } from './sessions.ts';

/** The kept-signed-in screens in the data directory: token hashes only, never tokens. */
export const SCREENS_FILE_NAME = 'screens.json';

/**
 * What `screens.json` holds: the session store's `toJSON()` plus, per account with a screen, a
 * stamp of the password hash it was signed in under, so a password changed while Hearth was
 * stopped still ends that account's screens at the next start.
 */
export interface ScreensFile extends PersistedSessions {
  passwordStamps: Record<string, string>;
}

export type ScreensRead = { ok: true; data: unknown } | { ok: false; reason: string };

export function screensFilePath(dataDir: string): string {
  return path.join(dataDir, SCREENS_FILE_NAME);
}

/**
 * A short fingerprint of a password hash: equal while the password is unchanged, and (the hash
 * being salted) useless to anyone guessing the password.
 */
export function passwordStampOf(account: Account): string {
  return createHash('sha256').update(account.hash).digest('hex').slice(0, 16);
}

/** The file for `persisted` screens, each account's stamp taken from `accounts` as they are now. */
export function screensFileOf(persisted: PersistedSessions, accounts: readonly Account[]): ScreensFile {
  const passwordStamps: Record<string, string> = {};
  for (const screen of persisted.screens) {
    const account = findAccount(accounts, screen.account);
    if (account) passwordStamps[screen.account] = passwordStampOf(account);
  }
  return { ...persisted, passwordStamps };
}

/** The screens file's parsed JSON, untrusted; null when there is none yet. */
export async function loadScreens(dataDir: string): Promise<ScreensRead> {
  const file = screensFilePath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, data: null };
    return { ok: false, reason: `Cannot read ${file}: ${errorWords(error)}; screens must sign in again.` };
  }
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: `${file} is not valid JSON; screens must sign in again.` };
  }
}

/**
 * Writes the screens so a crash leaves the old file or the new one: a fresh temporary file readable
 * by its owner only (a token hash is still worth keeping private), flushed, renamed over the old.
 */
export async function saveScreens(
  dataDir: string,
  screens: ScreensFile,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  return replaceFilePrivately(screensFilePath(dataDir), `${JSON.stringify(screens, null, 2)}\n`);
}
