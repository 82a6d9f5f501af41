import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBook } from './accountBook.ts';
import type { PersonAccount } from './accountFile.ts';
import {
  createAccountRoutes,
  maySignOut,
  parseLimit,
  type ScreenEntry,
  screensFor,
} from './accountRoutes.ts';
import { type ControlActionInput, type ControlLog, createControlLog } from './controlLog.ts';
import { createHttpGate } from './httpGate.ts';
import { hashPassword } from './passwordHash.ts';
import { SESSION_COOKIE_NAME } from './requestGuard.ts';
import { loadScreens } from './screenFile.ts';
import type { Session } from './sessions.ts';
import { createSignInRoutes } from './signInRoutes.ts';
import { listenLocally, openBookWith } from './testSupport.ts';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const CREATED = '2026-01-15T12:00:00.000Z';

let kim: PersonAccount;
let ann: PersonAccount;
let vic: PersonAccount;
let dataDir: string;
let book: AccountBook;
let controlLog: ControlLog;
let server: Server;
let base: string;
let nowMs: number;

beforeAll(async () => {
  const hash = await hashPassword('a password');
  kim = { name: 'kim', role: 'owner', hash, createdAt: CREATED };
  ann = { name: 'ann', role: 'control', hash, createdAt: CREATED };
  vic = { name: 'vic', role: 'view', hash, createdAt: CREATED };
});

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-account-routes-'));
  nowMs = T0;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await book.close();
  await controlLog.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The gate, the sign-in routes and the account routes on a real server, as main.ts puts them. */
async function startServer(accounts: PersonAccount[]): Promise<void> {
  book = await openBookWith(dataDir, accounts);
  controlLog = await createControlLog(dataDir, { log: () => {}, now: () => nowMs });
  const now = () => nowMs;
  const gate = createHttpGate(book, { secure: false, now });
  const signIn = createSignInRoutes(book, { secure: false, now });
  const accountRoutes = createAccountRoutes(book, controlLog, { now });
  server = createServer((request, response) => {
    const decision = gate(request, response);
    if (decision.kind !== 'pass') return void (decision.kind === 'shell' && response.end('shell'));
    if (signIn(request, response, decision.session)) return;
    if (!accountRoutes(request, response, decision.session)) response.end(`passed ${request.url}`);
  });
  base = await listenLocally(server);
}

/** Signs `account` in straight through the book: the cookie a browser would send, and the id. */
function signedIn(account: PersonAccount, label = ''): { cookie: string; id: string } {
  const { token, id } = book.signIn(account, label === '' ? 'session' : 'screen', label, nowMs);
  return { cookie: `${SESSION_COOKIE_NAME}=${token}`, id };
}

const WRITE = { 'x-hearth-request': '1' };

async function screensOf(cookie: string): Promise<ScreenEntry[]> {
  const response = await fetch(`${base}/api/screens`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { screens: ScreenEntry[] }).screens;
}

function remove(id: string, cookie: string): Promise<Response> {
  return fetch(`${base}/api/screens/${id}`, { method: 'DELETE', headers: { cookie, ...WRITE } });
}

function switched(account: string | null, payload: string): ControlActionInput {
  return {
    account,
    role: account === null ? null : 'control',
    screen: '',
    kind: account === null ? 'open' : 'session',
    topic: 'cmnd/kitchen-plug/POWER',
    payload: Buffer.from(payload),
    retained: false,
  };
}

describe('listing sessions and screens', () => {
  it('shows an owner every session and screen, marking the owner’s own as current', async () => {
    await startServer([kim, ann]);
    const owner = signedIn(kim);
    nowMs += 1000;
    const tablet = signedIn(ann, 'Kitchen tablet');
    const screens = await screensOf(owner.cookie);
    expect(screens).toEqual([
      {
        id: owner.id,
        account: 'kim',
        role: 'owner',
        kind: 'session',
        label: '',
        createdAt: T0,
        lastSeenAt: T0 + 1000,
        current: true,
      },
      {
        id: tablet.id,
        account: 'ann',
        role: 'control',
        kind: 'screen',
        label: 'Kitchen tablet',
        createdAt: T0 + 1000,
        lastSeenAt: T0 + 1000,
        current: false,
      },
    ]);
  });

  it('shows anyone else only their own account’s', async () => {
    await startServer([kim, ann, vic]);
    signedIn(kim);
    const browser = signedIn(ann);
    const tablet = signedIn(ann, 'Hall tablet');
    signedIn(vic);
    const screens = await screensOf(browser.cookie);
    expect(screens.map((screen) => [screen.id, screen.current])).toEqual([
      [browser.id, true],
      [tablet.id, false],
    ]);
  });

  it('says the house is open and lists nothing when it has no accounts', async () => {
    await startServer([]);
    expect(await (await fetch(`${base}/api/screens`)).json()).toEqual({ screens: [], open: true });
  });

  it('answers GET only, saying so in Allow', async () => {
    await startServer([kim]);
    const response = await fetch(`${base}/api/screens`, {
      method: 'POST',
      headers: { cookie: signedIn(kim).cookie, ...WRITE },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});

describe('signing out a session or screen', () => {
  it('signs out one’s own other screen and saves the kept screens without it', async () => {
    await startServer([kim, ann]);
    const browser = signedIn(ann);
    const tablet = signedIn(ann, 'Kitchen tablet');
    const response = await remove(tablet.id, browser.cookie);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect((await screensOf(browser.cookie)).map((screen) => screen.id)).toEqual([browser.id]);
    expect((await fetch(`${base}/api/session`, { headers: { cookie: tablet.cookie } })).status).toBe(401);
    await book.close(); // waits for the save
    const saved = await loadScreens(dataDir);
    expect(saved.ok && (saved.data as { screens: unknown[] }).screens).toEqual([]);
  });

  it('refuses a control account signing out another account’s screen with 403', async () => {
    await startServer([kim, ann]);
    const owners = signedIn(kim, 'Office screen');
    const response = await remove(owners.id, signedIn(ann).cookie);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: 'Only an owner can sign out another account’s sessions and screens.',
    });
    expect((await fetch(`${base}/api/session`, { headers: { cookie: owners.cookie } })).status).toBe(200);
  });

  it('lets an owner sign out anyone', async () => {
    await startServer([kim, vic]);
    const viewer = signedIn(vic, 'Hall tablet');
    expect((await remove(viewer.id, signedIn(kim).cookie)).status).toBe(200);
    expect((await fetch(`${base}/api/session`, { headers: { cookie: viewer.cookie } })).status).toBe(401);
  });

  it('answers 404 in words for an id that is not signed in', async () => {
    await startServer([kim]);
    const response = await remove('no-such-id', signedIn(kim).cookie);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/not signed in/);
  });

  it('clears this browser’s cookie when it signs out its own session', async () => {
    await startServer([vic]);
    const own = signedIn(vic);
    const response = await remove(own.id, own.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await fetch(`${base}/api/session`, { headers: { cookie: own.cookie } })).status).toBe(401);
  });

  it('answers DELETE only, saying so in Allow', async () => {
    await startServer([kim]);
    const own = signedIn(kim);
    const response = await fetch(`${base}/api/screens/${own.id}`, { headers: { cookie: own.cookie } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('DELETE');
  });
});

describe('the control log', () => {
  it('answers the newest actions first, to a view account too', async () => {
    await startServer([kim, vic]);
    controlLog.record(switched('ann', 'ON'));
    nowMs += 1000;
    controlLog.record(switched('ann', 'OFF'));
    const response = await fetch(`${base}/api/control-log`, { headers: { cookie: signedIn(vic).cookie } });
    expect(response.status).toBe(200);
    const { actions } = (await response.json()) as { actions: Array<{ payload: string; at: number }> };
    expect(actions.map((action) => [action.payload, action.at])).toEqual([
      ['OFF', T0 + 1000],
      ['ON', T0],
    ]);
  });

  it('answers at most `limit` actions, 200 when not asked', async () => {
    await startServer([kim]);
    for (let step = 0; step < 250; step++) controlLog.record(switched('ann', String(step)));
    const cookie = signedIn(kim).cookie;
    const all = (await (await fetch(`${base}/api/control-log`, { headers: { cookie } })).json()) as {
      actions: unknown[];
    };
    expect(all.actions).toHaveLength(200);
    const two = (await (await fetch(`${base}/api/control-log?limit=2`, { headers: { cookie } })).json()) as {
      actions: Array<{ payload: string }>;
    };
    expect(two.actions.map((action) => action.payload)).toEqual(['249', '248']);
  });

  it('refuses a limit out of range with 400 in words', async () => {
    await startServer([kim]);
    const cookie = signedIn(kim).cookie;
    for (const limit of ['0', '1001', 'ten', '-1', '']) {
      const response = await fetch(`${base}/api/control-log?limit=${limit}`, { headers: { cookie } });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'limit must be a whole number from 1 to 1000.' });
    }
  });

  it('answers everyone in an open house', async () => {
    await startServer([]);
    controlLog.record(switched(null, 'ON'));
    const body = (await (await fetch(`${base}/api/control-log`)).json()) as {
      actions: Array<{ account: string | null; kind: string }>;
    };
    expect(body.actions).toMatchObject([{ account: null, kind: 'open' }]);
  });

  it('asks for a session with accounts', async () => {
    await startServer([kim]);
    expect((await fetch(`${base}/api/control-log`)).status).toBe(401);
  });
});

describe('who sees and signs out what', () => {
  const session = (id: string, account: string, role: Session['role']): Session => ({
    id,
    account,
    role,
    kind: 'session',
    label: '',
    createdAt: T0,
    lastSeenAt: T0,
  });
  const kims = session('k', 'kim', 'owner');
  const anns = session('a', 'ann', 'control');
  const annsTablet = { ...session('t', 'Ann', 'control'), kind: 'screen' as const, label: 'Hall' };

  it('gives an owner every session, anyone else their own account’s whatever the name’s case', () => {
    expect(screensFor([kims, anns, annsTablet], kims).map((entry) => entry.id)).toEqual(['k', 'a', 't']);
    expect(screensFor([kims, anns, annsTablet], anns).map((entry) => entry.id)).toEqual(['a', 't']);
  });

  it('lets an owner sign out anyone, others only their own account', () => {
    expect(maySignOut(kims, anns)).toBe(true);
    expect(maySignOut(anns, annsTablet)).toBe(true);
    expect(maySignOut(anns, kims)).toBe(false);
  });

  it('reads the limit as a whole number from 1 to 1000, 200 when absent', () => {
    expect(parseLimit(null)).toEqual({ ok: true, value: 200 });
    expect(parseLimit('1')).toEqual({ ok: true, value: 1 });
    expect(parseLimit('1000')).toEqual({ ok: true, value: 1000 });
    expect(parseLimit('1e3').ok).toBe(false);
    expect(parseLimit('2.5').ok).toBe(false);
  });
});
