import type { IncomingMessage, ServerResponse } from 'node:http';
import { deviceKey } from '../../core/device.ts';
import type {
  ApiDevicesResponse,
  ApiError,
  ApiEventsResponse,
  ApiHistoryBatchResponse,
  ApiHistoryResponse,
} from '../../core/historyApi.ts';
import type { RecorderView } from '../recorder/storage.ts';
import { type EventsQuery, type HistoryQuery, parseEventsQuery, parseHistoryQuery } from './apiQuery.ts';
import { answerSeries, findSeries, loadGaps } from './historyAnswer.ts';
import { answerBatch } from './historyBatch.ts';
import { sendJson } from './sendJson.ts';

export interface ApiOptions {
  /** The WebSocket URL dashboards should use (`--broker-ws`), or null for this server's /mqtt. */
  brokerWsUrl: string | null;
  now?: () => number;
  /** Where a failing database query is told (the answer says only that it failed). */
  log?: (line: string) => void;
  /** The house layout's routes (`/api/layout*`), answered whether or not the recorder runs. */
  layout?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

/** A route reads its query and answers a status and a body (an `ApiError` when it refuses). */
type Route = (params: URLSearchParams) => Promise<ApiAnswer>;
type ApiAnswer = { status: number; body: unknown };

/**
 * The JSON API on the dashboard's port: `GET /api/devices`, `/api/history`, `/api/events`.
 * Returns a handler that takes every `/api` request (true) and leaves the rest to the static
 * files (false). With no recorder (`--no-recorder`) every `/api` path but the layout's answers
 * 404 saying so.
 */
export function createApiHandler(
  view: RecorderView | null,
  options: ApiOptions,
): (request: IncomingMessage, response: ServerResponse) => boolean {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const routes: Readonly<Record<string, Route>> = view
    ? {
        '/api/devices': async () => answer(200, devicesResponse(view, options.brokerWsUrl, now())),
        '/api/history': (params) => historyRoute(view, params, now()),
        '/api/events': (params) => eventsRoute(view, params, now()),
      }
    : {};

  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://hearth');
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) return false;
    if (options.layout?.(request, response)) return true;
    const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    const reply = (status: number, body: unknown) =>
      sendJson(request, response, status, body).catch(() => response.destroy());
    if (!view) {
      void reply(404, error('The recorder is off (--no-recorder): this server keeps no history.'));
    } else if (!route) {
      void reply(
        404,
        error(`No such API: ${url.pathname} (try /api/devices, /api/history, /api/events or /api/layout).`),
      );
    } else if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      void reply(405, error(`${url.pathname} answers GET only.`));
    } else {
      route(url.searchParams).then(
        ({ status, body }) => reply(status, body),
        (failure: unknown) => {
          log(`API ${url.pathname}: ${failure instanceof Error ? failure.message : String(failure)}`);
          void reply(503, error('The history database did not answer; try again in a moment.'));
        },
      );
    }
    return true;
  };
}

function devicesResponse(view: RecorderView, broker: string | null, nowMs: number): ApiDevicesResponse {
  return { now: nowMs, broker, devices: view.devices() };
}

async function historyRoute(view: RecorderView, params: URLSearchParams, nowMs: number): Promise<ApiAnswer> {
  const parsed = parseHistoryQuery(params, nowMs);
  if (!parsed.ok) return answer(400, error(parsed.reason));
  const query = parsed.value;
  return query.kind === 'series' ? seriesHistory(view, query, nowMs) : quantityHistory(view, query, nowMs);
}

async function seriesHistory(
  view: RecorderView,
  query: Extract<HistoryQuery, { kind: 'series' }>,
  nowMs: number,
): Promise<ApiAnswer> {
  const key = deviceKey(query.convention, query.device);
  const all = view.series();
  const series = findSeries(all, key, query.metric);
  if (!series) {
    const known = all.some((candidate) => candidate.device === key);
    const reason = known
      ? `Device ${key} has no recorded metric '${query.metric}'.`
      : `No device ${key} has been recorded.`;
    return answer(404, error(reason));
  }
  const gaps = await loadGaps(view.storage, query.from, query.to);
  const body: ApiHistoryResponse = await answerSeries(view, series, query, nowMs, gaps);
  return answer(200, body);
}

/** Every series of the quantity, read together (`historyBatch.ts`) in slices that each leave the event loop soon. */
async function quantityHistory(
  view: RecorderView,
  query: Extract<HistoryQuery, { kind: 'quantity' }>,
  nowMs: number,
): Promise<ApiAnswer> {
  const chosen = view
    .series()
    .filter((series) => series.quantity === query.quantity)
    .sort((a, b) =>
      a.device === b.device ? a.handle.localeCompare(b.handle) : a.device < b.device ? -1 : 1,
    );
  const gaps = await loadGaps(view.storage, query.from, query.to);
  const series = await answerBatch(view, chosen, query, nowMs, gaps);
  const body: ApiHistoryBatchResponse = { quantity: query.quantity, from: query.from, to: query.to, series };
  return answer(200, body);
}

async function eventsRoute(view: RecorderView, params: URLSearchParams, nowMs: number): Promise<ApiAnswer> {
  const parsed = parseEventsQuery(params, nowMs);
  if (!parsed.ok) return answer(400, error(parsed.reason));
  const query: EventsQuery = parsed.value;
  const device = query.device ? deviceKey(query.device.convention, query.device.id) : undefined;
  // One more than asked tells whether the answer was cut.
  const rows = await view.storage.events(query.from, query.to, query.limit + 1, device);
  const body: ApiEventsResponse = {
    from: query.from,
    to: query.to,
    events: rows.slice(0, query.limit).map((row) => ({ ...row })),
    truncated: rows.length > query.limit,
  };
  return answer(200, body);
}

function answer(status: number, body: unknown): ApiAnswer {
  return { status, body };
}

function error(reason: string): ApiError {
  return { error: reason };
}
