import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AccountBook } from './accountBook.ts';
import type { BrokerIdentity } from './brokerIdentity.ts';
import { readSessionCookie } from './requestGuard.ts';

/** The header that marks the server's own WebSocket clients (the simulator). */
export const INTERNAL_CLIENT_HEADER = 'x-hearth-internal';

/** Who a WebSocket upgrade comes as, or why it may not go on (the HTTP status to answer). */
export type UpgradeAdmission =
  | { ok: true; identity: BrokerIdentity }
  | { ok: false; status: 401 | 403; reason: string };

export interface UpgradeDoor {
  /**
   * Who an upgrade to /mqtt comes as, asked before aedes sees it: the server's own client by the
   * internal header; everyone while the house is open; otherwise the live session or screen
   * behind the cookie, sent from Hearth's own page (403 from another origin, 401 without one).
   */
  admit(request: IncomingMessage): UpgradeAdmission;
  /** What the server's own client `name` sends so the upgrade admits it (mqtt.js `wsOptions.headers`). */
  internalClient(name: string): { headers: Record<string, string> };
}

/** The door of the broker's WebSocket, with an internal secret made fresh at each start. */
export function createUpgradeDoor(
  book: Pick<AccountBook, 'isOpen' | 'sessions'>,
  now: () => number,
): UpgradeDoor {
  const secret = randomBytes(32).toString('base64url');
  return {
    admit(request) {
      const internal = request.headers[INTERNAL_CLIENT_HEADER];
      if (typeof internal === 'string' && sameSecret(internal, secret))
        return { ok: true, identity: { kind: 'internal', name: 'internal' } };
      if (book.isOpen()) return { ok: true, identity: { kind: 'open' } };
      // A page of another origin (another port on this host, a sibling subdomain) would carry
      // the SameSite cookie: only Hearth's own page may open the broker with a session.
      const origin = request.headers.origin;
      if (origin !== undefined && !sameHost(origin, request.headers.host))
        return {
          ok: false,
          status: 403,
          reason: "Only Hearth's own page may connect to its broker with a session.",
        };
      const token = readSessionCookie(request.headers.cookie);
      const session = token === null ? null : book.sessions.lookup(token, now());
      if (session === null)
        return {
          ok: false,
          status: 401,
          reason: 'Sign in to Hearth first: the broker needs a live session.',
        };
      return {
        ok: true,
        identity: {
          kind: 'principal',
          principal: { kind: 'account', name: session.account, role: session.role },
          via: { kind: session.kind, sessionId: session.id, label: session.label },
        },
      };
    },

    internalClient: () => ({ headers: { [INTERNAL_CLIENT_HEADER]: secret } }),
  };
}

/** Whether an Origin header names the host (and port) the request was sent to. */
export function sameHost(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}

/** Whether an offered secret is this one, in time that does not tell how much of it matched. */
function sameSecret(offered: string, secret: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
