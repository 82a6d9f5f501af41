/**
 * When a client that keeps publishing to topics it may not is disconnected: one refusal is a
 * mistake (a stale dashboard, a device misconfigured once), several within a minute are a
 * client probing or stuck in a loop. Plain data per client, kept by the broker's hooks and
 * dropped when the client goes.
 */

export const REFUSALS_BEFORE_DISCONNECT = 5;
export const REFUSAL_WINDOW_MS = 60_000;

export interface RefusalHistory {
  /** When the recent refusals happened, oldest first; at most `limit` of them, all in the window. */
  readonly refusedAtMs: readonly number[];
}

export interface RefusalLimits {
  limit: number;
  windowMs: number;
}

export const NO_REFUSALS: RefusalHistory = { refusedAtMs: [] };

const DEFAULT_LIMITS: RefusalLimits = { limit: REFUSALS_BEFORE_DISCONNECT, windowMs: REFUSAL_WINDOW_MS };

/**
 * Counts one refusal at `nowMs` and says whether the client should now be disconnected: when
 * this is the `limit`-th refusal within `windowMs` (refusals exactly `windowMs` old no longer
 * count). A clock that stepped back drops the refusals it put in the future.
 */
export function recordRefusal(
  history: RefusalHistory,
  nowMs: number,
  limits: RefusalLimits = DEFAULT_LIMITS,
): { history: RefusalHistory; disconnect: boolean; refusalsInWindow: number } {
  const recent = history.refusedAtMs.filter((at) => at <= nowMs && nowMs - at < limits.windowMs);
  const refusedAtMs = [...recent, nowMs].slice(-limits.limit);
  return {
    history: { refusedAtMs },
    disconnect: refusedAtMs.length >= limits.limit,
    refusalsInWindow: refusedAtMs.length,
  };
}
