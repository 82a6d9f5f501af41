/** What a connection sends once the broker has answered its CONNECT. */
export interface SubscriptionPlan {
  subscribe: string[];
  unsubscribe: string[];
}

export interface SubscriptionNeeds {
  /** The filters the screen listens to now. */
  wanted: readonly string[];
  /** The CONNACK's session-present flag: the broker kept this client id's session. */
  sessionPresent: boolean;
  /** What that session holds as far as this screen knows; null: not known. */
  held: readonly string[] | null;
  /**
   * The listener's memory is fresh (a page load, new settings): it needs the retained values a
   * SUBSCRIBE replays (discovery configs, device state), even for filters the session holds.
   */
  needsRetained: boolean;
}

/**
 * Subscriptions after a connect. Without a session (a clean start, a restarted broker, a
 * session that expired) every wanted filter is subscribed again: the broker remembers nothing.
 * With one, its subscriptions already deliver (and it sent what queued while the screen was away),
 * so only what changed is sent: filters no longer wanted are unsubscribed, new ones subscribed.
 * Subscribing again to a held filter is harmless but makes the broker replay every retained value,
 * so it is done only when the listener needs them or the held filters are not known.
 */
export function planSubscriptions(needs: SubscriptionNeeds): SubscriptionPlan {
  const { wanted, held } = needs;
  if (!needs.sessionPresent) return { subscribe: [...wanted], unsubscribe: [] };
  const unsubscribe = held === null ? [] : held.filter((filter) => !wanted.includes(filter));
  const subscribe =
    needs.needsRetained || held === null ? [...wanted] : wanted.filter((filter) => !held.includes(filter));
  return { subscribe, unsubscribe };
}
