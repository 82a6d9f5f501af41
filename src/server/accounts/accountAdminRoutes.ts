import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody } from '../api/requestBody.ts';
import { sendJson } from '../api/sendJson.ts';
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
import {
  ACCOUNT_NAME_MAX_CHARACTERS,
  type Account,
  loadAccounts,
  saveAccounts,
  withAccountsLock,
} from './accountFile.ts';
import { routedPathnameOf } from './httpGate.ts';
import { checkNewPassword, hashPassword } from './passwordHash.ts';
import { cookieHeader, SCREEN_COOKIE_MAX_AGE_SEC } from './requestGuard.ts';
import type { Session } from './sessions.ts';

export const ACCOUNTS_PATH = '/api/accounts';
/** A name, a role, a password (at most 1024 characters) and twenty prefixes fit with room to spare. */
export const ACCOUNT_BODY_MAX_BYTES = 4096;

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

/** What a request comes to; null when the client went away before its body ended. */
interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Route =
  | { kind: 'list'; methods: readonly string[] }
  | { kind: 'account' | 'password'; name: string; methods: readonly string[] };

const SIGN_IN_FIRST = { error: 'Sign in first.', accounts: true };
const OWNER_ONLY = 'Only an owner can manage accounts.';
const NO_ACCOUNTS =
  'This Hearth has no accounts, so there is nobody to manage; add the first owner on the server with: npm run user -- add NAME --role owner';
const NAME_PATTERN = new RegExp(`^[A-Za-z0-9._-]{1,${ACCOUNT_NAME_MAX_CHARACTERS}}$`);

/**
 * Owners manage accounts from the dashboard; everyone changes their own password. Answered after
 * the gate (which has demanded a session, and Hearth's request header for writes); returns true
 * when it answered. `session` is the gate's: null in a house with no accounts, which has nobody
 * to manage (403).
 * - `GET /api/accounts` (owner): `{ accounts: [{ name, role, prefixes?, createdAt }] }`.
 * - `POST /api/accounts` (owner) `{ name, role, password, prefixes? }` → 201 `{ name, role, prefixes? }`.
 * - `DELETE /api/accounts/<name>` (owner) → `{ ok: true }`; never the only owner (409).
 * - `PATCH /api/accounts/<name>` (owner) `{ role }` → `{ name, role }`: a person's role; never
 *   the only owner's (409).
 * - `POST /api/accounts/<name>/password` `{ password, currentPassword? }` → `{ ok: true }`: an
 *   owner sets another's; anyone changes their own with `currentPassword`, checked (and
 *   throttled) as a sign-in is.
 * Refusals are `{ error }` in words: 400 a rule's, 401 a wrong current password, 403 not an
 * owner's, 404 no such account, 405 (with Allow), 409 taken or the only owner, 413, 415, 429
 * (with Retry-After). Each change re-reads accounts.json and saves it as `npm run user` does, one
 * at a time, so a change made meanwhile from the command line is kept; the account book's watch
 * then reloads and signs out the accounts removed or changed, as it does for the command line.
 */
export function createAccountAdminRoutes(
  book: AccountBook,
  { dataDir, now, log, secure = false }: AccountAdminRoutesOptions,
): (request: IncomingMessage, response: ServerResponse, session: Session | null) => boolean {
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

  /** The answer to one request to ACCOUNTS_PATH or under it; null when there is no one to answer. */
  const answer = async (
    request: IncomingMessage,
    route: Route,
    session: Session | null,
  ): Promise<Answer | null> => {
    const method = request.method ?? 'GET';
    if (!route.methods.includes(method))
      return {
        ...refusal(405, `Only ${route.methods.join(' or ')} here.`),
        headers: { Allow: route.methods.join(', ') },
      };
    if (book.count() === 0) return refusal(403, NO_ACCOUNTS);
    if (session === null) return { status: 401, body: SIGN_IN_FIRST };
    if (route.kind !== 'password' && session.role !== 'owner') return refusal(403, OWNER_ONLY);
    // Anyone passing a wall tablet kept signed in as an owner must not be able to add owners.
    if (route.kind !== 'password' && session.kind === 'screen' && method !== 'GET' && method !== 'HEAD')
      return refusal(
        403,
        'A screen kept signed in cannot change accounts: sign in on your own browser to do that.',
      );
    if (route.kind !== 'list' && !NAME_PATTERN.test(route.name))
      return refusal(404, 'There is no account by that name; reload the list.');
    if (method === 'GET' || method === 'HEAD') return list();
    if (route.kind === 'account' && method === 'DELETE') return remove(route.name, session);
    const body = await readJsonBody(request, ACCOUNT_BODY_MAX_BYTES);
    if (body.kind === 'gone') return null;
    if (body.kind === 'notJson')
      return refusal(415, 'Send the change as JSON (Content-Type: application/json).');
    if (body.kind === 'tooLarge')
      return {
        ...refusal(413, `An account change is at most ${ACCOUNT_BODY_MAX_BYTES} bytes.`),
        // The rest of the body is not read: close rather than drain it.
        headers: { Connection: 'close' },
      };
    if (route.kind === 'list') return add(body.text, session);
    if (route.kind === 'account') return changeRole(route.name, body.text, session);
    return setPassword(route.name, body.text, session, request.socket.remoteAddress ?? 'unknown');
  };

  return (request, response, session) => {
    const pathname = routedPathnameOf(request.url) ?? '';
    if (pathname !== ACCOUNTS_PATH && !pathname.startsWith(`${ACCOUNTS_PATH}/`)) return false;
    const route = routeOf(pathname);
    const reply = (status: number, body: unknown) =>
      void sendJson(request, response, status, body).catch(() => response.destroy());
    const answering =
      route === null
        ? Promise.resolve(refusal(404, 'There is nothing at this address; reload the page.'))
        : answer(request, route, session);
    answering.then(
      (answered) => {
        if (answered === null) return void response.destroy();
        for (const [header, value] of Object.entries(answered.headers ?? {}))
          response.setHeader(header, value);
        reply(answered.status, answered.body);
      },
      (failure: unknown) => {
        log(`${request.method} ${pathname}: ${failure instanceof Error ? failure.message : String(failure)}`);
        if (!response.headersSent) reply(500, { error: 'The accounts could not be changed; try again.' });
      },
    );
    return true;
  };
}

/** Which of the three addresses `pathname` is (under ACCOUNTS_PATH), or null. */
function routeOf(pathname: string): Route | null {
  if (pathname === ACCOUNTS_PATH) return { kind: 'list', methods: ['GET', 'HEAD', 'POST'] };
  const [encoded = '', ...rest] = pathname.slice(ACCOUNTS_PATH.length + 1).split('/');
  const name = decodedOrNull(encoded);
  if (name === null || name === '') return null;
  if (rest.length === 0) return { kind: 'account', name, methods: ['DELETE', 'PATCH'] };
  if (rest.length === 1 && rest[0] === 'password') return { kind: 'password', name, methods: ['POST'] };
  return null;
}

/** What a change answers about the account: as listed, less the time it was added. */
function listedWithoutTime(account: Account): Omit<AccountSummary, 'createdAt'> {
  const { createdAt: _createdAt, ...listed } = summarizeAccount(account);
  return listed;
}

function refusal(status: number, reason: string): Answer {
  return { status, body: { error: reason } };
}

function decodedOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
