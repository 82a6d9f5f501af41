import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../api/sendJson.ts';
import type { AccountBook } from './accountBook.ts';
import { routedPathnameOf } from './httpGate.ts';
import {
  clearedCookieHeader,
  cookieHeader,
  LOGIN_PATH,
  readSessionCookie,
  SCREEN_COOKIE_MAX_AGE_SEC,
} from './requestGuard.ts';
import type { Session } from './sessions.ts';

export const LOGOUT_PATH = '/api/logout';
export const SESSION_PATH = '/api/session';
/** A name, a password (at most 1024 characters) and a screen's label fit many times over. */
export const LOGIN_BODY_MAX_BYTES = 4096;

/** What the page sends to sign in. */
export interface LoginRequest {
  name: string;
  password: string;
  /** "Keep this screen signed in": a screen token that lasts until revoked. */
  keepSignedIn: boolean;
  /** The screen's name in settings ("Kitchen tablet"); the account's name when not given. */
  screenLabel: string;
}

export interface SignInRoutesOptions {
  /** Under TLS: cookies are Secure. */
  secure: boolean;
  now: () => number;
}

/**
 * `POST /api/login`, `POST /api/logout` and `GET /api/session`, answered after the gate (which
 * has already refused what needs a session and is not from Hearth's own page). Returns true when
 * it answered. `session` is the gate's: who is signed in, or null.
 * - login: `{ name, password, keepSignedIn?, screenLabel? }` → `{ name, role }` and the cookie;
 *   401 `{ error }` for a wrong name or password, 429 with Retry-After while throttled, 403 for a
 *   device account (devices sign in to the broker, not the dashboard), 400 for a body it cannot read.
 * - logout: ends this browser's session (or screen) and clears its cookie; `{ ok: true }`.
 * - session: `{ name, role, kind, label }` (label: the kept screen's, "" for a browser), so settings
 *   can show "this screen"; `{ open: true }` when the house has no accounts.
 */
export function createSignInRoutes(
  book: AccountBook,
  { secure, now }: SignInRoutesOptions,
): (request: IncomingMessage, response: ServerResponse, session: Session | null) => boolean {
  return (request, response, session) => {
    const pathname = routedPathnameOf(request.url) ?? '';
    const reply = (status: number, body: unknown) =>
      void sendJson(request, response, status, body).catch(() => response.destroy());
    if (pathname === SESSION_PATH) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return refuseMethod(response, reply, 'GET');
      if (book.isOpen()) reply(200, { open: true });
      else if (session === null) reply(401, { error: 'Sign in first.', accounts: true });
      else
        reply(200, { name: session.account, role: session.role, kind: session.kind, label: session.label });
      return true;
    }
    if (pathname === LOGOUT_PATH) {
      if (request.method !== 'POST') return refuseMethod(response, reply, 'POST');
      if (session !== null) book.sessions.revoke(session.id);
      response.setHeader('Set-Cookie', clearedCookieHeader({ secure }));
      reply(200, { ok: true });
      return true;
    }
    if (pathname === LOGIN_PATH) {
      if (request.method !== 'POST') return refuseMethod(response, reply, 'POST');
      void login(book, request, response, reply, { secure, now }).catch(() => response.destroy());
      return true;
    }
    return false;
  };
}

async function login(
  book: AccountBook,
  request: IncomingMessage,
  response: ServerResponse,
  reply: (status: number, body: unknown) => void,
  { secure, now }: SignInRoutesOptions,
): Promise<void> {
  if (book.isOpen()) return reply(409, { error: 'This Hearth has no accounts: nothing to sign in to.' });
  const body = await readBody(request, LOGIN_BODY_MAX_BYTES);
  if (body.kind === 'gone') return;
  if (body.kind === 'tooLarge') return reply(413, { error: 'The sign-in request is too large.' });
  const parsed = parseLoginRequest(body.text);
  if (!parsed.ok) return reply(400, { error: parsed.reason });
  const { name, password, keepSignedIn, screenLabel } = parsed.login;
  const address = request.socket.remoteAddress ?? 'unknown';
  const checked = await book.authenticate(name, password, address, now());
  if (!checked.ok) {
    if (checked.retryAfterMs !== undefined) {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(checked.retryAfterMs / 1000))));
      return reply(429, { error: checked.reason });
    }
    return reply(401, { error: checked.reason });
  }
  const account = checked.account;
  if (account.role === 'device') {
    return reply(403, {
      error: `${account.name} is a device account: it signs in to the broker, not to the dashboard.`,
    });
  }
  // A browser that signs in again leaves its old session behind: end it rather than let it idle.
  const previous = readSessionCookie(request.headers.cookie);
  const old = previous === null ? null : book.sessions.lookup(previous, now());
  if (old !== null) book.sessions.revoke(old.id);
  const kind = keepSignedIn ? 'screen' : 'session';
  const { token } = book.signIn(account, kind, screenLabel || account.name, now());
  response.setHeader(
    'Set-Cookie',
    cookieHeader(token, keepSignedIn ? { secure, maxAgeSec: SCREEN_COOKIE_MAX_AGE_SEC } : { secure }),
  );
  reply(200, { name: account.name, role: account.role });
}

/** The login body as the page sends it, or the reason it is not one; parsed once, here. */
export function parseLoginRequest(
  text: string,
): { ok: true; login: LoginRequest } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The sign-in request is not JSON; reload the page.' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, reason: 'The sign-in request is not an object; reload the page.' };
  const { name, password, keepSignedIn, screenLabel } = json as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '') return { ok: false, reason: 'Enter your name.' };
  if (typeof password !== 'string' || password === '') return { ok: false, reason: 'Enter your password.' };
  if (keepSignedIn !== undefined && typeof keepSignedIn !== 'boolean')
    return { ok: false, reason: 'keepSignedIn is true or false.' };
  if (screenLabel !== undefined && typeof screenLabel !== 'string')
    return { ok: false, reason: 'screenLabel is text.' };
  return {
    ok: true,
    login: {
      name: name.trim(),
      password,
      keepSignedIn: keepSignedIn === true,
      screenLabel: screenLabel?.trim() ?? '',
    },
  };
}

function refuseMethod(
  response: ServerResponse,
  reply: (status: number, body: unknown) => void,
  allowed: string,
): true {
  response.setHeader('Allow', allowed);
  reply(405, { error: `Only ${allowed} here.` });
  return true;
}

type Body = { kind: 'text'; text: string } | { kind: 'tooLarge' } | { kind: 'gone' };

/** The body as text, read to its end (so the answer reaches the client), or tooLarge past `maxBytes`. */
function readBody(request: IncomingMessage, maxBytes: number): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(
        size > maxBytes
          ? { kind: 'tooLarge' }
          : { kind: 'text', text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
    request.on('error', () => resolve({ kind: 'gone' }));
    request.on('close', () => {
      if (!request.complete) resolve({ kind: 'gone' });
    });
  });
}
