import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody } from '../api/requestBody.ts';
import { sendJson } from '../api/sendJson.ts';
import {
  type AccountAdminRoutesOptions,
  type Answer,
  createAccountAdminActions,
  refusal,
} from './accountAdminActions.ts';
import type { AccountBook } from './accountBook.ts';
import { ACCOUNT_NAME_MAX_CHARACTERS } from './accountFile.ts';
import { routedPathnameOf } from './httpGate.ts';
import type { Session } from './sessions.ts';

export const ACCOUNTS_PATH = '/api/accounts';
/** A name, a role, a password (at most 1024 characters) and twenty prefixes fit with room to spare. */
export const ACCOUNT_BODY_MAX_BYTES = 4096;

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
  options: AccountAdminRoutesOptions,
): (request: IncomingMessage, response: ServerResponse, session: Session | null) => boolean {
  const { list, add, remove, changeRole, setPassword } = createAccountAdminActions(book, options);
  const { log } = options;

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

function decodedOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
