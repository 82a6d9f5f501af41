import { type FSWatcher, watch } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { findAccount } from './accountChanges.ts';
import { ACCOUNTS_FILE_NAME, type Account, loadAccounts, type PersonAccount } from './accountFile.ts';
import { keepScreens, restoreScreens } from './keptScreens.ts';
import { createKnownAddresses } from './knownAddresses.ts';
import { createLoginThrottle, type LoginThrottleOptions } from './loginThrottle.ts';
import { verifyAgainstNoAccount, verifyPassword } from './passwordHash.ts';
import type { Principal } from './principal.ts';
import { createSessionStore, type SessionKind, type SessionStore } from './sessions.ts';
import { createSignInQueue } from './signInQueue.ts';

/** Saves replace accounts.json by rename, which some platforms report as several events: one reload. */
export const ACCOUNTS_RELOAD_DEBOUNCE_MS = 100;

export type Authentication =
  | { ok: true; account: Account }
  | { ok: false; reason: string; retryAfterMs?: number };

export interface AccountBookOptions {
  /** One line per event a person running the server should see; never holds a password or hash. */
  log: (line: string) => void;
  /** Told the names of accounts removed, or whose password, role or prefixes changed, after a reload: the broker disconnects their clients. */
  onAccountsChanged?: (names: string[]) => void;
  /**
   * Whether a house with no accounts is open to everyone (on loopback, or --allow-anonymous), as
   * the start policy decided; else removing the last account locks it. True when not given.
   */
  openWhenEmpty?: boolean;
  /** Told when the house turns open or locked after a reload (its first account added, or its last removed). */
  onOpenChanged?: (open: boolean) => void;
  /** Told each session or screen revoked by id (signed out, or removed in settings): the broker closes its WebSocket. */
  onSessionRevoked?: (id: string) => void;
  throttle?: LoginThrottleOptions;
}

/** The running server's accounts: what the HTTP layer and the broker's hooks ask. */
export interface AccountBook {
  /** How many accounts there are. */
  count(): number;
  /**
   * Whether everyone may come in: no accounts, on loopback or with --allow-anonymous. A house
   * started on the network whose last account is removed is locked, not open.
   */
  isOpen(): boolean;
  /**
   * Whether `password` is `name`'s, asked from `address` at `nowMs`. The throttle answers first
   * (with `retryAfterMs`); an unknown name costs as much as a wrong password and gets the same
   * words; every failure is logged.
   */
  authenticate(name: string, password: string, address: string, nowMs: number): Promise<Authentication>;
  /** Who the broker sees for `account`. */
  principalOf(account: Account): Principal;
  /** Sessions and screens; starting or revoking a screen here also saves screens.json. */
  sessions: SessionStore;
  /** Signs a person in with their account's role; a `screen` is kept across restarts. */
  signIn(
    account: PersonAccount,
    kind: SessionKind,
    label: string,
    nowMs: number,
  ): { token: string; id: string };
  /**
   * Reads accounts.json now rather than when the directory watch fires: the dashboard's account
   * settings call it after a change, so the accounts it signs out are out before it answers.
   */
  reloadNow(): Promise<void>;
  /** Whether an account of this name exists (any case). */
  has(name: string): boolean;
  /** Stops watching the data directory and waits for pending saves. */
  close(): Promise<void>;
}

/** A person's role, or a device's prefixes, as the broker's access rules take it. */
export function principalOf(account: Account): Principal {
  return account.role === 'device'
    ? { kind: 'device', name: account.name, prefixes: [...account.prefixes] }
    : { kind: 'account', name: account.name, role: account.role };
}

/**
 * The names in `before` that `after` removes or changes in password, role or prefixes. A
 * device's prefixes count as a set: the same ones in another order are no change, one added or
 * taken away is (a client connected under the old ones must sign in again under the new).
 */
export function changedAccountNames(before: readonly Account[], after: readonly Account[]): string[] {
  return before
    .filter((old) => {
      const next = findAccount(after, old.name);
      return (
        next === undefined ||
        next.hash !== old.hash ||
        next.role !== old.role ||
        (next.role === 'device' && old.role === 'device' && !samePrefixes(next.prefixes, old.prefixes))
      );
    })
    .map((account) => account.name);
}

function samePrefixes(a: readonly string[], b: readonly string[]): boolean {
  const inA = new Set(a);
  const inB = new Set(b);
  return inA.size === inB.size && [...inA].every((prefix) => inB.has(prefix));
}

const WRONG_LOGIN = 'The name or the password is wrong.';

/**
 * Opens the account book of `dataDir`: its accounts (an unreadable accounts.json is an error: the
 * server must not start open), its saved screens (an unreadable screens.json is logged and the
 * screens sign in again), and a watch on the directory that reloads accounts.json when it changes.
 */
export async function openAccountBook(
  dataDir: string,
  {
    log,
    onAccountsChanged,
    openWhenEmpty = true,
    onOpenChanged,
    onSessionRevoked,
    throttle: throttleOptions,
  }: AccountBookOptions,
): Promise<{ ok: true; book: AccountBook } | { ok: false; reason: string }> {
  const first = await loadAccounts(dataDir);
  if (!first.ok) return first;
  let accounts = first.accounts;
  const throttle = createLoginThrottle(throttleOptions);
  const store = createSessionStore();

  const kept = keepScreens(dataDir, store, () => accounts, log, onSessionRevoked);
  const sessions = kept.sessions;

  await restoreScreens(dataDir, store, accounts, log);

  const isOpen = () => accounts.length === 0 && openWhenEmpty;

  const oneAtATime = createSignInQueue();
  const known = createKnownAddresses();
  const checkPassword = async (
    name: string,
    password: string,
    address: string,
    nowMs: number,
  ): Promise<Authentication> => {
    const key = known.throttleKey(name, address);
    const decision = throttle.check(key, address, nowMs);
    if (!decision.allowed) return { ok: false, reason: decision.reason, retryAfterMs: decision.retryAfterMs };
    const account = findAccount(accounts, name);
    const right = account
      ? await verifyPassword(password, account.hash)
      : await verifyAgainstNoAccount(password);
    // The file may have been reloaded during the check: answer with the account as it is now,
    // and only if its password is still the one just checked.
    const current = findAccount(accounts, name);
    if (account && right && current?.hash === account.hash) {
      throttle.recordSuccess(key, address, nowMs);
      known.remember(name, address);
      return { ok: true, account: current };
    }
    log(throttle.recordFailure(key, address, nowMs).message);
    const next = throttle.check(key, address, nowMs);
    return next.allowed
      ? { ok: false, reason: WRONG_LOGIN }
      : { ok: false, reason: `${WRONG_LOGIN} ${next.reason}`, retryAfterMs: next.retryAfterMs };
  };

  let lastProblem: string | null = null;
  const reload = async () => {
    const read = await loadAccounts(dataDir);
    if (!read.ok) {
      if (read.reason !== lastProblem) log(`${read.reason} Hearth keeps the accounts it had.`);
      lastProblem = read.reason;
      return;
    }
    if (lastProblem !== null) log(`${ACCOUNTS_FILE_NAME} is valid again.`);
    lastProblem = null;
    const changed = changedAccountNames(accounts, read.accounts);
    const wasOpen = isOpen();
    accounts = read.accounts;
    for (const name of changed) sessions.revokeAccount(name);
    log(
      `Accounts reloaded: ${accounts.length} account${accounts.length === 1 ? '' : 's'}` +
        (changed.length > 0 ? `; signed out ${changed.join(', ')} (removed or changed).` : '.'),
    );
    if (accounts.length === 0 && !openWhenEmpty)
      log(
        'The last account was removed: Hearth stays locked until one is added (npm run user -- add NAME --role owner).',
      );
    if (changed.length > 0) onAccountsChanged?.(changed);
    if (isOpen() !== wasOpen) onOpenChanged?.(isOpen());
  };

  await mkdir(dataDir, { recursive: true });
  let reloads = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dataDir, { persistent: false }, (_event, file) => {
    // Null on platforms that do not say which file changed; our own screens.json and the
    // temporary files of a save are not the accounts.
    if (file !== null && file !== ACCOUNTS_FILE_NAME) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      reloads = reloads.then(reload);
    }, ACCOUNTS_RELOAD_DEBOUNCE_MS);
  });
  watcher.on('error', (error) =>
    log(
      `Stopped watching ${dataDir} for account changes (${error.message}); restart Hearth after changing accounts.`,
    ),
  );

  const book: AccountBook = {
    count: () => accounts.length,

    isOpen,

    async authenticate(name, password, address, nowMs) {
      // A throttled attempt is answered at once and takes no place in the queue, and the queue
      // is the throttle's own key: strangers guessing a name never hold up its known addresses.
      const key = known.throttleKey(name, address);
      const throttled = throttle.check(key, address, nowMs);
      if (!throttled.allowed)
        return { ok: false, reason: throttled.reason, retryAfterMs: throttled.retryAfterMs };
      const busy = {
        ok: false as const,
        reason: 'Too many sign-ins at once for this name or from this address; try again in a moment.',
        retryAfterMs: 1000,
      };
      const queuedAt = Date.now();
      const answer = await oneAtATime(`name:${key.toLowerCase()}`, async () => {
        const checked = await oneAtATime(`address:${address}`, () =>
          checkPassword(name, password, address, nowMs + (Date.now() - queuedAt)),
        );
        return checked ?? busy;
      });
      return answer ?? busy;
    },

    principalOf,
    sessions,
    reloadNow() {
      reloads = reloads.then(reload);
      return reloads;
    },
    has: (name) => findAccount(accounts, name) !== undefined,
    signIn: (account, kind, label, nowMs) => sessions.start(account.name, account.role, nowMs, kind, label),

    async close() {
      watcher.close();
      clearTimeout(timer);
      await reloads;
      await kept.saved();
    },
  };
  return { ok: true, book };
}
