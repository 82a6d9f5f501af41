import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AccountBook, openAccountBook } from './accountBook.ts';
import { type PersonAccount, saveAccounts } from './accountFile.ts';
import { createHttpGate } from './httpGate.ts';
import { hashPassword } from './passwordHash.ts';
import { SESSION_COOKIE_NAME } from './requestGuard.ts';
import { SESSION_IDLE_MS } from './sessions.ts';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const CREATED = '2026-01-15T12:00:00.000Z';

let kim: PersonAccount;
let dataDir: string;
let book: AccountBook;
let server: Server;
let base: string;
let nowMs: number;

beforeAll(async () => {
  kim = { name: 'kim', role: 'owner', hash: await hashPassword('kim password'), createdAt: CREATED };
});

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-gate-'));
  nowMs = T0;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await book.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A server with the gate in front of a stand-in for the static files and /api: each says what it served. */
async function startGated(accounts: PersonAccount[]): Promise<void> {
  if (accounts.length > 0) {
    const saved = await saveAccounts(dataDir, accounts);
    if (!saved.ok) throw new Error(saved.reason);
  }
  const opened = await openAccountBook(dataDir, { log: () => {} });
  if (!opened.ok) throw new Error(opened.reason);
  book = opened.book;
  const gate = createHttpGate(book, { secure: false, now: () => nowMs });
  server = createServer((request, response) => {
    const decision = gate(request, response);
    if (decision.kind === 'answered') return;
    const served = decision.kind === 'shell' ? 'shell' : `passed ${request.url}`;
    const who = decision.kind === 'pass' ? (decision.session?.account ?? 'nobody') : 'nobody';
    response.end(`${served} for ${who}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function signedInCookie(): string {
  const { token } = book.signIn(kim, 'session', '', nowMs);
  return `${SESSION_COOKIE_NAME}=${token}`;
}

const PAGE = { accept: 'text/html,application/xhtml+xml' };
const WRITE = { 'x-hearth-request': '1', 'content-type': 'application/json' };

describe('with no accounts', () => {
  it('lets every request through as before accounts existed', async () => {
    await startGated([]);
    const api = await fetch(`${base}/api/layout`, { method: 'PUT', body: '{}' });
    expect(await api.text()).toBe('passed /api/layout for nobody');
    const page = await fetch(`${base}/settings`, { headers: PAGE });
    expect(await page.text()).toBe('passed /settings for nobody');
  });
});

describe('with accounts', () => {
  it('refuses the API without a session with 401 JSON the app reads as "sign in"', async () => {
    await startGated([kim]);
    const response = await fetch(`${base}/api/devices`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: 'Sign in first: this needs a signed-in session.',
      accounts: true,
    });
  });

  it('serves the app shell for a page asked without a session', async () => {
    await startGated([kim]);
    const response = await fetch(`${base}/some/page?view=kitchen`, { headers: PAGE });
    expect(await response.text()).toBe('shell for nobody');
  });

  it('refuses a file that is not public without a session', async () => {
    await startGated([kim]);
    const response = await fetch(`${base}/data/history.csv`);
    expect(response.status).toBe(401);
  });

  it('serves the public shell, its assets and the login without a session', async () => {
    await startGated([kim]);
    for (const url of ['/', '/index.html', '/assets/index-a1b2c3.js', '/sw.js', '/manifest.webmanifest']) {
      expect(await (await fetch(`${base}${url}`)).text()).toBe(`passed ${url} for nobody`);
    }
    const login = await fetch(`${base}/api/login`, { method: 'POST', headers: WRITE, body: '{}' });
    expect(await login.text()).toBe('passed /api/login for nobody');
  });

  it('passes a signed-in request on with its session', async () => {
    await startGated([kim]);
    const response = await fetch(`${base}/api/devices`, { headers: { cookie: signedInCookie() } });
    expect(await response.text()).toBe('passed /api/devices for kim');
  });

  it('refuses an API write without Hearth’s header with 403 and the reason', async () => {
    await startGated([kim]);
    const response = await fetch(`${base}/api/layout`, {
      method: 'PUT',
      headers: { cookie: signedInCookie(), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toMatch(/X-Hearth-Request/);
  });

  it('refuses an API write from another site even with a live session', async () => {
    await startGated([kim]);
    const response = await fetch(`${base}/api/layout`, {
      method: 'PUT',
      headers: { cookie: signedInCookie(), ...WRITE, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toMatch(/another site/);
  });

  it('passes an API write from Hearth’s own page', async () => {
    await startGated([kim]);
    const response = await fetch(`${base}/api/layout`, {
      method: 'PUT',
      headers: { cookie: signedInCookie(), ...WRITE },
      body: '{}',
    });
    expect(await response.text()).toBe('passed /api/layout for kim');
  });

  it('refuses a session that sat idle too long', async () => {
    await startGated([kim]);
    const cookie = signedInCookie();
    nowMs += SESSION_IDLE_MS;
    const response = await fetch(`${base}/api/devices`, { headers: { cookie } });
    expect(response.status).toBe(401);
  });

  it('refuses a made-up token', async () => {
    await startGated([kim]);
    const response = await fetch(`${base}/api/devices`, {
      headers: { cookie: `${SESSION_COOKIE_NAME}=${'A'.repeat(43)}` },
    });
    expect(response.status).toBe(401);
  });
});
