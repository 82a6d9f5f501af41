import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBook } from './accountBook.ts';
import type { Account, PersonAccount } from './accountFile.ts';
import { createHttpGate } from './httpGate.ts';
import { hashPassword } from './passwordHash.ts';
import { SCREEN_COOKIE_MAX_AGE_SEC } from './requestGuard.ts';
import { createSignInRoutes, parseLoginRequest } from './signInRoutes.ts';
import { listenLocally, openBookWith } from './testSupport.ts';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const CREATED = '2026-01-15T12:00:00.000Z';

let kim: PersonAccount;
let plug: Account;
let dataDir: string;
let book: AccountBook;
let server: Server;
let base: string;
let secure: boolean;

beforeAll(async () => {
  kim = { name: 'kim', role: 'control', hash: await hashPassword('kim password'), createdAt: CREATED };
  plug = { name: 'plug-1', role: 'device', hash: kim.hash, createdAt: CREATED, prefixes: ['plug-1/'] };
});

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-signin-'));
  secure = false;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await book.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The gate and the sign-in routes on a real server, as main.ts puts them. */
async function startServer(accounts: Account[]): Promise<void> {
  book = await openBookWith(dataDir, accounts);
  const now = () => T0;
  const gate = createHttpGate(book, { secure, now });
  const routes = createSignInRoutes(book, { secure, now });
  server = createServer((request, response) => {
    const decision = gate(request, response);
    if (decision.kind !== 'pass') return void (decision.kind === 'shell' && response.end('shell'));
    if (!routes(request, response, decision.session)) response.end(`passed ${request.url}`);
  });
  base = await listenLocally(server);
}

const WRITE = { 'x-hearth-request': '1', 'content-type': 'application/json' };

function login(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { ...WRITE, ...headers },
    body: JSON.stringify(body),
  });
}

/** `name=value` of the Set-Cookie, as a browser sends it back. */
function cookieOf(response: Response): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('signing in', () => {
  it('answers name and role and sets an HttpOnly SameSite=Strict session cookie without Max-Age', async () => {
    await startServer([kim]);
    const response = await login({ name: 'kim', password: 'kim password' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: 'kim', role: 'control' });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^hearth_session=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict$/);
  });

  it('keeps a screen signed in with a long-lived cookie', async () => {
    await startServer([kim]);
    const response = await login({
      name: 'kim',
      password: 'kim password',
      keepSignedIn: true,
      screenLabel: 'Kitchen tablet',
    });
    expect(response.headers.get('set-cookie')).toContain(`Max-Age=${SCREEN_COOKIE_MAX_AGE_SEC}`);
    expect(book.sessions.list(T0)).toMatchObject([
      { kind: 'screen', label: 'Kitchen tablet', account: 'kim' },
    ]);
  });

  it('marks the cookie Secure under TLS', async () => {
    secure = true;
    await startServer([kim]);
    const response = await login({ name: 'kim', password: 'kim password' });
    expect(response.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('refuses a wrong password with 401 in words and no cookie', async () => {
    await startServer([kim]);
    const response = await login({ name: 'kim', password: 'guess' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'The name or the password is wrong.' });
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('answers 429 with Retry-After once failures are throttled', async () => {
    await startServer([kim]);
    for (let failure = 0; failure < 3; failure += 1) await login({ name: 'kim', password: 'guess' });
    const response = await login({ name: 'kim', password: 'kim password' });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await response.json()) as { error: string }).error).toMatch(/\S/);
  });

  it('refuses a device account: devices sign in to the broker', async () => {
    await startServer([kim, plug]);
    const response = await login({ name: 'plug-1', password: 'kim password' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toBe(
      'plug-1 is a device account: it signs in to the broker, not to the dashboard.',
    );
  });

  it('refuses a sign-in without Hearth’s header (another site’s form)', async () => {
    await startServer([kim]);
    const response = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'kim', password: 'kim password' }),
    });
    expect(response.status).toBe(403);
  });

  it('says what is missing from a request it cannot read', async () => {
    await startServer([kim]);
    const response = await login({ name: 'kim' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Enter your password.' });
  });

  it('has nothing to sign in to when the house has no accounts', async () => {
    await startServer([]);
    const response = await login({ name: 'kim', password: 'kim password' });
    expect(response.status).toBe(409);
  });
});

describe('the session', () => {
  it('says who is signed in', async () => {
    await startServer([kim]);
    const cookie = cookieOf(await login({ name: 'kim', password: 'kim password' }));
    const response = await fetch(`${base}/api/session`, { headers: { cookie } });
    expect(await response.json()).toEqual({ name: 'kim', role: 'control', kind: 'session', label: '' });
  });

  it('names a kept screen by its label, so settings can show "this screen"', async () => {
    await startServer([kim]);
    const cookie = cookieOf(
      await login({ name: 'kim', password: 'kim password', keepSignedIn: true, screenLabel: 'Hall tablet' }),
    );
    const response = await fetch(`${base}/api/session`, { headers: { cookie } });
    expect(await response.json()).toEqual({
      name: 'kim',
      role: 'control',
      kind: 'screen',
      label: 'Hall tablet',
    });
  });

  it('answers 401 with accounts: true when nobody is signed in', async () => {
    await startServer([kim]);
    const response = await fetch(`${base}/api/session`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ accounts: true });
  });

  it('says the house is open when it has no accounts', async () => {
    await startServer([]);
    expect(await (await fetch(`${base}/api/session`)).json()).toEqual({ open: true });
  });
});

describe('signing out', () => {
  it('ends the session and clears the cookie', async () => {
    await startServer([kim]);
    const cookie = cookieOf(await login({ name: 'kim', password: 'kim password' }));
    const response = await fetch(`${base}/api/logout`, { method: 'POST', headers: { ...WRITE, cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await fetch(`${base}/api/session`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('reading the sign-in request', () => {
  it('takes keepSignedIn and a screen label, trimmed', () => {
    expect(
      parseLoginRequest('{"name":" kim ","password":"p w","keepSignedIn":true,"screenLabel":" Hall "}'),
    ).toEqual({ ok: true, login: { name: 'kim', password: 'p w', keepSignedIn: true, screenLabel: 'Hall' } });
  });

  it('refuses a body that is not JSON', () => {
    expect(parseLoginRequest('name=kim')).toEqual({
      ok: false,
      reason: 'The sign-in request is not JSON; reload the page.',
    });
  });

  it('refuses a keepSignedIn that is not true or false', () => {
    expect(parseLoginRequest('{"name":"kim","password":"x","keepSignedIn":"yes"}').ok).toBe(false);
  });
});
