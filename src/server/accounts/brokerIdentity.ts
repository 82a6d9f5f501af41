import type { Client } from 'aedes';
import { clipText, replaceControlCharacters } from '../../core/clip.ts';
import type { Principal } from './principal.ts';

/** Who a connected client is, as the broker's hooks decide by it. */
export type BrokerIdentity =
  | { kind: 'principal'; principal: Principal; via: SignedInVia }
  | { kind: 'internal'; name: string }
  | { kind: 'open' };

/**
 * How a person's client signed in: the browser session or kept screen behind a WebSocket (its
 * label names the screen in the control log), or an account's password over TCP.
 */
export type SignedInVia =
  | { kind: 'session' | 'screen'; sessionId: string; label: string }
  | { kind: 'password' };

/** Who a client is, as one key: the same account (or the simulator) may reuse its own client ids. */
export function identityKey(identity: BrokerIdentity): string {
  if (identity.kind === 'principal')
    return `${identity.principal.kind}:${identity.principal.name.toLowerCase()}`;
  return identity.kind;
}

/** The session or kept screen a client came in by, or null: signed in by password, or not a person. */
export function sessionIdOf(identity: BrokerIdentity): string | null {
  if (identity.kind !== 'principal' || identity.via.kind === 'password') return null;
  return identity.via.sessionId;
}

/** A client as a log line names it: who, its client id and its address. */
export function clientForLog(client: Client | null, identity: BrokerIdentity | undefined): string {
  if (client === null) return 'a client that is gone';
  const who =
    identity?.kind === 'principal'
      ? `"${identity.principal.name}"`
      : identity?.kind === 'internal'
        ? `Hearth's own "${identity.name}"`
        : 'a client';
  return `${who} (id "${logSafe(client.id ?? '')}", ${remoteAddressOf(client)})`;
}

/** Text from a client (a name, a client id, a topic) as a log line may hold it: one line, clipped. */
export function logSafe(text: string): string {
  return clipText(replaceControlCharacters(text, '\uFFFD').replace(/[\u2028\u2029]/g, '\uFFFD'));
}

/** The peer's address: the socket under a TCP or TLS client, the upgrade's socket under a WebSocket. */
export function remoteAddressOf(client: Client): string {
  const socket = client.req?.socket ?? (client.conn as { remoteAddress?: string });
  return socket.remoteAddress ?? 'unknown address';
}
