import type { BrokerIdentity } from './brokerIdentity.ts';
import { sessionIdOf } from './brokerIdentity.ts';
import type { SessionStore } from './sessions.ts';

/** How often live WebSocket connections are checked against their sessions (idle, signed out, evicted). */
export const SESSION_SWEEP_MS = 60_000;

/**
 * Closes every connected client whose identity `shouldClose` picks, logging `why` for each (a
 * clause: "its session ended"); returns how many were closed.
 */
export type CloseClients = (shouldClose: (identity: BrokerIdentity) => boolean, why: string) => number;

/**
 * A session that went idle, was evicted or signed out elsewhere takes its WebSocket with it:
 * every {@link SESSION_SWEEP_MS}, the clients that came in by a session or screen no longer live
 * are closed. The timer does not keep the process alive; the returned function stops it.
 */
export function startSessionSweep(
  sessions: Pick<SessionStore, 'list'>,
  now: () => number,
  closeClients: CloseClients,
): () => void {
  const sweep = setInterval(() => {
    const live = new Set(sessions.list(now()).map((session) => session.id));
    closeClients((identity) => {
      const sessionId = sessionIdOf(identity);
      return sessionId !== null && !live.has(sessionId);
    }, 'its session ended');
  }, SESSION_SWEEP_MS);
  sweep.unref();
  return () => clearInterval(sweep);
}
