/**
 * How a screen meets the broker: under a client id of its own, and with a session the broker
 * keeps while the screen sleeps (its subscriptions, and the QoS 1 messages that arrive meanwhile,
 * delivered when it wakes). The page decides the id (see app/screenIdentity.ts) and hands it to
 * the connection, wherever that runs.
 */
export interface ClientSession {
  clientId: string;
  /**
   * true: the broker forgets the session when the connection ends (MQTT 3.1.1 "clean session").
   * For screens that could not claim an id of their own, and for benchmarks, which must not leave
   * queued sessions behind on the broker.
   */
  cleanStart: boolean;
  /**
   * The filters the broker's session for this id held after this screen's last subscribe or
   * unsubscribe, or null when the screen does not know (the broker may still hold some).
   */
  heldFilters: readonly string[] | null;
}

/** A screen's identity as the page holds it: the id it claimed, and what each broker keeps for it. */
export interface ScreenIdentity {
  clientId: string;
  /** false: the id is this page's alone for its visit, so the broker may keep a session for it. */
  persistent: boolean;
  /** What the session at the broker `url` held when this screen last changed it, if known. */
  heldFilters(url: string): readonly string[] | null;
  /** Notes what the session at `url` holds now, after a subscribe or an unsubscribe. */
  rememberHeldFilters(url: string, filters: readonly string[]): void;
}

/** A random client id for a screen without one of its own: never the same twice. */
export function oneVisitClientId(random: () => number = Math.random): string {
  return `hearth-${random().toString(16).slice(2, 10).padEnd(8, '0')}`;
}

/** The session a connection to `url` opens with for this identity. */
export function clientSessionFor(identity: ScreenIdentity, url: string): ClientSession {
  return {
    clientId: identity.clientId,
    cleanStart: !identity.persistent,
    heldFilters: identity.persistent ? identity.heldFilters(url) : [],
  };
}
