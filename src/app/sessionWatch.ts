import type { ConnectionStatus } from '../core/connectionStatus';
import { parseRole } from '../store/accountSlice';
import { useHearthStore } from '../store/store';
import { askSession, type Fetch } from './signInApi';

/**
 * The server is asked at most this often whether the session ended: a broker that keeps
 * refusing, or a burst of 401s, costs one question per window, and never a loop of reloads.
 */
export const SESSION_CHECK_MIN_MS = 15_000;

/**
 * Notices when a signed-in page's session ended while it was open (signed out on another screen,
 * the screen removed in settings, the account's password or role changed, idle past 12 h): an
 * API answer said 401 (the store's `sessionDoubts`), or the broker's WebSocket failed (the server
 * refuses its upgrade without a session). Either is only a hint, so the server is asked
 * (`GET /api/session`); only its "signed out" ends the session in the store, which sends the page
 * back to its sign-in. A house whose accounts were all removed becomes open. Returns a stop function.
 */
export function startSessionWatch(
  fetcher: Fetch,
  now: () => number = Date.now,
  reload: () => void = () => window.location.reload(),
): () => void {
  const store = useHearthStore;
  let checking = false;
  let lastCheckAt = Number.NEGATIVE_INFINITY;
  let later: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const check = async () => {
    // A standalone page has no Hearth to ask; an open one may have been locked meanwhile.
    const { kind } = store.getState().account;
    if (stopped || checking || (kind !== 'signed-in' && kind !== 'open')) return;
    const wait = lastCheckAt + SESSION_CHECK_MIN_MS - now();
    if (wait > 0) {
      // Asked within the window: once more at its end, not once per hint.
      later ??= setTimeout(() => {
        later = null;
        void check();
      }, wait);
      return;
    }
    checking = true;
    lastCheckAt = now();
    const answer = await askSession(fetcher);
    checking = false;
    if (stopped) return;
    const state = store.getState();
    if (answer.kind === 'signed-out') state.endSession('ended');
    else if (answer.kind === 'open') state.setAccount({ kind: 'open' });
    else if (answer.kind === 'signed-in' && state.account.kind === 'signed-in') {
      // Another tab signed this browser in as someone else: start afresh as them.
      if (answer.name !== state.account.name) return reload();
      const role = parseRole(answer.role);
      if (role !== state.account.role) state.setAccount({ ...state.account, role });
    }
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.sessionDoubts !== previous.sessionDoubts) void check();
    else if (state.connection !== previous.connection && isFailure(state.connection)) void check();
  });

  return () => {
    stopped = true;
    unsubscribe();
    if (later !== null) clearTimeout(later);
  };
}

/** The connection could not be made or was lost: perhaps because the session ended. */
function isFailure(status: ConnectionStatus): boolean {
  return status.kind === 'reconnecting' || status.kind === 'error';
}
