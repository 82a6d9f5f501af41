/** Where the dashboard's connection to the broker stands. */
export type ConnectionStatus =
  | { kind: 'connecting'; url: string }
  | { kind: 'connected'; url: string; since: number }
  | { kind: 'reconnecting'; url: string; attempt: number; nextAt: number | null; cause: string }
  | { kind: 'disconnected'; reason: string }
  | { kind: 'error'; url: string; cause: string; attempt: number; nextAt: number | null };

/** The first reconnect step: the first attempt after a drop comes within it. */
export const RECONNECT_STEP_MS = 1000;
export const RECONNECT_MAX_MS = 30_000;

/**
 * Delay before reconnect attempt `attempt` (1-based; 0 is the first after a drop): a step that
 * doubles from 1 s up to 30 s, of which a random half to all is waited. Every attempt is
 * jittered, the first included (0.5–1 s), so the tablets of a house do not knock on a restarted
 * broker in the same second. `random` is in [0, 1).
 */
export function reconnectDelayMs(attempt: number, random: number): number {
  const step = Math.min(RECONNECT_MAX_MS, RECONNECT_STEP_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (0.5 + 0.5 * random));
}

export type BrokerUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Checks a broker URL a browser can open: ws:// or wss://, and not ws:// from an https page
 * (browsers block mixed content). `pageProtocol` is `location.protocol`.
 */
export function checkBrokerUrl(raw: string, pageProtocol: string): BrokerUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: `"${raw}" is not a URL; use ws://host:port/path or wss://…` };
  }
  if (url.protocol === 'mqtt:' || url.protocol === 'mqtts:' || url.protocol === 'tcp:') {
    return {
      ok: false,
      reason:
        'a browser cannot speak plain MQTT over TCP; use the broker’s WebSocket listener (ws:// or wss://)',
    };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return { ok: false, reason: `"${url.protocol}" is not a WebSocket URL; use ws:// or wss://` };
  }
  if (url.protocol === 'ws:' && pageProtocol === 'https:') {
    return { ok: false, reason: 'an https page cannot open ws://, use wss://' };
  }
  return { ok: true, url: url.toString() };
}

/** The broker URL a page uses by default: its own origin, path /mqtt, ws or wss to match. */
export function defaultBrokerUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
}

/** CONNACK return codes of MQTT 3.1.1 (and the 5.0 reason codes brokers send for the same). */
const CONNACK_CAUSES: Record<number, string> = {
  1: 'the broker does not accept MQTT 3.1.1',
  2: 'the broker rejected the client id',
  3: 'the broker is unavailable',
  4: 'not authorized: wrong username or password',
  5: 'not authorized: check the username and password',
  134: 'not authorized: wrong username or password',
  135: 'not authorized: check the username and password',
};

/** Puts a connection failure into words a user can act on. */
export function describeConnectionError(
  error: { message?: string; code?: unknown } | null,
  url: string,
): string {
  if (error === null) return `could not reach the broker at ${url} (connection refused or wrong address)`;
  if (typeof error.code === 'number' && CONNACK_CAUSES[error.code] !== undefined)
    return CONNACK_CAUSES[error.code] ?? '';
  const message = error.message ?? '';
  if (/not authori[sz]ed|bad user ?name or password/i.test(message))
    return 'not authorized: check the username and password';
  if (/ECONNREFUSED|connection refused/i.test(message)) return `connection refused by ${url}`;
  if (/timeout/i.test(message)) return `no answer from ${url} in time`;
  if (/ENOTFOUND|getaddrinfo/i.test(message)) return `unknown host in ${url}`;
  return `could not reach the broker at ${url} (connection refused or wrong address)`;
}
