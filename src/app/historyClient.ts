import type { ApiHistoryBatchResponse } from '../core/historyApi';
import { type Parsed, parseHistoryBatch, parseHistorySeries } from '../core/historyParse';
import type { QuantityId } from '../core/quantity';
import type {
  HistoryPresence,
  HistoryQuery,
  HistoryResult,
  HistorySource,
} from '../features/charts/historySource';

/** A history answer slower than this is given up: the chart draws the page's own history meanwhile. */
const HISTORY_TIMEOUT_MS = 20_000;
/** The probe asks for a little of a common quantity: any well-formed answer says the server keeps history. */
const PROBE_QUANTITY: QuantityId = 'temperature';
const PROBE_SPAN_MS = 60 * 60_000;
/**
 * A probe that came to nothing certain (a 5xx, a timeout) is asked again after this, doubling to
 * PROBE_RETRY_MAX_MS: a server busy at start must not cost the page its long windows until the
 * next reconnect.
 */
const PROBE_RETRY_MS = 2000;
const PROBE_RETRY_MAX_MS = 30_000;

interface CachedAnswer {
  value: ApiHistoryBatchResponse;
  fetchedAt: number;
  generation: number;
}

interface InFlight {
  promise: Promise<HistoryResult<ApiHistoryBatchResponse>>;
  controller: AbortController;
  waiting: number;
}

/** What one request came to: an answer, a sign that no Hearth server is there, or a failure of one that is. */
type Fetched<T> =
  | { kind: 'answer'; value: T }
  | { kind: 'absent'; reason: string }
  /** A Hearth server refused the request (400 with `{ error }`): it keeps history all the same. */
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; reason: string };

/**
 * The dashboard's client of `/api/history`. The first well-formed answer says a Hearth server
 * keeps history (present); a 404, a page of HTML (a static host's fallback), a network error or
 * JSON of another shape says none does (absent), remembered for the page's life and asked again
 * after a reconnect. Answers are parsed at this edge (core/historyParse.ts), cached per quantity
 * and window with their fetch time, and one request serves every chart that asks at once.
 */
export function createHistoryClient({
  fetch,
  now = Date.now,
}: {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  now?: () => number;
}): HistorySource {
  let presence: HistoryPresence = 'unknown';
  let generation = 0;
  let probing = false;
  let probeRetryMs = PROBE_RETRY_MS;
  let probeRetry: ReturnType<typeof setTimeout> | null = null;
  const cache = new Map<string, CachedAnswer>();
  const inFlight = new Map<string, InFlight>();
  const listeners = new Set<() => void>();
  const tell = () => {
    for (const listener of [...listeners]) listener();
  };
  const learn = (next: HistoryPresence) => {
    if (presence === next) return;
    presence = next;
    tell();
  };

  async function request<T>(
    params: URLSearchParams,
    parse: (json: unknown) => Parsed<T>,
    signal: AbortSignal,
  ): Promise<HistoryResult<T>> {
    if (presence === 'absent') return { ok: false, reason: 'no Hearth server keeps history here' };
    const fetched = await fetchParsed(fetch, `/api/history?${params}`, parse, signal);
    if (fetched.kind === 'answer') {
      learn('present');
      return { ok: true, value: fetched.value, fetchedAt: now() };
    }
    // A request the page gave up on says nothing about the server.
    if (fetched.kind === 'refused') learn('present');
    if (fetched.kind === 'absent' && !signal.aborted) learn('absent');
    return { ok: false, reason: fetched.reason };
  }

  const rangeParams = (query: HistoryQuery) => ({
    from: String(Math.floor(query.fromMs)),
    to: String(Math.ceil(query.toMs)),
    points: String(Math.max(1, Math.round(query.points))),
  });

  const invalidate = () => {
    generation++;
    cache.clear();
    tell();
  };

  const probe = () => {
    if (presence !== 'unknown' || probing) return;
    probing = true;
    const toMs = now();
    const params = new URLSearchParams({
      quantity: PROBE_QUANTITY,
      ...rangeParams({ fromMs: toMs - PROBE_SPAN_MS, toMs, points: 2 }),
    });
    void request(params, (json) => parseHistoryBatch(json, PROBE_QUANTITY), timeoutSignal()).finally(() => {
      probing = false;
      if (presence !== 'unknown' || probeRetry !== null) return;
      probeRetry = setTimeout(() => {
        probeRetry = null;
        probe();
      }, probeRetryMs);
      probeRetryMs = Math.min(probeRetryMs * 2, PROBE_RETRY_MAX_MS);
    });
  };

  return {
    presence: () => presence,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    generation: () => generation,
    probe,
    reconnected() {
      if (presence === 'absent') presence = 'unknown';
      invalidate();
      probe();
    },
    serverAnswered() {
      if (presence === 'present') return;
      // A network error at start said "absent"; the server has answered since.
      presence = 'unknown';
      probeRetryMs = PROBE_RETRY_MS;
      probe();
    },
    invalidate,
    quantity(quantity, windowKey, query, maxAgeMs, signal) {
      const key = `${quantity}\u0000${windowKey}`;
      const cached = cache.get(key);
      if (cached !== undefined && cached.generation === generation && now() - cached.fetchedAt < maxAgeMs) {
        return Promise.resolve({ ok: true, value: cached.value, fetchedAt: cached.fetchedAt });
      }
      let flight = inFlight.get(key);
      if (flight === undefined) {
        const controller = new AbortController();
        const asked = generation;
        const params = new URLSearchParams({ quantity, ...rangeParams(query) });
        const promise = request(
          params,
          (json) => parseHistoryBatch(json, quantity),
          anySignal(controller.signal),
        ).then((result) => {
          inFlight.delete(key);
          if (result.ok && asked === generation) {
            cache.set(key, { value: result.value, fetchedAt: result.fetchedAt, generation: asked });
          }
          return result;
        });
        flight = { promise, controller, waiting: 0 };
        inFlight.set(key, flight);
      }
      return waitFor(flight, signal);
    },
    series(ref, query, signal) {
      const params = new URLSearchParams({
        device: ref.nativeId,
        convention: ref.convention,
        metric: ref.metric,
        ...rangeParams(query),
      });
      return request(params, parseHistorySeries, anySignal(signal));
    },
  };
}

/**
 * One caller's wait on a shared request: its abort ends its own wait, and the request itself
 * only when nobody waits for it any more.
 */
function waitFor(flight: InFlight, signal: AbortSignal): Promise<HistoryResult<ApiHistoryBatchResponse>> {
  flight.waiting++;
  return new Promise((resolve) => {
    const onAbort = () => {
      flight.waiting--;
      if (flight.waiting === 0) flight.controller.abort();
      resolve({ ok: false, reason: 'aborted' });
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    void flight.promise.then((result) => {
      signal.removeEventListener('abort', onAbort);
      flight.waiting--;
      resolve(result);
    });
  });
}

function timeoutSignal(): AbortSignal {
  return AbortSignal.timeout(HISTORY_TIMEOUT_MS);
}

/** The caller's signal, also aborted past the timeout. */
function anySignal(signal: AbortSignal): AbortSignal {
  return AbortSignal.any([signal, timeoutSignal()]);
}

async function fetchParsed<T>(
  fetch: (input: string, init?: RequestInit) => Promise<Response>,
  url: string,
  parse: (json: unknown) => Parsed<T>,
  signal: AbortSignal,
): Promise<Fetched<T>> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch {
    return signal.aborted
      ? { kind: 'failed', reason: 'aborted' }
      : { kind: 'absent', reason: 'the server did not answer' };
  }
  if (response.status === 404) return { kind: 'absent', reason: 'no history here (404)' };
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    // A static host answers every path with its page: HTML, not JSON.
    return signal.aborted
      ? { kind: 'failed', reason: 'aborted' }
      : response.ok
        ? { kind: 'absent', reason: 'the answer was not JSON' }
        : { kind: 'failed', reason: `the server answered ${response.status}` };
  }
  if (!response.ok) {
    // A Hearth server refusing a request (400 with `{ error }`) still keeps history.
    const error =
      typeof json === 'object' && json !== null && 'error' in json && typeof json.error === 'string';
    return error
      ? { kind: 'refused', reason: 'the server refused the request' }
      : { kind: 'failed', reason: `the server answered ${response.status}` };
  }
  const parsed = parse(json);
  return parsed.ok ? { kind: 'answer', value: parsed.value } : { kind: 'absent', reason: parsed.reason };
}
