import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchServerDevices, fetchServerEvents } from './serverApi';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });

function answering(response: Response | Promise<Response> | (() => Promise<Response>)) {
  const fetch = vi.fn((_url: string, init?: RequestInit) => {
    if (typeof response === 'function') {
      return new Promise<Response>((resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        response().then(resolve, reject);
      });
    }
    return Promise.resolve(response);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchServerDevices', () => {
  it('reads a Hearth server’s answer', async () => {
    answering(json({ now: 1, broker: null, devices: [] }));
    expect(await fetchServerDevices()).toEqual({
      kind: 'answer',
      value: { now: 1, broker: null, devices: [] },
      dropped: 0,
    });
  });

  it('calls a 404, an HTML page or JSON of another shape no server (static hosting, recorder off)', async () => {
    answering(json({ error: 'the recorder is off' }, 404));
    expect((await fetchServerDevices()).kind).toBe('absent');
    answering(
      new Response('<!doctype html><title>Hearth</title>', { headers: { 'Content-Type': 'text/html' } }),
    );
    expect((await fetchServerDevices()).kind).toBe('absent');
    answering(json({ hello: 'world' }));
    expect((await fetchServerDevices()).kind).toBe('absent');
    answering(new Response('{"now": 1, "devi', { headers: { 'Content-Type': 'application/json' } }));
    expect((await fetchServerDevices()).kind).toBe('absent');
  });

  it('calls a network error, a server error or no answer in time unreachable, to be asked again', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect((await fetchServerDevices()).kind).toBe('unreachable');
    answering(json({}, 503));
    expect((await fetchServerDevices()).kind).toBe('unreachable');
    answering(() => new Promise<Response>(() => {}));
    expect(await fetchServerDevices(undefined, 20)).toEqual({
      kind: 'unreachable',
      reason: 'no answer within 20 ms',
    });
  });

  it('stops when its caller withdraws the question', async () => {
    answering(() => new Promise<Response>(() => {}));
    const controller = new AbortController();
    const asked = fetchServerDevices(controller.signal, 10_000);
    controller.abort();
    expect(await asked).toEqual({ kind: 'unreachable', reason: 'the question was withdrawn' });
  });
});

describe('fetchServerEvents', () => {
  it('asks for the range and limit in whole milliseconds', async () => {
    const fetch = answering(json({ from: 0, to: 1, events: [], truncated: false }));
    await fetchServerEvents({ from: 1000.7, to: 2000.2, limit: 200 });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/events?from=1000&to=2000&limit=200');
  });
});
