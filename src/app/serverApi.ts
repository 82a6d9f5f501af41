import type { ApiDevicesResponse, ApiEventsResponse } from '../core/historyApi';
import { type ApiParse, parseDevicesResponse, parseEventsResponse } from '../core/historyApiParse';
import { useHearthStore } from '../store/store';
import { isSignedOutAnswer } from './signInApi';

/** `/api/devices` answers 1,000 devices in 50 ms; a server that takes seconds is as good as none. */
export const DEVICES_TIMEOUT_MS = 5000;
export const EVENTS_TIMEOUT_MS = 5000;

/**
 * What a question to the Hearth server came to:
 * - `answer`: it is there and answered (entries that failed the checks are counted in `dropped`);
 * - `absent`: no Hearth server with a recorder here (a 404, an HTML page from static hosting,
 *   JSON of another shape): it will not appear later in this page's life;
 * - `unreachable`: a network error, a timeout or a server error: perhaps later.
 */
export type ServerAnswer<T> =
  | { kind: 'answer'; value: T; dropped: number }
  | { kind: 'absent'; reason: string }
  | { kind: 'unreachable'; reason: string };

/** `GET /api/devices`: what the server remembers of every device. Never rejects. */
export function fetchServerDevices(
  signal?: AbortSignal,
  timeoutMs = DEVICES_TIMEOUT_MS,
): Promise<ServerAnswer<ApiDevicesResponse>> {
  return askServer('/api/devices', parseDevicesResponse, signal, timeoutMs);
}

/** `GET /api/events` between two times (epoch ms), newest first, at most `limit`. Never rejects. */
export function fetchServerEvents(
  range: { from: number; to: number; limit: number },
  signal?: AbortSignal,
  timeoutMs = EVENTS_TIMEOUT_MS,
): Promise<ServerAnswer<ApiEventsResponse>> {
  const query = new URLSearchParams({
    from: String(Math.floor(range.from)),
    to: String(Math.floor(range.to)),
    limit: String(range.limit),
  });
  return askServer(`/api/events?${query}`, parseEventsResponse, signal, timeoutMs);
}

async function askServer<T>(
  path: string,
  parse: (json: unknown) => ApiParse<T>,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<ServerAnswer<T>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const abort = () => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
  if (signal?.aborted === true) controller.abort();
  try {
    const response = await fetch(path, {
      signal: controller.signal,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (response.status >= 500)
      return { kind: 'unreachable', reason: `the server answered ${response.status}` };
    // The session ended meanwhile: the session watch makes sure, then shows the sign-in.
    if (await isSignedOutAnswer(response)) {
      useHearthStore.getState().doubtSession();
      return { kind: 'unreachable', reason: 'this screen is signed out' };
    }
    // Static hosting answers a missing path with 404, or with the app's own index.html.
    if (!response.ok) return { kind: 'absent', reason: `the server answered ${response.status}` };
    if (!(response.headers.get('content-type') ?? '').includes('application/json')) {
      return { kind: 'absent', reason: 'the answer is not JSON' };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return { kind: 'absent', reason: 'the answer is not valid JSON' };
    }
    const parsed = parse(json);
    return parsed.ok
      ? { kind: 'answer', value: parsed.value, dropped: parsed.dropped }
      : { kind: 'absent', reason: parsed.reason };
  } catch (error) {
    const reason = controller.signal.aborted
      ? signal?.aborted === true
        ? 'the question was withdrawn'
        : `no answer within ${timeoutMs} ms`
      : `the network failed (${error instanceof Error ? error.message : String(error)})`;
    return { kind: 'unreachable', reason };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}
