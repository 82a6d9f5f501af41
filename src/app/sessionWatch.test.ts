import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useHearthStore } from '../store/store';
import { SESSION_CHECK_MIN_MS, startSessionWatch } from './sessionWatch';

const store = useHearthStore;
const ANN = { kind: 'signed-in', name: 'ann', role: 'owner', via: 'session', label: '' } as const;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const signedOut = () => json({ error: 'Sign in first.', accounts: true }, 401);
const stillSignedIn = () => json({ name: 'ann', role: 'owner', kind: 'session', label: '' });

/** Lets the watch's question and its answer settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);
const refused = {
  kind: 'reconnecting',
  url: 'ws://hearth.local/mqtt',
  attempt: 1,
  nextAt: null,
  cause: '401',
} as const;

describe('the session watch', () => {
  let stop = () => {};
  beforeEach(() => {
    vi.useFakeTimers();
    store.setState({ account: ANN, sessionDoubts: 0, connection: { kind: 'connecting', url: '' } });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('sends the page back to sign-in when an API 401 is confirmed by the server', async () => {
    const fetcher = vi.fn(() => Promise.resolve(signedOut()));
    stop = startSessionWatch(fetcher);
    store.getState().doubtSession();
    await settle();
    expect(fetcher).toHaveBeenCalledWith('/api/session', expect.anything());
    expect(store.getState().account).toEqual({ kind: 'signed-out', why: 'ended' });
  });

  it('stays signed in when the server says the session is alive', async () => {
    const fetcher = vi.fn(() => Promise.resolve(stillSignedIn()));
    stop = startSessionWatch(fetcher);
    store.getState().doubtSession();
    await settle();
    expect(store.getState().account).toEqual(ANN);
  });

  it('asks when the broker’s WebSocket is refused, and ends a session the server no longer knows', async () => {
    const fetcher = vi.fn(() => Promise.resolve(signedOut()));
    stop = startSessionWatch(fetcher);
    store.setState({ connection: refused });
    await settle();
    expect(store.getState().account.kind).toBe('signed-out');
  });

  it('asks at most once per window however many hints come, so a refusing broker never loops', async () => {
    const fetcher = vi.fn(() => Promise.resolve(stillSignedIn()));
    stop = startSessionWatch(fetcher);
    for (let attempt = 1; attempt <= 10; attempt++) {
      store.setState({ connection: { ...refused, attempt } });
      store.getState().doubtSession();
      await settle();
    }
    expect(fetcher).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(SESSION_CHECK_MIN_MS);
    expect(fetcher).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(SESSION_CHECK_MIN_MS * 3);
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it('asks nothing of a standalone page, which has no Hearth to ask', async () => {
    const fetcher = vi.fn(() => Promise.resolve(signedOut()));
    store.setState({ account: { kind: 'standalone' } });
    stop = startSessionWatch(fetcher);
    store.getState().doubtSession();
    store.setState({ connection: refused });
    await settle();
    expect(fetcher).not.toHaveBeenCalled();
    expect(store.getState().account).toEqual({ kind: 'standalone' });
  });

  it('sends an open page to sign-in once its house has its first account', async () => {
    const fetcher = vi.fn(() => Promise.resolve(signedOut()));
    store.setState({ account: { kind: 'open' } });
    stop = startSessionWatch(fetcher);
    store.setState({ connection: refused });
    await settle();
    expect(store.getState().account).toEqual({ kind: 'signed-out', why: 'ended' });
  });

  it('leaves an open page alone while its house stays open', async () => {
    const fetcher = vi.fn(() => Promise.resolve(json({ open: true })));
    store.setState({ account: { kind: 'open' } });
    stop = startSessionWatch(fetcher);
    store.setState({ connection: refused });
    await settle();
    expect(store.getState().account).toEqual({ kind: 'open' });
  });

  it('does not end the session when the server cannot be reached', async () => {
    stop = startSessionWatch(() => Promise.reject(new TypeError('Failed to fetch')));
    store.setState({ connection: refused });
    await settle();
    expect(store.getState().account).toEqual(ANN);
  });

  it('starts afresh when another tab signed this browser in as someone else', async () => {
    const reload = vi.fn();
    const fetcher = vi.fn(() =>
      Promise.resolve(json({ name: 'bob', role: 'owner', kind: 'session', label: '' })),
    );
    stop = startSessionWatch(fetcher, Date.now, reload);
    store.getState().doubtSession();
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
