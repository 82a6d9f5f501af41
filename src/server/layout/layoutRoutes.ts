import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../../core/historyApi.ts';
import type { HouseLayout, StaleItem } from '../../core/layout.ts';
import { parseLayoutChange } from '../../core/layoutParse.ts';
import { readJsonBody } from '../api/requestBody.ts';
import { sendJson } from '../api/sendJson.ts';
import type { LayoutEvents } from './layoutEvents.ts';
import type { StoredLayout } from './storedLayout.ts';

export const LAYOUT_PATH = '/api/layout';
export const LAYOUT_EVENTS_PATH = '/api/layout/events';
/** A layout of 20,000 devices with aliases is about 1.5 MB of JSON; more is not a layout. */
export const LAYOUT_BODY_MAX_BYTES = 2 * 1024 * 1024;

/** `GET /api/layout`. */
export interface LayoutResponse {
  version: number;
  layout: HouseLayout;
}
/** `POST /api/layout`: the layout after the change, and what it overwrote of others' edits. */
export interface LayoutChangeResponse extends LayoutResponse {
  stale: StaleItem[];
}

/**
 * The house layout's routes: `GET`/`POST /api/layout` and `GET /api/layout/events`. Returns a
 * handler that takes those two paths (true) and leaves every other one to the rest of the API
 * (false). They work whether or not the recorder runs: the layout is not history.
 */
export function createLayoutRoutes(
  stored: StoredLayout,
  events: LayoutEvents,
  log: (line: string) => void,
): (request: IncomingMessage, response: ServerResponse) => boolean {
  const reply = (request: IncomingMessage, response: ServerResponse, status: number, body: unknown) =>
    void sendJson(request, response, status, body).catch(() => response.destroy());

  function getLayout(request: IncomingMessage, response: ServerResponse): void {
    const layout = stored.current();
    const body: LayoutResponse = { version: layout.version, layout };
    reply(request, response, 200, body);
  }

  async function postLayout(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readJsonBody(request, LAYOUT_BODY_MAX_BYTES);
    if (body.kind === 'notJson') {
      reply(request, response, 415, error('Send the change as JSON (Content-Type: application/json).'));
      return;
    }
    if (body.kind === 'gone') return;
    if (body.kind === 'tooLarge') {
      // The rest of the body is not read: close rather than drain megabytes of it.
      response.setHeader('Connection', 'close');
      reply(request, response, 413, error(`A layout change is at most ${LAYOUT_BODY_MAX_BYTES} bytes.`));
      return;
    }
    let input: unknown;
    try {
      input = JSON.parse(body.text);
    } catch (failure) {
      const why = failure instanceof Error ? failure.message : String(failure);
      reply(request, response, 400, error(`The body is not JSON: ${why}`));
      return;
    }
    const parsed = parseLayoutChange(input);
    if (!parsed.ok) {
      reply(request, response, 400, error(parsed.reason));
      return;
    }
    const before = stored.current().version;
    const outcome = await stored.change(parsed.change);
    if (outcome.kind === 'invalid') return reply(request, response, 400, error(outcome.reason));
    if (outcome.kind === 'unsaved') return reply(request, response, 500, error(outcome.reason));
    const { layout, stale } = outcome.applied;
    const answer: LayoutChangeResponse = { version: layout.version, layout, stale };
    reply(request, response, 200, answer);
    if (layout.version !== before) events.announce(layout.version);
  }

  return (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://hearth');
    if (pathname === LAYOUT_EVENTS_PATH) {
      if (request.method !== 'GET') {
        response.setHeader('Allow', 'GET');
        reply(request, response, 405, error(`${LAYOUT_EVENTS_PATH} answers GET only (an event stream).`));
      } else if (!events.attach(response, stored.current().version)) {
        response.setHeader('Retry-After', '30');
        reply(
          request,
          response,
          503,
          error('Too many screens are listening for layout changes; try again later.'),
        );
      }
      return true;
    }
    if (pathname !== LAYOUT_PATH) return false;
    if (request.method === 'GET' || request.method === 'HEAD') {
      getLayout(request, response);
    } else if (request.method === 'POST') {
      postLayout(request, response).catch((failure: unknown) => {
        log(`API ${LAYOUT_PATH}: ${failure instanceof Error ? failure.message : String(failure)}`);
        reply(request, response, 500, error('The server could not apply the change; try again.'));
      });
    } else {
      response.setHeader('Allow', 'GET, HEAD, POST');
      reply(request, response, 405, error(`${LAYOUT_PATH} answers GET and POST only.`));
    }
    return true;
  };
}

function error(reason: string): ApiError {
  return { error: reason };
}
