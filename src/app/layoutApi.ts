import type { HouseLayout, LayoutChange, StaleItem } from '../core/layout';
import { parseHouseLayout } from '../core/layoutParse';
import { REQUEST_HEADER } from './signInApi';

/** A server that takes longer than this to answer about the layout is treated as not answering. */
export const LAYOUT_TIMEOUT_MS = 5000;

/**
 * What a question about the layout came to:
 * - `layout`: the server keeps the layout and answered it (with the items a write overwrote);
 * - `absent`: no Hearth server keeps a layout here (404, static hosting's HTML, another shape);
 * - `refused`: the server refused the change (400), with its reason in words;
 * - `unreachable`: a network error, a timeout or a server error (with its `status`): perhaps later.
 */
export type LayoutAnswer =
  | { kind: 'layout'; layout: HouseLayout; stale: StaleItem[] }
  | { kind: 'absent'; reason: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'unreachable'; reason: string; status?: number };

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** `GET /api/layout`. Never rejects. */
export function fetchLayout(fetcher: Fetch, timeoutMs = LAYOUT_TIMEOUT_MS): Promise<LayoutAnswer> {
  return askLayout(fetcher, { method: 'GET' }, timeoutMs);
}

/**
 * Browsers refuse a `keepalive` request whose body, with the others still on their way, passes
 * 64 KiB; a change that large goes without it.
 */
export const KEEPALIVE_BODY_MAX = 60_000;

/**
 * `POST /api/layout` with one change. Never rejects. A change of usual size is sent `keepalive`:
 * one made just before the page goes away (a setting ticked, then the screen reloaded or closed)
 * still reaches the server instead of being cancelled with the page.
 */
export function postLayoutChange(
  fetcher: Fetch,
  change: LayoutChange,
  timeoutMs = LAYOUT_TIMEOUT_MS,
): Promise<LayoutAnswer> {
  const body = JSON.stringify(change);
  const init = {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...REQUEST_HEADER },
    body,
    keepalive: body.length <= KEEPALIVE_BODY_MAX,
  };
  return askLayout(fetcher, init, timeoutMs);
}

async function askLayout(fetcher: Fetch, init: RequestInit, timeoutMs: number): Promise<LayoutAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetcher('/api/layout', {
      ...init,
      signal: controller.signal,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...init.headers },
    });
    const json = await readJson(response);
    if (response.status === 400 && init.method === 'POST') {
      return { kind: 'refused', reason: errorOf(json) ?? 'the server refused the change' };
    }
    if (response.status >= 500) {
      return {
        kind: 'unreachable',
        reason: `the server answered ${response.status}`,
        status: response.status,
      };
    }
    if (!response.ok) return { kind: 'absent', reason: `the server answered ${response.status}` };
    if (json === undefined) return { kind: 'absent', reason: 'the answer is not JSON' };
    return readLayoutAnswer(json);
  } catch (error) {
    const reason = controller.signal.aborted
      ? `no answer within ${timeoutMs} ms`
      : `the network failed (${error instanceof Error ? error.message : String(error)})`;
    return { kind: 'unreachable', reason };
  } finally {
    clearTimeout(timer);
  }
}

/** The body as JSON, or undefined when it is not (static hosting answers with its index.html). */
async function readJson(response: Response): Promise<unknown> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function errorOf(json: unknown): string | null {
  if (json === null || typeof json !== 'object') return null;
  const error = (json as Record<string, unknown>).error;
  return typeof error === 'string' && error.trim() !== '' ? error.slice(0, 300) : null;
}

/** `{ version, layout, stale? }` checked as untrusted input. */
function readLayoutAnswer(json: unknown): LayoutAnswer {
  if (json === null || typeof json !== 'object') return { kind: 'absent', reason: 'the answer is no layout' };
  const r = json as Record<string, unknown>;
  const parsed = parseHouseLayout(r.layout);
  if (!parsed.ok) return { kind: 'absent', reason: `the layout is not valid: ${parsed.reason}` };
  const stale: StaleItem[] = [];
  if (Array.isArray(r.stale)) {
    for (const item of r.stale) {
      if (item === null || typeof item !== 'object') continue;
      const s = item as Record<string, unknown>;
      if (typeof s.type !== 'string' || !STALE_TYPES.has(s.type)) continue;
      stale.push(
        typeof s.id === 'string'
          ? { type: s.type as StaleItem['type'], id: s.id }
          : { type: s.type as StaleItem['type'] },
      );
    }
  }
  // The envelope's version is the one that counts (a layout written before versions has none).
  const version =
    typeof r.version === 'number' && Number.isInteger(r.version) ? r.version : parsed.layout.version;
  return { kind: 'layout', layout: { ...parsed.layout, version }, stale };
}

const STALE_TYPES: ReadonlySet<string> = new Set([
  'floor',
  'room',
  'device',
  'view',
  'ignoredAreas',
  'topicRoomsDismissed',
]);
