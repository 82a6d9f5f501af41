import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBook } from './accountBook.ts';
import type { PersonAccount } from './accountFile.ts';
import { createHttpGate, isDevSourcePath, isOwnerWrite, OWNER_ONLY, routedPathnameOf } from './httpGate.ts';
import { hashPassword } from './passwordHash.ts';
import { SESSION_COOKIE_NAME } from './requestGuard.ts';
import { SESSION_IDLE_MS } from './sessions.ts';
import { listenLocally, openBookWith } from './testSupport.ts';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const CREATED = '2026-01-15T12:00:00.000Z';

let kim: PersonAccount;
let ann: PersonAccount;
let vic: PersonAccount;
let dataDir: string;
let book: AccountBook;
let server: Server;
let base: string;
let nowMs: number;

beforeAll(async () => {
  kim = { name: 'kim', role: 'owner', hash: await hashPassword('kim password'), createdAt: CREATED };
  ann = { ...kim, name: 'ann', role: 'control' };
  vic = { ...kim, name: 'vic', role: 'view' };
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
  book = await openBookWith(dataDir, accounts);
  const gate = createHttpGate(book, { secure: false, now: () => nowMs });
  server = createServer((request, response) => {
    const decision = gate(request, response);
    if (decision.kind === 'answered') return;
    const served = decision.kind === 'shell' ? 'shell' : `passed ${request.url}`;
    const who = decision.kind === 'pass' ? (decision.session?.account ?? 'nobody') : 'nobody';
    response.end(`${served} for ${who}`);
  });
  base = await listenLocally(server);
}

function signedInCookie(account: PersonAccount = kim): string {
  const { token } = book.signIn(account, 'session', '', nowMs);
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

describe('what each role may write', () => {
  const layoutChange = (cookie: string) =>
    fetch(`${base}/api/layout`, { method: 'POST', headers: { cookie, ...WRITE }, body: '{}' });

  it('lets an owner change the layout', async () => {
    await startGated([kim, ann]);
    expect(await (await layoutChange(signedInCookie(kim))).text()).toBe('passed /api/layout for kim');
  });

  it('refuses a layout change from a control or view account with 403 in words', async () => {
    await startGated([kim, ann, vic]);
    for (const account of [ann, vic]) {
      const response = await layoutChange(signedInCookie(account));
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'Only an owner can change rooms, names and views.' });
    }
  });

  it('refuses a layout change written with dot segments, as the routes would read it', async () => {
    await startGated([kim, ann]);
    // Sent as written: fetch would resolve the dots before sending.
    for (const url of ['/api/x/../layout', '/api/%2e%2e/api/layout', '/x/../api/layout']) {
      const response = await rawRequest(
        `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${signedInCookie(ann)}\r\n` +
          'X-Hearth-Request: 1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n' +
          'Connection: close\r\n\r\n{}',
      );
      expect(response).toMatch(/^HTTP\/1\.1 403 /);
      expect(response).toContain(OWNER_ONLY);
    }
  });

  it('refuses a request whose address does not parse', async () => {
    await startGated([kim]);
    const response = await rawRequest(`GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('lets every role read the layout', async () => {
    await startGated([kim, vic]);
    const response = await fetch(`${base}/api/layout`, { headers: { cookie: signedInCookie(vic) } });
    expect(await response.text()).toBe('passed /api/layout for vic');
  });

  it('lets every role sign out and remove its screens', async () => {
    await startGated([kim, vic]);
    const cookie = signedInCookie(vic);
    const logout = await fetch(`${base}/api/logout`, { method: 'POST', headers: { cookie, ...WRITE } });
    expect(await logout.text()).toBe('passed /api/logout for vic');
    const remove = await fetch(`${base}/api/screens/abc`, {
      method: 'DELETE',
      headers: { cookie: signedInCookie(vic), ...WRITE },
    });
    expect(await remove.text()).toBe('passed /api/screens/abc for vic');
  });

  it('counts every method but GET, HEAD and OPTIONS on the layout and below it as an owner’s write', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map((method) => isOwnerWrite(method, '/api/layout'))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(isOwnerWrite('POST', '/api/layout/events')).toBe(true);
    expect(['GET', 'HEAD', 'OPTIONS'].some((method) => isOwnerWrite(method, '/api/layout'))).toBe(false);
    expect(isOwnerWrite('POST', '/api/layouts')).toBe(false);
    expect(isOwnerWrite('POST', '/api/logout')).toBe(false);
    expect(isOwnerWrite('DELETE', '/api/screens/abc')).toBe(false);
  });
});

describe('the path the routes see', () => {
  it('resolves dot segments, encoded dots and backslashes as the routes parse them', () => {
    expect(routedPathnameOf('/api/x/../layout?from=1')).toBe('/api/layout');
    expect(routedPathnameOf('/api/%2E%2e/api/layout')).toBe('/api/layout');
    expect(routedPathnameOf('/api\\layout')).toBe('/api/layout');
    expect(routedPathnameOf('/api/%6cayout')).toBe('/api/%6cayout');
    expect(routedPathnameOf('//[')).toBeNull();
  });
});

/** Sends `text` as is (fetch would tidy the path) and answers the status line. */
function rawRequest(text: string): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('isDevSourcePath', () => {
  it('lets npm run dev serve the app’s modules to the sign-in page, and nothing else', () => {
    expect(isDevSourcePath('/src/main.tsx')).toBe(true);
    expect(isDevSourcePath('/@vite/client')).toBe(true);
    expect(isDevSourcePath('/node_modules/.vite/deps/react.js')).toBe(true);
    expect(isDevSourcePath('/api/devices')).toBe(false);
    expect(isDevSourcePath('/src/../api/devices')).toBe(false);
    expect(isDevSourcePath('/srcx/a.js')).toBe(false);
    expect(isDevSourcePath('/@fs/work/hearth/data/accounts.json')).toBe(false);
    expect(isDevSourcePath('/src/server/accounts/accountFile.ts')).toBe(false);
    expect(isDevSourcePath('/@id/__x00__virtual:pwa-register')).toBe(true);
    expect(isDevSourcePath('/src/%2e%2e/data/accounts.json')).toBe(false);
  });
});
