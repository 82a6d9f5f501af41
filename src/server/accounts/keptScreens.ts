import { findAccount } from './accountChanges.ts';
import type { Account } from './accountFile.ts';
import { loadScreens, passwordStampOf, type ScreensFile, saveScreens, screensFileOf } from './screenFile.ts';
import type { SessionStore } from './sessions.ts';

export interface KeptScreens {
  /** `store`, saving screens.json after each change to its screens. */
  sessions: SessionStore;
  /** Resolves when the saves asked so far are written. */
  saved(): Promise<void>;
}

/**
 * The session store as the account book hands it out: revoking a session tells `onRevoked`;
 * starting a screen, revoking one, or signing an account's screens out saves screens.json (with the accounts as they are then), one save
 * after another; a failed save is logged and the screens sign in again after a restart.
 */
export function keepScreens(
  dataDir: string,
  store: SessionStore,
  accountsNow: () => readonly Account[],
  log: (line: string) => void,
  onRevoked: (id: string) => void = () => {},
): KeptScreens {
  let writes = Promise.resolve();
  const saveScreensLater = () => {
    writes = writes.then(async () => {
      const saved = await saveScreens(dataDir, screensFileOf(store.toJSON(), accountsNow()));
      if (!saved.ok) log(`${saved.reason}; kept screens may have to sign in again after a restart.`);
    });
  };
  const isScreen = (id: string) => store.toJSON().screens.some((screen) => screen.id === id);

  const sessions: SessionStore = {
    ...store,
    start(account, role, nowMs, kind, label) {
      const started = store.start(account, role, nowMs, kind, label);
      if (kind === 'screen') saveScreensLater();
      return started;
    },
    revoke(id) {
      const screen = isScreen(id);
      const revoked = store.revoke(id);
      if (revoked && screen) saveScreensLater();
      if (revoked) onRevoked(id);
      return revoked;
    },
    revokeAccount(account) {
      const screens = store.toJSON().screens.length;
      const ended = store.revokeAccount(account);
      if (store.toJSON().screens.length !== screens) saveScreensLater();
      return ended;
    },
  };
  return { sessions, saved: () => writes };
}

/**
 * Reads screens.json into `store`, then ends the screens whose account is gone, has another role,
 * or has a password other than the one the screen signed in under: changes made while Hearth was
 * stopped sign screens out just as they would have while it ran.
 */
export async function restoreScreens(
  dataDir: string,
  store: SessionStore,
  accounts: readonly Account[],
  log: (line: string) => void,
): Promise<void> {
  const read = await loadScreens(dataDir);
  if (!read.ok) return log(read.reason);
  if (read.data === null) return;
  const restored = store.fromJSON(read.data);
  if (!restored.ok) return log(restored.reason);
  const stamps = (read.data as Partial<ScreensFile>).passwordStamps ?? {};
  const stale = store.toJSON().screens.filter((screen) => {
    const account = findAccount(accounts, screen.account);
    return !account || account.role !== screen.role || stamps[screen.account] !== passwordStampOf(account);
  });
  for (const screen of stale) store.revoke(screen.id);
  if (stale.length > 0) {
    log(
      `Signed out ${stale.length} kept screen${stale.length === 1 ? '' : 's'} whose account was removed or changed.`,
    );
    const saved = await saveScreens(dataDir, screensFileOf(store.toJSON(), accounts));
    if (!saved.ok) log(saved.reason);
  }
}
