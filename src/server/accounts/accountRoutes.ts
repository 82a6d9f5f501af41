import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../api/sendJson.ts';
import type { AccountBook } from './accountBook.ts';
import { CONTROL_LOG_MAX, type ControlAction, type ControlLog } from './controlLog.ts';
import { routedPathnameOf } from './httpGate.ts';
import { clearedCookieHeader } from './requestGuard.ts';
import type { Session, SessionKind, SessionRole } from './sessions.ts';

export const SCREENS_PATH = '/api/screens';
export const CONTROL_LOG_PATH = '/api/control-log';
export const CONTROL_LOG_LIMIT_DEFAULT = 200;
export const CONTROL_LOG_LIMIT_MAX = CONTROL_LOG_MAX;

/** One signed-in browser or kept screen, as settings list it: never its token. */
export interface ScreenEntry {
  id: string;
  account: string;
  role: SessionRole;
  kind: SessionKind;
  /** The kept screen's label; "" for a browser session. */
  label: string;
  createdAt: number;
  lastSeenAt: number;
  /** The session that asked: "this screen". */
  current: boolean;
}

/** `GET /api/screens`; `open` with no accounts (nobody signs in, so nothing is listed). */
export type ScreensResponse = { screens: ScreenEntry[] } | { screens: []; open: true };

/** `GET /api/control-log`. */
export interface ControlLogResponse {
  actions: ControlAction[];
}

export interface AccountRoutesOptions {
  now: () => number;
  /** Under TLS: a cleared cookie is Secure too. */
  secure?: boolean;
}

const SCREEN_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const SIGN_IN_FIRST = { error: 'Sign in first.', accounts: true };

/**
 * `GET /api/screens`, `DELETE /api/screens/<id>` and `GET /api/control-log`, answered after the
 * gate (which has refused what needs a session or is not from Hearth's own page). Returns true
 * when it answered. `session` is the gate's: who asked, null in an open house.
 * - screens: an owner sees every session and kept screen, anyone else their own account's;
 *   `current` marks the caller's own. With no accounts: `{ screens: [], open: true }`.
 * - removing one: an owner may sign out any, anyone else only their own account's (403 otherwise,
 *   404 for an id that is not signed in); a kept screen's removal is saved by the account book.
 *   Removing one's own session also clears this browser's cookie.
 * - control log: the newest `limit` (1 to 1000, default 200) actions, newest first, for every
 *   role: seeing who switched what is part of seeing the house.
 */
export function createAccountRoutes(
  book: AccountBook,
  controlLog: Pick<ControlLog, 'list'>,
  { now, secure = false }: AccountRoutesOptions,
): (request: IncomingMessage, response: ServerResponse, session: Session | null) => boolean {
  return (request, response, session) => {
    const pathname = routedPathnameOf(request.url) ?? '';
    const reply = (status: number, body: unknown) =>
      void sendJson(request, response, status, body).catch(() => response.destroy());
    const method = request.method ?? 'GET';
    const isRead = method === 'GET' || method === 'HEAD';
    const signedOut = !book.isOpen() && session === null;

    if (pathname === SCREENS_PATH) {
      if (!isRead) return refuseMethod(response, reply, 'GET');
      if (book.isOpen()) reply(200, { screens: [], open: true } satisfies ScreensResponse);
      else if (session === null) reply(401, SIGN_IN_FIRST);
      else reply(200, { screens: screensFor(book.sessions.list(now()), session) } satisfies ScreensResponse);
      return true;
    }

    if (pathname.startsWith(`${SCREENS_PATH}/`)) {
      if (method !== 'DELETE') return refuseMethod(response, reply, 'DELETE');
      if (signedOut) {
        reply(401, SIGN_IN_FIRST);
        return true;
      }
      const id = pathname.slice(SCREENS_PATH.length + 1);
      const target = SCREEN_ID_PATTERN.test(id)
        ? book.sessions.list(now()).find((listed) => listed.id === id)
        : undefined;
      if (target === undefined) {
        reply(404, { error: 'That session or screen is not signed in (any more); reload the list.' });
        return true;
      }
      if (session !== null && !maySignOut(session, target)) {
        reply(403, { error: 'Only an owner can sign out another account’s sessions and screens.' });
        return true;
      }
      book.sessions.revoke(target.id);
      if (target.id === session?.id) response.setHeader('Set-Cookie', clearedCookieHeader({ secure }));
      reply(200, { ok: true });
      return true;
    }

    if (pathname === CONTROL_LOG_PATH) {
      if (!isRead) return refuseMethod(response, reply, 'GET');
      const limit = parseLimit(new URLSearchParams(queryOf(request.url)).get('limit'));
      if (signedOut) reply(401, SIGN_IN_FIRST);
      else if (!limit.ok) reply(400, { error: limit.reason });
      else reply(200, { actions: controlLog.list(limit.value) } satisfies ControlLogResponse);
      return true;
    }

    return false;
  };
}

/** The sessions `viewer` may see, marked `current` where it is the viewer's own. */
export function screensFor(sessions: readonly Session[], viewer: Session): ScreenEntry[] {
  return sessions
    .filter((listed) => viewer.role === 'owner' || sameAccount(listed.account, viewer.account))
    .map((listed) => ({ ...listed, current: listed.id === viewer.id }));
}

/** An owner signs out anyone; everyone else only sessions and screens of their own account. */
export function maySignOut(viewer: Session, target: Session): boolean {
  return viewer.role === 'owner' || sameAccount(target.account, viewer.account);
}

/** `limit` of the control log: absent is the default; otherwise a whole number from 1 to 1000. */
export function parseLimit(text: string | null): { ok: true; value: number } | { ok: false; reason: string } {
  if (text === null) return { ok: true, value: CONTROL_LOG_LIMIT_DEFAULT };
  const value = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  if (value >= 1 && value <= CONTROL_LOG_LIMIT_MAX) return { ok: true, value };
  return { ok: false, reason: `limit must be a whole number from 1 to ${CONTROL_LOG_LIMIT_MAX}.` };
}

/** Account names are unique ignoring case (accountFile.ts), so `Ann` is `ann`. */
function sameAccount(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function queryOf(url: string | undefined): string {
  const raw = url ?? '';
  const start = raw.indexOf('?');
  if (start < 0) return '';
  const end = raw.indexOf('#', start);
  return raw.slice(start + 1, end < 0 ? undefined : end);
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
