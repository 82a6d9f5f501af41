import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../api/sendJson.ts';
import type { AccountBook } from './accountBook.ts';
import { isPublicPath, isWriteAllowed, readSessionCookie } from './requestGuard.ts';
import type { Session } from './sessions.ts';

/**
 * What the gate decided for one request:
 * - `pass`: serve it as usual (`session` is who asked; null when the house has no accounts or the
 *   path is public and nobody is signed in);
 * - `shell`: a page asked for without a session: serve the app shell (index.html) in its place,
 *   so the app can ask /api/session and show its sign-in page;
 * - `answered`: the gate refused it and has answered (401 or 403).
 */
export type GateDecision =
  | { kind: 'pass'; session: Session | null }
  | { kind: 'shell' }
  | { kind: 'answered' };

export interface HttpGateOptions {
  /** Under TLS: Origin checks expect https. */
  secure: boolean;
  now: () => number;
  /**
   * `npm run dev`: Vite serves the app's sources and its client as modules, which the sign-in
   * page needs before anyone is signed in. They are the repository's code, never the house's data.
   */
  devSources?: boolean;
}

const SIGN_IN_FIRST = 'Sign in first: this needs a signed-in session.';
export const OWNER_ONLY = 'Only an owner can change rooms, names and views.';

/** The API paths (and the paths under them) whose writes change the house itself: an owner's. */
const OWNER_WRITE_PATHS = ['/api/layout'];

/**
 * Whether a request changes what only an owner may: any method but GET, HEAD and OPTIONS on
 * the layout (rooms, names, views). Signing in and out and removing one's own screens stay open
 * to every role; switching is the broker's to allow, per topic.
 */
export function isOwnerWrite(method: string, pathname: string): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  return OWNER_WRITE_PATHS.some((owned) => pathname === owned || pathname.startsWith(`${owned}/`));
}

/**
 * The door in front of the static files and /api. With no accounts (open on loopback, or started
 * with --allow-anonymous) every request passes, as before accounts existed. With accounts, a
 * request for anything but a public path (`isPublicPath`) needs a live session: /api answers
 * 401 JSON, a page is given the app shell, anything else 401 text; every /api write must also be
 * a request from Hearth's own page (`isWriteAllowed`), or it is refused 403 with the reason, and
 * a write to the layout needs an owner's session (`isOwnerWrite`), or it is refused 403 in words.
 * The account count is read per request, so adding the first account locks a running server.
 */
export function createHttpGate(
  book: AccountBook,
  { secure, now, devSources = false }: HttpGateOptions,
): (request: IncomingMessage, response: ServerResponse) => GateDecision {
  return (request, response) => {
    if (book.isOpen()) return { kind: 'pass', session: null };
    const pathname = pathnameOf(request.url);
    // The routes match the parsed path, in which `/api/x/../layout` is `/api/layout`: the rules
    // for /api must be asked of that one, or a hand-written path would walk around them.
    const routed = routedPathnameOf(request.url);
    if (routed === null) {
      answerText(response, 400, 'The address of this request cannot be read.');
      return { kind: 'answered' };
    }
    const token = readSessionCookie(request.headers.cookie);
    const session = token === null ? null : book.sessions.lookup(token, now());
    const isApi = isApiPath(pathname) || isApiPath(routed);
    const method = request.method ?? 'GET';
    if (session === null && !isPublicPath(pathname) && !(devSources && isDevSourcePath(pathname))) {
      if (isApi) {
        answerJson(request, response, 401, { error: SIGN_IN_FIRST, accounts: true });
        return { kind: 'answered' };
      }
      return refusePage(request, response);
    }
    if (isApi) {
      const write = isWriteAllowed({ method, pathname: routed, headers: request.headers, secure });
      if (!write.ok) {
        answerJson(request, response, 403, { error: write.reason });
        return { kind: 'answered' };
      }
      if (session !== null && session.role !== 'owner' && isOwnerWrite(method, routed)) {
        answerJson(request, response, 403, { error: OWNER_ONLY });
        return { kind: 'answered' };
      }
    }
    return { kind: 'pass', session };
  };
}

/**
 * What Vite's dev server answers with the app's modules (never /api, /mqtt, the data, nor Vite's
 * `/@fs/` door to any file on the machine): the app's sources, its dependencies, Vite's client and
 * its virtual modules.
 */
export function isDevSourcePath(pathname: string): boolean {
  if (pathname.includes('..') || pathname.includes('%') || pathname.includes('\\')) return false;
  return (
    /^\/src\/(?!server\/)/.test(pathname) ||
    pathname.startsWith('/node_modules/') ||
    pathname === '/@vite/client' ||
    pathname === '/@react-refresh' ||
    pathname.startsWith('/@id/__x00__')
  );
}

/** A page gets the app shell (which shows the sign-in); any other file a plain 401. */
function refusePage(request: IncomingMessage, response: ServerResponse): GateDecision {
  const method = request.method ?? 'GET';
  if (isSafe(method) && wantsPage(request)) return { kind: 'shell' };
  answerText(response, 401, SIGN_IN_FIRST);
  return { kind: 'answered' };
}

function answerText(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(text);
}

/** The path as sent, without the query: what `isPublicPath` expects (not percent-decoded). */
export function pathnameOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.search(/[?#]/);
  return query < 0 ? raw : raw.slice(0, query);
}

/**
 * The path as the API's routes match it (`new URL(url, base).pathname`, as apiHandler and
 * layoutRoutes parse it): dot segments, `%2e` dots and backslashes resolved, percent-escapes kept.
 * Null for a request target that does not parse (`//[`), which no route can take.
 */
export function routedPathnameOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://hearth').pathname;
  } catch {
    return null;
  }
}

function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

function isSafe(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/** A browser navigating (Accept names HTML), not a script or an image asking for a file. */
function wantsPage(request: IncomingMessage): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function answerJson(request: IncomingMessage, response: ServerResponse, status: number, body: unknown): void {
  sendJson(request, response, status, body).catch(() => response.destroy());
}
