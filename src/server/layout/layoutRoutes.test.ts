import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { type ClientRequest, createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LayoutChange } from '../../core/layout.ts';
import { createApiHandler } from '../api/apiHandler.ts';
import { createLayoutEvents, type LayoutEvents } from './layoutEvents.ts';
import { layoutFilePath } from './layoutFile.ts';
import { createLayoutRoutes, LAYOUT_BODY_MAX_BYTES, type LayoutChangeResponse } from './layoutRoutes.ts';
import { change, roomItem, viewItem } from './layoutTestItems.ts';
import { openStoredLayout } from './storedLayout.ts';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A server as main.ts mounts it with --no-recorder: the API without history, the layout in it. */
interface Running {
  server: Server;
  events: LayoutEvents;
}

let dataDir = '';
let running: Running;

async function serve(keepAliveMs?: number, maxListeners?: number): Promise<Running> {
  const stored = await openStoredLayout(dataDir, () => {});
  const events = createLayoutEvents(keepAliveMs, maxListeners);
  const api = createApiHandler(null, {
    brokerWsUrl: null,
    log: () => {},
    layout: createLayoutRoutes(stored, events, () => {}),
  });
  const server = createServer((req, res) => {
    if (api(req, res)) return;
    res.end('static file');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, events };
}

async function stop(target: Running): Promise<void> {
  target.events.close();
  target.server.closeAllConnections();
  await new Promise((resolve) => target.server.close(resolve));
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-layout-api-'));
  running = await serve();
});
afterEach(async () => {
  await stop(running);
  await rm(dataDir, { recursive: true, force: true });
});

function send(
  pathAndQuery: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  const { port } = running.server.address() as AddressInfo;
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: pathAndQuery,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    // The server may answer 413 and close while a large body is still going out.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.end(options.body);
  });
}

const post = (body: LayoutChange | string, headers = { 'Content-Type': 'application/json' }) =>
  send('/api/layout', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

function json<T>(answer: Answer): T {
  const encoding = answer.headers['content-encoding'];
  const raw =
    encoding === 'br'
      ? brotliDecompressSync(answer.body)
      : encoding === 'gzip'
        ? gunzipSync(answer.body)
        : answer.body;
  return JSON.parse(raw.toString('utf8')) as T;
}

interface Stream {
  headers: IncomingHttpHeaders;
  /** Every event's data so far, in order. */
  versions: number[];
  /** Raw text received, comments included. */
  text: () => string;
  request: ClientRequest;
}

/** Opens `/api/layout/events` as a browser's EventSource would. */
function listen(headers: Record<string, string> = {}): Promise<Stream> {
  const { port } = running.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    let received = '';
    const versions: number[] = [];
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/layout/events',
        headers: { Accept: 'text/event-stream', ...headers },
      },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          received += chunk;
          versions.length = 0;
          for (const match of received.matchAll(/event: layout\ndata: (.*)\n\n/g))
            versions.push((JSON.parse(match[1] ?? '') as { version: number }).version);
        });
        res.on('error', () => {});
        resolve({ headers: res.headers, versions, text: () => received, request: req });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
    req.end();
  });
}

describe('GET and POST /api/layout', () => {
  it('answers an empty layout at version 0, never cached', async () => {
    const answer = await send('/api/layout');
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(json(answer)).toMatchObject({ version: 0, layout: { version: 0, rooms: {}, views: {} } });
  });

  it('applies a change and answers the new layout, which GET then answers too', async () => {
    const answer = await post(change(0, roomItem('kitchen', 'Kitchen')));
    expect(answer.status).toBe(200);
    const body = json<LayoutChangeResponse>(answer);
    expect(body.version).toBe(1);
    expect(body.stale).toEqual([]);
    expect(body.layout.rooms.kitchen).toEqual({ name: 'Kitchen', floorId: null, position: 1, rev: 1 });
    expect(json(await send('/api/layout'))).toEqual({ version: 1, layout: body.layout });
  });

  it('keeps both of two screens editing different items from one version', async () => {
    await post(change(0, roomItem('kitchen', 'Kitchen')));
    await post(change(0, roomItem('hall', 'Hall', 2)));
    const { layout } = json<LayoutChangeResponse>(await send('/api/layout'));
    expect(Object.keys(layout.rooms).sort()).toEqual(['hall', 'kitchen']);
  });

  it('tells the second of two screens renaming one room from one version that it overwrote the first', async () => {
    const first = json<LayoutChangeResponse>(await post(change(0, roomItem('kitchen', 'Kitchen'))));
    const second = json<LayoutChangeResponse>(await post(change(0, roomItem('kitchen', 'Cuisine'))));
    expect(first.stale).toEqual([]);
    expect(second.stale).toEqual([{ type: 'room', id: 'kitchen' }]);
    expect(second.layout.rooms.kitchen?.name).toBe('Cuisine');
  });

  it('keeps the layout across a restart on the same data directory', async () => {
    await post(change(0, roomItem('kitchen', 'Kitchen')));
    await stop(running);
    running = await serve();
    expect(json<LayoutChangeResponse>(await send('/api/layout')).layout.rooms.kitchen?.name).toBe('Kitchen');
  });

  it('is served with the recorder off, while the rest of /api says it is off', async () => {
    expect((await send('/api/layout')).status).toBe(200);
    const devices = await send('/api/devices');
    expect(devices.status).toBe(404);
    expect(json(devices)).toEqual({
      error: 'The recorder is off (--no-recorder): this server keeps no history.',
    });
  });
});

describe('what POST /api/layout refuses', () => {
  it.each([
    ['a body that is not JSON', '{"baseVersion": 0, "items": ['],
    ['a change of the wrong shape', JSON.stringify({ baseVersion: -1, items: [] })],
    ['a room with no name', JSON.stringify(change(0, roomItem('kitchen', '   ')))],
  ])('answers %s with 400 and a reason', async (_what, body) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(json<{ error: string }>(answer).error.length).toBeGreaterThan(0);
    expect(json(await send('/api/layout'))).toMatchObject({ version: 0 });
  });

  it('answers 400 to a change that would give two views one name', async () => {
    await post(change(0, viewItem('hall', 'Hall')));
    const answer = await post(change(1, viewItem('tablet', 'hall', 2)));
    expect(answer.status).toBe(400);
    expect(json(await send('/api/layout'))).toMatchObject({ version: 1 });
  });

  it('answers 413 to a body over 2 MB', async () => {
    const huge = JSON.stringify(change(0, roomItem('kitchen', 'x'.repeat(LAYOUT_BODY_MAX_BYTES))));
    const answer = await post(huge);
    expect(answer.status).toBe(413);
    expect(json<{ error: string }>(answer).error).toMatch(/at most/);
  });

  it('answers 413 to a body over 2 MB sent without a length', async () => {
    const { port } = running.server.address() as AddressInfo;
    const status = await new Promise<number>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/layout',
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', () => {});
      const slice = Buffer.alloc(256 * 1024, 0x20);
      for (let sent = 0; sent <= LAYOUT_BODY_MAX_BYTES; sent += slice.length) req.write(slice);
      req.end();
    });
    expect(status).toBe(413);
  });

  it('answers 415 to a body that is not said to be JSON', async () => {
    const answer = await post(JSON.stringify(change(0, roomItem('kitchen', 'Kitchen'))), {
      'Content-Type': 'text/plain',
    });
    expect(answer.status).toBe(415);
  });

  it('accepts JSON with a charset', async () => {
    const answer = await post(change(0, roomItem('kitchen', 'Kitchen')), {
      'Content-Type': 'Application/JSON; charset=utf-8',
    });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['/api/layout', 'PUT', 'GET, HEAD, POST'],
    ['/api/layout/events', 'POST', 'GET'],
  ])('answers %s %s with 405 and what it allows', async (where, method, allow) => {
    const answer = await send(where, { method });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe(allow);
  });

  it('answers 500 in words when the disk refuses, keeping the previous layout', async () => {
    await post(change(0, roomItem('kitchen', 'Kitchen')));
    await mkdir(`${layoutFilePath(dataDir)}.tmp`);
    const answer = await post(change(1, roomItem('hall', 'Hall')));
    expect(answer.status).toBe(500);
    expect(json<{ error: string }>(answer).error).toMatch(/could not save the layout/);
    expect(json(await send('/api/layout'))).toMatchObject({ version: 1 });
  });
});

describe('GET /api/layout/events', () => {
  it('streams, uncompressed and uncached, the current version first', async () => {
    await post(change(0, roomItem('kitchen', 'Kitchen')));
    const stream = await listen({ 'Accept-Encoding': 'br, gzip' });
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-cache');
    expect(stream.headers['x-accel-buffering']).toBe('no');
    expect(stream.headers['content-encoding']).toBeUndefined();
    await vi.waitFor(() => expect(stream.versions).toEqual([1]));
    stream.request.destroy();
  });

  it("tells a screen of another screen's change within 2 s", async () => {
    const stream = await listen();
    await vi.waitFor(() => expect(stream.versions).toEqual([0]));
    const sentAt = Date.now();
    await post(change(0, roomItem('kitchen', 'Kitchen')));
    await vi.waitFor(() => expect(stream.versions).toEqual([0, 1]), { timeout: 2000 });
    expect(Date.now() - sentAt).toBeLessThan(2000);
    stream.request.destroy();
  });

  it('sends a comment line as keep-alive while nothing changes', async () => {
    await stop(running);
    running = await serve(50);
    const stream = await listen();
    await vi.waitFor(() => expect(stream.text()).toContain(': keep-alive\n\n'));
    stream.request.destroy();
  });

  it('asks a screen past the most streams it keeps open to come back later', async () => {
    await stop(running);
    running = await serve(undefined, 1);
    const first = await listen();
    await vi.waitFor(() => expect(first.versions).toEqual([0]));
    const second = await send('/api/layout/events');
    expect(second.status).toBe(503);
    expect(second.headers['retry-after']).toBe('30');
    first.request.destroy();
  });

  it('forgets the screens that went away, after 100 of them came and went', async () => {
    for (let round = 0; round < 100; round += 1) {
      const stream = await listen();
      await vi.waitFor(() => expect(stream.versions).toEqual([0]));
      stream.request.destroy();
    }
    await vi.waitFor(() => expect(running.events.listeners()).toBe(0));
    const stayed = await listen();
    await vi.waitFor(() => expect(running.events.listeners()).toBe(1));
    await post(change(0, roomItem('kitchen', 'Kitchen')));
    await vi.waitFor(() => expect(stayed.versions).toEqual([0, 1]));
    stayed.request.destroy();
    await vi.waitFor(() => expect(running.events.listeners()).toBe(0));
  });
});
