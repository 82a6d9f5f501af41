import { parseNewAccountRequest, parsePasswordRequest, parseRoleRequest } from './accountAdminRequests.ts';
import {
  type AccountSummary,
  type AdminChange,
  applyAddition,
  applyPasswordChange,
  applyRemoval,
  applyRoleChange,
  checkAddition,
  summarizeAccount,
} from './accountAdminRules.ts';
import type { AccountBook } from './accountBook.ts';
import { findAccount } from './accountChanges.ts';
import { type Account, loadAccounts, saveAccounts, withAccountsLock } from './accountFile.ts';
import { checkNewPassword, hashPassword } from './passwordHash.ts';
import { cookieHeader, SCREEN_COOKIE_MAX_AGE_SEC } from './requestGuard.ts';
import type { Session } from './sessions.ts';

/** `GET /api/accounts`. */
export interface AccountListResponse {
  accounts: AccountSummary[];
}

export interface AccountAdminRoutesOptions {
  /** The data directory whose accounts.json the account book watches (and `npm run user` writes). */
  dataDir: string;
  now: () => number;
  /** One line per change, naming who made it; never a password or a hash. */
  log: (line: string) => void;
  /** Under TLS: the fresh cookie after one's own password change is Secure. */
  secure?: boolean;
}

/** What a request comes to: its status, its JSON body and any headers. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * What owners (and, for their own password, everyone) may do to the accounts, each answered as
 * the routes send it; the routes in accountAdminRoutes.ts have checked the method, the session,
 * the role and the name's form, and read the body (`text`).
 */
export interface AccountAdminActions {
  list(): Promise<Answer>;
  add(text: string, owner: Session): Promise<Answer>;
  remove(name: string, owner: Session): Promise<Answer>;
  changeRole(name: string, text: string, owner: Session): Promise<Answer>;
  setPassword(name: string, text: string, session: Session, address: string): Promise<Answer>;
}

/** The account changes of the dashboard, made one at a time against accounts.json as it stands. */
export function createAccountAdminActions(
  book: AccountBook,
  { dataDir, now, log, secure = false }: AccountAdminRoutesOptions,
): AccountAdminActions {
  let changes: Promise<unknown> = Promise.resolve();
  /** Runs `change` once every change before it has ended, whatever came of them. */
  const oneAtATime = <T>(change: () => Promise<T>): Promise<T> => {
    const run = changes.then(change, change);
    changes = run.catch(() => undefined);
    return run;
  };

  /**
   * Re-reads the accounts (holding the lock `npm run user` takes too), checks that `actor` may
   * still make the change as the file now stands (an owner removed or demoted a moment ago may
   * not), applies `decide`, saves, logs `said`, and has the account book take the change in before
   * answering, so whoever it signs out is signed out by then.
   */
  const changeAccounts = (
    actor: { name: string; needsOwner: boolean },
    decide: (accounts: readonly Account[]) => AdminChange,
    said: (account: Account) => string,
    answer: (account: Account) => Answer,
  ): Promise<Answer> =>
    oneAtATime(async () => {
      const done = await withAccountsLock(dataDir, async (): Promise<Answer | { changed: Account }> => {
        const read = await loadAccounts(dataDir);
        if (!read.ok) return refusal(500, read.reason);
        const acting = findAccount(read.accounts, actor.name);
        if (acting === undefined || (actor.needsOwner && acting.role !== 'owner'))
          return refusal(403, 'Your account was removed or is no longer an owner’s; nothing changed.');
        const change = decide(read.accounts);
        if (!change.ok) return refusal(change.status, change.reason);
        if (change.changed) {
          const saved = await saveAccounts(dataDir, change.accounts);
          if (!saved.ok) return refusal(500, `${saved.reason} Nothing changed.`);
          log(said(change.account));
        }
        return { changed: change.account };
      });
      if (!done.ok) return refusal(503, done.reason);
      if (!('changed' in done.value)) return done.value;
      await book.reloadNow();
      return answer(done.value.changed);
    });

  const list = async (): Promise<Answer> => {
    const read = await loadAccounts(dataDir);
    if (!read.ok) return refusal(500, read.reason);
    const body: AccountListResponse = { accounts: read.accounts.map(summarizeAccount) };
    return { status: 200, body };
  };

  const add = async (text: string, owner: Session): Promise<Answer> => {
    const parsed = parseNewAccountRequest(text);
    if (!parsed.ok) return refusal(400, parsed.reason);
    const { name, role, password, prefixes } = parsed.value;
    // Asked before hashing, so a taken name or a weak password costs no scrypt.
    const read = await loadAccounts(dataDir);
    if (!read.ok) return refusal(500, read.reason);
    const refused = checkAddition(read.accounts, name, role, prefixes);
    if (refused) return refusal(refused.status, refused.reason);
    const weak = checkNewPassword(password);
    if (weak) return refusal(400, weak);
    const hash = await hashPassword(password);
    return changeAccounts(
      { name: owner.account, needsOwner: true },
      (accounts) => applyAddition(accounts, { name, role, prefixes, hash }, now()),
      (account) => `Account ${account.name} (${account.role}) added by ${owner.account}.`,
      (account) => ({ status: 201, body: listedWithoutTime(account) }),
    );
  };

  const remove = (name: string, owner: Session): Promise<Answer> =>
    changeAccounts(
      { name: owner.account, needsOwner: true },
      (accounts) => applyRemoval(accounts, name),
      (account) => `Account ${account.name} (${account.role}) removed by ${owner.account}.`,
      () => ({ status: 200, body: { ok: true } }),
    );

  const changeRole = (name: string, text: string, owner: Session): Promise<Answer> => {
    const parsed = parseRoleRequest(text);
    if (!parsed.ok) return Promise.resolve(refusal(400, parsed.reason));
    let before = '';
    return changeAccounts(
      { name: owner.account, needsOwner: true },
      (accounts) => {
        before = findAccount(accounts, name)?.role ?? '';
        return applyRoleChange(accounts, name, parsed.value.role);
      },
      (account) => `Account ${account.name} made ${account.role} (was ${before}) by ${owner.account}.`,
      (account) => ({ status: 200, body: listedWithoutTime(account) }),
    );
  };

  const setPassword = async (
    name: string,
    text: string,
    session: Session,
    address: string,
  ): Promise<Answer> => {
    const own = name.toLowerCase() === session.account.toLowerCase();
    if (!own && session.role !== 'owner')
      return refusal(403, 'Only an owner can set another account’s password; you can change your own.');
    const parsed = parsePasswordRequest(text);
    if (!parsed.ok) return refusal(400, parsed.reason);
    const { password, currentPassword } = parsed.value;
    if (own && currentPassword === null) return refusal(400, 'Enter your current password to change it.');
    const weak = checkNewPassword(password);
    if (weak) return refusal(400, weak);
    if (own && currentPassword !== null) {
      // As a sign-in: throttled per account and address, and each failure logged.
      const checked = await book.authenticate(session.account, currentPassword, address, now());
      if (!checked.ok) {
        const reason = checked.reason.replace(
          'The name or the password is wrong.',
          'The current password is wrong.',
        );
        if (checked.retryAfterMs === undefined) return refusal(401, reason);
        const seconds = Math.max(1, Math.ceil(checked.retryAfterMs / 1000));
        return { ...refusal(429, reason), headers: { 'Retry-After': String(seconds) } };
      }
    }
    const hash = await hashPassword(password);
    return changeAccounts(
      { name: session.account, needsOwner: !own },
      (accounts) => applyPasswordChange(accounts, name, hash),
      (account) =>
        own
          ? `Account ${account.name} changed its own password.`
          : `Password of ${account.name} (${account.role}) set by ${session.account}.`,
      (account) => {
        if (!own || account.role === 'device') return { status: 200, body: { ok: true } };
        // The change signed every session of the account out, this one too: it goes on as a
        // fresh session (or kept screen, with its label) rather than drop to the sign-in.
        const fresh = book.signIn(account, session.kind, session.label, now());
        const maxAgeSec = session.kind === 'screen' ? SCREEN_COOKIE_MAX_AGE_SEC : undefined;
        return {
          status: 200,
          body: { ok: true, signedInAgain: true },
          headers: {
            'Set-Cookie': cookieHeader(fresh.token, { secure, ...(maxAgeSec ? { maxAgeSec } : {}) }),
          },
        };
      },
    );
  };

  return { list, add, remove, changeRole, setPassword };
}

/** What a change answers about the account: as listed, less the time it was added. */
function listedWithoutTime(account: Account): Omit<AccountSummary, 'createdAt'> {
  const { createdAt: _createdAt, ...listed } = summarizeAccount(account);
  return listed;
}

/** A refusal as the page reads it: `{ error }` in words, with its status. */
export function refusal(status: number, reason: string): Answer {
  return { status, body: { error: reason } };
}
