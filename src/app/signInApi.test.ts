import { describe, expect, it, vi } from 'vitest';
import {
  askSession,
  describeWait,
  isSignedOutAnswer,
  sessionMemory,
  signIn,
  signOut,
  watchSignOut,
} from './signInApi';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });

const answering = (response: Response) =>
  vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(response));
const FORM = { name: 'kim', password: 'kim password', keepSignedIn: false };

describe('askSession', () => {
  it('knows a signed-in browser by the server’s answer', async () => {
    expect(await askSession(answering(json({ name: 'kim', role: 'owner', kind: 'session' })))).toEqual({
      kind: 'signed-in',
      name: 'kim',
      role: 'owner',
      via: 'session',
      label: '',
    });
  });

  it('knows a screen kept signed in, with its label', async () => {
    const answer = json({ name: 'kim', role: 'view', kind: 'screen', label: 'Kitchen tablet' });
    expect(await askSession(answering(answer))).toMatchObject({ via: 'screen', label: 'Kitchen tablet' });
  });

  it('asks for sign-in when the server has accounts and no session', async () => {
    expect(await askSession(answering(json({ error: 'Sign in first.', accounts: true }, 401)))).toEqual({
      kind: 'signed-out',
    });
  });

  it('knows a server with no accounts as open', async () => {
    expect(await askSession(answering(json({ open: true })))).toEqual({ kind: 'open' });
  });

  it('starts as before accounts when no server answers the path (static hosting’s 404)', async () => {
    expect(await askSession(answering(new Response('Not found', { status: 404 })))).toEqual({
      kind: 'standalone',
    });
  });

  it('starts as before accounts when static hosting answers with the app’s own page', async () => {
    const page = new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } });
    expect(await askSession(answering(page))).toEqual({ kind: 'standalone' });
  });

  it('calls a failed network unreachable, not "no server": a Hearth may be restarting', async () => {
    expect(await askSession(() => Promise.reject(new TypeError('Failed to fetch')))).toEqual({
      kind: 'unreachable',
    });
  });

  it('calls a server error unreachable too', async () => {
    expect(await askSession(answering(json({ error: 'starting' }, 503)))).toEqual({ kind: 'unreachable' });
  });
});

describe('sessionMemory', () => {
  function memoryStorage() {
    const items = new Map<string, string>();
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    };
  }

  it('remembers that the server had accounts, and forgets it when it has none', () => {
    const storage = memoryStorage();
    expect(sessionMemory.knewAccounts(storage)).toBe(false);
    sessionMemory.remember({ kind: 'signed-out' }, storage);
    expect(sessionMemory.knewAccounts(storage)).toBe(true);
    sessionMemory.remember({ kind: 'unreachable' }, storage);
    expect(sessionMemory.knewAccounts(storage)).toBe(true);
    sessionMemory.remember({ kind: 'open' }, storage);
    expect(sessionMemory.knewAccounts(storage)).toBe(false);
  });
});

describe('signIn', () => {
  it('sends the form as JSON with Hearth’s request header', async () => {
    const fetcher = answering(json({ name: 'kim', role: 'owner' }));
    expect(await signIn(fetcher, FORM)).toEqual({ ok: true, name: 'kim', role: 'owner' });
    const init = fetcher.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ 'X-Hearth-Request': '1' });
    expect(JSON.parse(String(init?.body))).toEqual(FORM);
  });

  it('sends the screen’s label only when the screen is to stay signed in', async () => {
    const fetcher = answering(json({ name: 'kim', role: 'owner' }));
    await signIn(fetcher, { ...FORM, keepSignedIn: true, screenLabel: 'Kitchen tablet' });
    await signIn(fetcher, { ...FORM, screenLabel: 'Kitchen tablet' });
    const bodies = fetcher.mock.calls.map((call) => JSON.parse(String(call[1]?.body)));
    expect(bodies[0]).toMatchObject({ keepSignedIn: true, screenLabel: 'Kitchen tablet' });
    expect(bodies[1]).not.toHaveProperty('screenLabel');
  });

  it('gives the server’s words for a wrong password', async () => {
    const refused = json({ error: 'The name or the password is wrong.' }, 401);
    expect(await signIn(answering(refused), FORM)).toEqual({
      ok: false,
      reason: 'The name or the password is wrong.',
    });
  });

  it('gives the server’s words, wait included, when throttled', async () => {
    const reason = 'Too many wrong passwords: wait 4 seconds and try again.';
    const throttled = json({ error: reason }, 429, { 'Retry-After': '4' });
    expect(await signIn(answering(throttled), FORM)).toEqual({ ok: false, reason });
  });

  it('says how long to wait from Retry-After when the server gave no words', async () => {
    const throttled = new Response('', { status: 429, headers: { 'Retry-After': '90' } });
    expect(await signIn(answering(throttled), FORM)).toEqual({
      ok: false,
      reason: 'Too many failed sign-ins. Try again in 2 minutes.',
    });
  });

  it('says the server cannot be reached when the network fails', async () => {
    const answer = await signIn(() => Promise.reject(new TypeError('Failed to fetch')), FORM);
    expect(answer).toEqual({
      ok: false,
      reason: 'Hearth cannot be reached (Failed to fetch); check the network and try again.',
    });
  });
});

describe('signOut', () => {
  it('posts with Hearth’s request header', async () => {
    const fetcher = answering(json({ ok: true }));
    expect(await signOut(fetcher)).toEqual({ ok: true });
    expect(fetcher.mock.calls[0]?.[0]).toBe('/api/logout');
    expect(fetcher.mock.calls[0]?.[1]).toMatchObject({
      method: 'POST',
      headers: { 'X-Hearth-Request': '1' },
    });
  });

  it('counts a session that had already ended as signed out', async () => {
    expect(await signOut(answering(json({ error: 'Sign in first.', accounts: true }, 401)))).toEqual({
      ok: true,
    });
  });

  it('says why it could not sign out', async () => {
    expect(await signOut(answering(json({ error: 'Busy.' }, 503)))).toEqual({ ok: false, reason: 'Busy.' });
  });
});

describe('describeWait', () => {
  it('counts seconds under a minute and minutes above', () => {
    expect([describeWait(1), describeWait(45), describeWait(60), describeWait(61)]).toEqual([
      '1 second',
      '45 seconds',
      '1 minute',
      '2 minutes',
    ]);
  });
});

describe('isSignedOutAnswer', () => {
  it('knows the server’s 401 for a session that ended', async () => {
    expect(await isSignedOutAnswer(json({ error: 'Sign in first.', accounts: true }, 401))).toBe(true);
  });

  it('does not take another 401 or a refusal for a sign-out', async () => {
    expect(await isSignedOutAnswer(json({ error: 'no' }, 401))).toBe(false);
    expect(await isSignedOutAnswer(json({ error: 'no', accounts: true }, 403))).toBe(false);
  });
});

describe('watchSignOut', () => {
  it('goes back to sign-in when an answer says the session ended, and passes the answer on', async () => {
    const onSignedOut = vi.fn();
    const fetcher = watchSignOut(
      answering(json({ error: 'Sign in first.', accounts: true }, 401)),
      onSignedOut,
    );
    expect((await fetcher('/api/layout')).status).toBe(401);
    expect(onSignedOut).toHaveBeenCalledOnce();
  });

  it('stays put on other answers', async () => {
    const onSignedOut = vi.fn();
    await watchSignOut(answering(json({ version: 1 })), onSignedOut)('/api/layout');
    expect(onSignedOut).not.toHaveBeenCalled();
  });
});
