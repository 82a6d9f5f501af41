import { describe, expect, it, vi } from 'vitest';
import { createHistoryClient } from './historyClient';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const QUERY = { fromMs: NOW - 3600_000, toMs: NOW, points: 500 };

function batch(quantity = 'temperature') {
  return {
    quantity,
    from: QUERY.fromMs,
    to: NOW,
    series: [
      {
        device: 'kitchen',
        convention: 'generic',
        metric: 'temperature',
        handle: 'temperature',
        quantity: 'temperature',
        unit: '°C',
        from: QUERY.fromMs,
        to: NOW,
        tier: 'raw',
        bucketMs: 0,
        points: [[NOW - 1000, 21.5]],
        gaps: [],
      },
    ],
  };
}

type Answer = () => Promise<Response>;

/** A fetch that answers from a queue (the last answer repeats) and records the URLs asked. */
function fakeFetch(...answers: Answer[]) {
  const asked: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    asked.push(String(input));
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    if (answer === undefined) throw new Error('no answer');
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return answer();
  };
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

const json =
  (body: unknown, status = 200): Answer =>
  async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const html: Answer = async () =>
  new Response('<!doctype html><title>Hearth</title>', { headers: { 'content-type': 'text/html' } });
const notFound: Answer = async () => new Response('Not found', { status: 404 });
const unreachable: Answer = async () => {
  throw new TypeError('Failed to fetch');
};

const signal = () => new AbortController().signal;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createHistoryClient', () => {
  it('is present once a well-formed answer comes', async () => {
    const { fetch, asked } = fakeFetch(json(batch()));
    const client = createHistoryClient({ fetch, now: () => NOW });
    expect(client.presence()).toBe('unknown');
    const result = await client.quantity('temperature', '1h', QUERY, 60_000, signal());
    expect(result.ok && result.value.series[0]?.points).toEqual([[NOW - 1000, 21.5]]);
    expect(client.presence()).toBe('present');
    expect(asked[0]).toBe(`/api/history?quantity=temperature&from=${QUERY.fromMs}&to=${NOW}&points=500`);
  });

  it.each([
    ['a 404', notFound],
    ['a page of HTML (a static host)', html],
    ['a network error', unreachable],
    ['JSON of another shape', json({ hello: 'world' })],
  ])('is absent after %s, and asks no more until the page reconnects', async (_, answer) => {
    const { fetch, asked } = fakeFetch(answer, json(batch()));
    const client = createHistoryClient({ fetch, now: () => NOW });
    expect((await client.quantity('temperature', '1h', QUERY, 60_000, signal())).ok).toBe(false);
    expect(client.presence()).toBe('absent');
    expect((await client.quantity('temperature', '1h', QUERY, 60_000, signal())).ok).toBe(false);
    expect(asked).toHaveLength(1);
    client.reconnected();
    await flush();
    await flush();
    expect(client.presence()).toBe('present');
  });

  it('counts a refused request (400 with a reason) as a server that keeps history', async () => {
    const { fetch } = fakeFetch(json({ error: 'points must be 1 to 5000' }, 400));
    const client = createHistoryClient({ fetch, now: () => NOW });
    expect((await client.quantity('temperature', '1h', QUERY, 60_000, signal())).ok).toBe(false);
    expect(client.presence()).toBe('present');
  });

  it('stays present when a later request fails', async () => {
    const { fetch } = fakeFetch(json(batch()), async () => new Response('busy', { status: 503 }));
    const client = createHistoryClient({ fetch, now: () => NOW });
    await client.quantity('temperature', '1h', QUERY, 60_000, signal());
    expect((await client.quantity('humidity', '1h', QUERY, 60_000, signal())).ok).toBe(false);
    expect(client.presence()).toBe('present');
  });

  it('asks once for charts that ask at once, and answers again from its cache while young', async () => {
    let now = NOW;
    const { fetch, asked } = fakeFetch(json(batch()));
    const client = createHistoryClient({ fetch, now: () => now });
    const [a, b] = await Promise.all([
      client.quantity('temperature', '1h', QUERY, 60_000, signal()),
      client.quantity('temperature', '1h', QUERY, 60_000, signal()),
    ]);
    expect(a.ok && b.ok).toBe(true);
    await client.quantity('temperature', '1h', QUERY, 60_000, signal());
    expect(asked).toHaveLength(1);
    now += 61_000;
    await client.quantity('temperature', '1h', QUERY, 60_000, signal());
    expect(asked).toHaveLength(2);
  });

  it('asks again for each window, and after the page missed time', async () => {
    const { fetch, asked } = fakeFetch(json(batch()));
    const client = createHistoryClient({ fetch, now: () => NOW });
    await client.quantity('temperature', '1h', QUERY, Number.POSITIVE_INFINITY, signal());
    await client.quantity('temperature', '24h', QUERY, Number.POSITIVE_INFINITY, signal());
    const before = client.generation();
    client.invalidate();
    expect(client.generation()).toBe(before + 1);
    await client.quantity('temperature', '1h', QUERY, Number.POSITIVE_INFINITY, signal());
    expect(asked).toHaveLength(3);
  });

  it('ends a wait when its chart goes away, and the request only when nobody waits', async () => {
    let release: (() => void) | undefined;
    let seen: AbortSignal | undefined;
    const fetch = ((_: RequestInfo | URL, init?: RequestInit) => {
      seen = init?.signal ?? undefined;
      return new Promise<Response>((resolve) => {
        release = () => resolve(new Response(JSON.stringify(batch())));
      });
    }) as typeof globalThis.fetch;
    const client = createHistoryClient({ fetch, now: () => NOW });
    const first = new AbortController();
    const waiting = client.quantity('temperature', '1h', QUERY, 60_000, first.signal);
    const second = client.quantity('temperature', '1h', QUERY, 60_000, signal());
    first.abort();
    expect(await waiting).toEqual({ ok: false, reason: 'aborted' });
    expect(seen?.aborted).toBe(false);
    release?.();
    expect((await second).ok).toBe(true);
  });

  it('does not call a server absent for a request the page gave up on', async () => {
    const { fetch } = fakeFetch(unreachable);
    const client = createHistoryClient({ fetch, now: () => NOW });
    const controller = new AbortController();
    controller.abort();
    await client.quantity('temperature', '1h', QUERY, 60_000, controller.signal);
    expect(client.presence()).toBe('unknown');
  });

  it('asks one series by native id, convention and metric', async () => {
    const one = batch().series[0];
    const { fetch, asked } = fakeFetch(json(one));
    const client = createHistoryClient({ fetch, now: () => NOW });
    const result = await client.series(
      { nativeId: 'kitchen & co', convention: 'generic', metric: 'temperature' },
      { ...QUERY, points: 5000 },
      signal(),
    );
    expect(result.ok).toBe(true);
    expect(asked[0]).toBe(
      `/api/history?device=kitchen+%26+co&convention=generic&metric=temperature&from=${QUERY.fromMs}&to=${NOW}&points=5000`,
    );
  });

  it('tells its listeners when it learns the server is there', async () => {
    const { fetch } = fakeFetch(json(batch()));
    const client = createHistoryClient({ fetch, now: () => NOW });
    const told: string[] = [];
    client.subscribe(() => told.push(client.presence()));
    client.probe();
    await flush();
    await flush();
    expect(told).toEqual(['present']);
  });
  it('asks again after a probe that came to nothing certain (a busy server), 2 s later', async () => {
    vi.useFakeTimers();
    try {
      const { fetch, asked } = fakeFetch(json({ nope: true }, 503), json(batch()));
      const client = createHistoryClient({ fetch, now: () => NOW });
      client.probe();
      await vi.advanceTimersByTimeAsync(0);
      expect(client.presence()).toBe('unknown');
      expect(asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1999);
      expect(asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(asked).toHaveLength(2);
      expect(client.presence()).toBe('present');
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks again once the server answered its device list, after a network error said absent', async () => {
    const { fetch, asked } = fakeFetch(unreachable, json(batch()));
    const client = createHistoryClient({ fetch, now: () => NOW });
    client.probe();
    await flush();
    await flush();
    expect(client.presence()).toBe('absent');
    client.serverAnswered();
    await flush();
    await flush();
    expect(asked).toHaveLength(2);
    expect(client.presence()).toBe('present');
  });
});
