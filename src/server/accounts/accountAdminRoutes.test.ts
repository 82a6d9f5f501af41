import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_BODY_MAX_BYTES, createAccountAdminRoutes } from './accountAdminRoutes.ts';
import type { AccountBook } from './accountBook.ts';
import {
  type Account,
  type DeviceAccount,
  loadAccounts,
  type PersonAccount,
  saveAccounts,
} from './accountFile.ts';
import { createHttpGate } from './httpGate.ts';
import { hashPassword, verifyPassword } from './passwordHash.ts';
import { SESSION_COOKIE_NAME } from './requestGuard.ts';
import { createSignInRoutes } from './signInRoutes.ts';
import { listenLocally, openBookWith } from './testSupport.ts';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const CREATED = '2026-01-15T12:00:00.000Z';
const PASSWORD = 'a password';
/** The book reloads 100 ms after the file changes; a loaded machine may take longer. */
const RELOADED = { timeout: 5000 };

let kim: PersonAccount;
let olga: PersonAccount;
let ann: PersonAccount;
let vic: PersonAccount;
let plug: DeviceAccount;
let dataDir: string;
let book: AccountBook;
let server: Server;
let base: string;
let nowMs: number;
let logged: string[];

beforeAll(async () => {
  const hash = await hashPassword(PASSWORD);
  kim = { name: 'kim', role: 'owner', hash, createdAt: CREATED };
  olga = { name: 'olga', role: 'owner', hash, createdAt: CREATED };
  ann = { name: 'ann', role: 'control', hash, createdAt: CREATED };
  vic = { name: 'vic', role: 'view', hash, createdAt: CREATED };
  plug = { name: 'plug', role: 'device', hash, createdAt: CREATED, prefixes: ['tele/plug/', 'cmnd/plug/'] };
});

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-account-admin-'));
  nowMs = T0;
  logged = [];
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await book.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The gate, the sign-in routes and the account admin routes on a real server, as main.ts puts them. */
async function startServer(accounts: Account[]): Promise<void> {
  book = await openBookWith(dataDir, accounts);
  const now = () => nowMs;
  const gate = createHttpGate(book, { secure: false, now });
  const signIn = createSignInRoutes(book, { secure: false, now });
  const admin = createAccountAdminRoutes(book, { dataDir, now, log: (line) => logged.push(line) });
  server = createServer((request, response) => {
    const decision = gate(request, response);
    if (decision.kind !== 'pass') return void (decision.kind === 'shell' && response.end('shell'));
    if (signIn(request, response, decision.session)) return;
    if (!admin(request, response, decision.session)) response.end(`passed ${request.url}`);
  });
  base = await listenLocally(server);
}

async function writeAccounts(accounts: Account[]): Promise<void> {
  const saved = await saveAccounts(dataDir, accounts);
  if (!saved.ok) throw new Error(saved.reason);
}

async function accountsOnDisk(): Promise<Account[]> {
  const read = await loadAccounts(dataDir);
  if (!read.ok) throw new Error(read.reason);
  return read.accounts;
}

/** The cookie of a session started straight through the book, as a browser would send it. */
function cookieOf(account: PersonAccount): string {
  return `${SESSION_COOKIE_NAME}=${book.signIn(account, 'session', '', nowMs).token}`;
}

function call(
  method: string,
  address: string,
  cookie: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<Response> {
  return fetch(`${base}${address}`, {
    method,
    headers: {
      cookie,
      'x-hearth-request': '1',
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

async function errorOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: string }).error;
}

/** Whether `cookie`'s session is still signed in (the book's reload signs changed accounts out). */
async function sessionStatus(cookie: string): Promise<number> {
  return (await fetch(`${base}/api/session`, { headers: { cookie } })).status;
}

describe('listing accounts', () => {
  it('shows an owner every account with its role, a device’s prefixes and when it was added, never a hash', async () => {
    await startServer([kim, ann, plug]);
    const response = await call('GET', '/api/accounts', cookieOf(kim));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('scrypt');
    expect(JSON.parse(text)).toEqual({
      accounts: [
        { name: 'kim', role: 'owner', createdAt: CREATED },
        { name: 'ann', role: 'control', createdAt: CREATED },
        { name: 'plug', role: 'device', prefixes: ['tele/plug/', 'cmnd/plug/'], createdAt: CREATED },
      ],
    });
  });

  it('refuses a control or view account with 403 in words', async () => {
    await startServer([kim, ann, vic]);
    for (const person of [ann, vic]) {
      const response = await call('GET', '/api/accounts', cookieOf(person));
      expect(response.status).toBe(403);
      expect(await errorOf(response)).toBe('Only an owner can manage accounts.');
    }
  });

  it('says a house without accounts has nobody to manage, and how to add the first owner', async () => {
    await startServer([]);
    const response = await fetch(`${base}/api/accounts`);
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toContain('npm run user -- add NAME --role owner');
  });

  it('asks for a session first', async () => {
    await startServer([kim]);
    expect((await fetch(`${base}/api/accounts`)).status).toBe(401);
  });
});

describe('adding an account', () => {
  it('adds a view account that can then sign in, and logs who added it without the password', async () => {
    await startServer([kim]);
    const response = await call('POST', '/api/accounts', cookieOf(kim), {
      name: 'vera',
      role: 'view',
      password: 'vera’s password',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ name: 'vera', role: 'view' });
    const vera = (await accountsOnDisk()).find((account) => account.name === 'vera');
    expect(vera).toMatchObject({ role: 'view', createdAt: new Date(T0).toISOString() });
    expect(await verifyPassword('vera’s password', vera?.hash ?? '')).toBe(true);
    expect(logged).toEqual(['Account vera (view) added by kim.']);
    // The book's watch reloads the file (asked once then: each failed sign-in would count against the address).
    await vi.waitFor(() => expect(book.count()).toBe(2), RELOADED);
    const login = await call('POST', '/api/login', '', { name: 'vera', password: 'vera’s password' });
    expect(login.status).toBe(200);
  });

  it('adds a device with its prefixes, each closed with a slash', async () => {
    await startServer([kim]);
    const response = await call('POST', '/api/accounts', cookieOf(kim), {
      name: 'plug2',
      role: 'device',
      password: 'plug2 password',
      prefixes: ['tele/plug2', ' stat/plug2/ '],
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      name: 'plug2',
      role: 'device',
      prefixes: ['tele/plug2/', 'stat/plug2/'],
    });
  });

  it('gives a device with no prefix its name as one', async () => {
    await startServer([kim]);
    const response = await call('POST', '/api/accounts', cookieOf(kim), {
      name: 'sensor',
      role: 'device',
      password: 'sensor password',
    });
    expect(await response.json()).toEqual({ name: 'sensor', role: 'device', prefixes: ['sensor/'] });
  });

  it('refuses a bad name, a short password and a bad prefix with 400 in the rules’ words', async () => {
    await startServer([kim]);
    const cookie = cookieOf(kim);
    const cases = [
      [{ name: 'vera lynn', role: 'view', password: PASSWORD }, /may hold only letters A-Z/],
      [{ name: 'vera', role: 'view', password: 'short' }, /choose one of at least 8/],
      [{ name: 'plug2', role: 'device', password: PASSWORD, prefixes: ['tele/#'] }, /wildcards/],
      [{ name: 'vera', role: 'view', password: PASSWORD, prefixes: ['x/'] }, /for device accounts/],
      [{ name: 'vera', role: 'admin', password: PASSWORD }, /owner, control, view, device/],
    ] as const;
    for (const [body, words] of cases) {
      const response = await call('POST', '/api/accounts', cookie, body);
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatch(words);
    }
    expect((await accountsOnDisk()).map((account) => account.name)).toEqual(['kim']);
    expect(logged).toEqual([]);
  });

  it('refuses a name already taken, whatever its case, with 409', async () => {
    await startServer([kim, ann]);
    const response = await call('POST', '/api/accounts', cookieOf(kim), {
      name: 'ANN',
      role: 'view',
      password: PASSWORD,
    });
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toBe("There is already an account 'ann' (control); choose another name.");
  });

  it('refuses a control account with 403, adding nothing', async () => {
    await startServer([kim, ann]);
    const response = await call('POST', '/api/accounts', cookieOf(ann), {
      name: 'vera',
      role: 'owner',
      password: PASSWORD,
    });
    expect(response.status).toBe(403);
    expect((await accountsOnDisk()).map((account) => account.name)).toEqual(['kim', 'ann']);
  });

  it('keeps an account the command line added meanwhile', async () => {
    await startServer([kim]);
    await writeAccounts([kim, vic]); // as `npm run user -- add vic` would, after the server started
    const response = await call('POST', '/api/accounts', cookieOf(kim), {
      name: 'vera',
      role: 'view',
      password: PASSWORD,
    });
    expect(response.status).toBe(201);
    expect((await accountsOnDisk()).map((account) => account.name)).toEqual(['kim', 'vic', 'vera']);
  });

  it('makes changes sent at once one after the other, losing none', async () => {
    const viewers = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'].map((name) => ({ ...vic, name }));
    await startServer([kim, ...viewers]);
    const cookie = cookieOf(kim);
    const responses = await Promise.all([
      ...viewers.map((viewer) => call('DELETE', `/api/accounts/${viewer.name}`, cookie)),
      call('POST', '/api/accounts', cookie, { name: 'vera', role: 'view', password: PASSWORD }),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200, 201]);
    expect((await accountsOnDisk()).map((account) => account.name)).toEqual(['kim', 'vera']);
  });

  it('answers 415 to a body that is not JSON, 413 past 4 KiB and 400 to JSON it cannot read', async () => {
    await startServer([kim]);
    const cookie = cookieOf(kim);
    const form = await call(
      'POST',
      '/api/accounts',
      cookie,
      'name=vera',
      'application/x-www-form-urlencoded',
    );
    expect(form.status).toBe(415);
    const large = await call('POST', '/api/accounts', cookie, {
      name: 'vera',
      role: 'view',
      password: 'x'.repeat(ACCOUNT_BODY_MAX_BYTES),
    });
    expect(large.status).toBe(413);
    const broken = await call('POST', '/api/accounts', cookie, '{"name": "vera", "password": "hunter22');
    expect(broken.status).toBe(400);
    expect(await errorOf(broken)).not.toContain('hunter22');
  });

  it('answers 413 to a body larger than it said, as it streams', async () => {
    await startServer([kim]);
    const cookie = cookieOf(kim);
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL('/api/accounts', base);
      const sent = httpRequest(
        url,
        {
          method: 'POST',
          headers: { cookie, 'x-hearth-request': '1', 'content-type': 'application/json' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      sent.on('error', reject);
      // Chunked: no Content-Length to refuse it by.
      sent.write(`{"name":"vera","password":"${'x'.repeat(ACCOUNT_BODY_MAX_BYTES)}`);
    });
    expect(status).toBe(413);
  });
});

describe('removing an account', () => {
  it('removes it, signs its sessions out and logs who removed it', async () => {
    await startServer([kim, vic]);
    const viewer = cookieOf(vic);
    const response = await call('DELETE', '/api/accounts/vic', cookieOf(kim));
    expect(response.status).toBe(200);
    expect((await accountsOnDisk()).map((account) => account.name)).toEqual(['kim']);
    expect(logged).toEqual(['Account vic (view) removed by kim.']);
    await vi.waitFor(async () => expect(await sessionStatus(viewer)).toBe(401), RELOADED);
  });

  it('refuses to remove the only owner, in words', async () => {
    await startServer([kim, ann]);
    const response = await call('DELETE', '/api/accounts/kim', cookieOf(kim));
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatch(/kim is the only owner/);
    expect((await accountsOnDisk()).map((account) => account.name)).toEqual(['kim', 'ann']);
  });

  it('lets an owner remove themself while another owner remains', async () => {
    await startServer([kim, olga]);
    const response = await call('DELETE', '/api/accounts/KIM', cookieOf(kim));
    expect(response.status).toBe(200);
    expect((await accountsOnDisk()).map((account) => account.name)).toEqual(['olga']);
  });

  it('answers 404 for an account that is not there', async () => {
    await startServer([kim]);
    const response = await call('DELETE', '/api/accounts/nobody', cookieOf(kim));
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toBe("There is no account 'nobody' (any more); reload the list.");
  });

  it('refuses a view account with 403', async () => {
    await startServer([kim, vic]);
    expect((await call('DELETE', '/api/accounts/kim', cookieOf(vic))).status).toBe(403);
  });
});

describe('changing a role', () => {
  it('makes a view account control and signs it out, to sign in again with the new role', async () => {
    await startServer([kim, vic]);
    const viewer = cookieOf(vic);
    const response = await call('PATCH', '/api/accounts/vic', cookieOf(kim), { role: 'control' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: 'vic', role: 'control' });
    expect((await accountsOnDisk())[1]).toMatchObject({ name: 'vic', role: 'control' });
    expect(logged).toEqual(['Account vic made control (was view) by kim.']);
    await vi.waitFor(async () => expect(await sessionStatus(viewer)).toBe(401), RELOADED);
  });

  it('refuses to demote the only owner, and lets one go while another remains', async () => {
    await startServer([kim, ann]);
    const refused = await call('PATCH', '/api/accounts/kim', cookieOf(kim), { role: 'view' });
    expect(refused.status).toBe(409);
    expect(await errorOf(refused)).toMatch(/kim is the only owner and stays owner/);
    await writeAccounts([kim, ann, olga]);
    expect((await call('PATCH', '/api/accounts/kim', cookieOf(kim), { role: 'view' })).status).toBe(200);
  });

  it('keeps a device a device and a person a person', async () => {
    await startServer([kim, ann, plug]);
    const cookie = cookieOf(kim);
    const toDevice = await call('PATCH', '/api/accounts/ann', cookie, { role: 'device' });
    expect(toDevice.status).toBe(400);
    expect(await errorOf(toDevice)).toMatch(/cannot become a device/);
    const fromDevice = await call('PATCH', '/api/accounts/plug', cookie, { role: 'view' });
    expect(fromDevice.status).toBe(400);
    expect(await errorOf(fromDevice)).toMatch(/plug is a device account and stays one/);
  });

  it('changes nothing and logs nothing for the role it already has', async () => {
    await startServer([kim, ann]);
    expect((await call('PATCH', '/api/accounts/ann', cookieOf(kim), { role: 'control' })).status).toBe(200);
    expect(logged).toEqual([]);
  });

  it('refuses a control account with 403', async () => {
    await startServer([kim, ann]);
    expect((await call('PATCH', '/api/accounts/ann', cookieOf(ann), { role: 'owner' })).status).toBe(403);
  });
});

describe('setting a password', () => {
  it('lets an owner set another account’s password, which then signs in with it', async () => {
    await startServer([kim, ann]);
    const anns = cookieOf(ann);
    const response = await call('POST', '/api/accounts/ann/password', cookieOf(kim), {
      password: 'ann’s new password',
    });
    expect(response.status).toBe(200);
    expect(logged).toEqual(['Password of ann (control) set by kim.']);
    // Once the book has reloaded, ann's old session is over and the new password signs in.
    await vi.waitFor(async () => expect(await sessionStatus(anns)).toBe(401), RELOADED);
    const login = await call('POST', '/api/login', '', { name: 'ann', password: 'ann’s new password' });
    expect(login.status).toBe(200);
  });

  it('lets anyone change their own with the current password', async () => {
    await startServer([kim, vic]);
    const response = await call('POST', '/api/accounts/vic/password', cookieOf(vic), {
      password: 'vic’s new password',
      currentPassword: PASSWORD,
    });
    expect(response.status).toBe(200);
    const saved = (await accountsOnDisk()).find((account) => account.name === 'vic');
    expect(await verifyPassword('vic’s new password', saved?.hash ?? '')).toBe(true);
    expect(logged).toEqual(['Account vic changed its own password.']);
  });

  it('asks for the current password to change one’s own, an owner’s too', async () => {
    await startServer([kim, vic]);
    const response = await call('POST', '/api/accounts/kim/password', cookieOf(kim), {
      password: 'kim’s new password',
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toBe('Enter your current password to change it.');
  });

  it('refuses a wrong current password with 401, then throttles as a sign-in does', async () => {
    await startServer([kim, vic]);
    const cookie = cookieOf(vic);
    const wrong = () =>
      call('POST', '/api/accounts/vic/password', cookie, {
        password: 'vic’s new password',
        currentPassword: 'guess',
      });
    const first = await wrong();
    expect(first.status).toBe(401);
    expect(await errorOf(first)).toBe('The current password is wrong.');
    // The session is not ended by it: a 401 without `accounts: true`.
    expect(await sessionStatus(cookie)).toBe(200);
    await wrong();
    const third = await wrong();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await verifyPassword(PASSWORD, (await accountsOnDisk())[1]?.hash ?? '')).toBe(true);
  });

  it('refuses a weak new password in words before checking the current one', async () => {
    await startServer([vic]);
    const response = await call('POST', '/api/accounts/vic/password', cookieOf(vic), {
      password: 'short',
      currentPassword: 'not even right',
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatch(/at least 8/);
  });

  it('refuses a control account setting another’s password with 403', async () => {
    await startServer([kim, ann, vic]);
    const response = await call('POST', '/api/accounts/vic/password', cookieOf(ann), {
      password: 'vic’s new password',
      currentPassword: PASSWORD,
    });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatch(/Only an owner can set another account’s password/);
  });
});

describe('addresses and methods', () => {
  it('answers a wrong method with 405 and what is allowed', async () => {
    await startServer([kim]);
    const cookie = cookieOf(kim);
    const put = await call('PUT', '/api/accounts', cookie);
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    const get = await call('GET', '/api/accounts/kim', cookie);
    expect(get.headers.get('allow')).toBe('DELETE, PATCH');
    const password = await call('GET', '/api/accounts/kim/password', cookie);
    expect(password.headers.get('allow')).toBe('POST');
  });

  it('answers 404 under /api/accounts where there is nothing, and leaves other paths to others', async () => {
    await startServer([kim]);
    const cookie = cookieOf(kim);
    expect((await call('GET', '/api/accounts/kim/sessions', cookie)).status).toBe(404);
    expect((await call('DELETE', `/api/accounts/${'a'.repeat(65)}`, cookie)).status).toBe(404);
    expect(await (await call('GET', '/api/accountsx', cookie)).text()).toBe('passed /api/accountsx');
  });
});

describe('who acts, as the file stands', () => {
  it('lets an owner removed a moment ago add nobody, even with a session the book has not ended yet', async () => {
    await startServer([kim, olga]);
    const olgaCookie = cookieOf(olga);
    // Removed from the file behind the book's back (as npm run user would), not yet reloaded.
    await writeAccounts([kim]);
    const response = await call('POST', '/api/accounts', olgaCookie, {
      name: 'mallory',
      role: 'owner',
      password: 'mallory password',
    });
    expect(response.status).toBe(403);
    expect((await accountsOnDisk()).map((account) => account.name)).toEqual(['kim']);
  });

  it('signs out whoever a change signs out before it answers', async () => {
    await startServer([kim, vic]);
    const viewer = cookieOf(vic);
    expect((await call('DELETE', '/api/accounts/vic', cookieOf(kim))).status).toBe(200);
    expect(await sessionStatus(viewer)).toBe(401);
  });
});

describe('a screen kept signed in', () => {
  it('may list the accounts but not change them, even as an owner', async () => {
    await startServer([kim, vic]);
    const tablet = `${SESSION_COOKIE_NAME}=${book.signIn(kim, 'screen', 'Hall tablet', nowMs).token}`;
    expect((await call('GET', '/api/accounts', tablet)).status).toBe(200);
    const response = await call('DELETE', '/api/accounts/vic', tablet);
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatch(/kept signed in/);
    expect((await accountsOnDisk()).map((account) => account.name)).toEqual(['kim', 'vic']);
  });
});

describe('changing one’s own password', () => {
  it('signs every other session out and keeps this one signed in with a fresh cookie', async () => {
    await startServer([kim, vic]);
    const here = cookieOf(vic);
    const elsewhere = cookieOf(vic);
    const response = await call('POST', '/api/accounts/vic/password', here, {
      password: 'a new password',
      currentPassword: PASSWORD,
    });
    expect(response.status).toBe(200);
    const fresh = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(fresh).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=`));
    expect(await sessionStatus(elsewhere)).toBe(401);
    expect(await sessionStatus(here)).toBe(401);
    expect(await sessionStatus(fresh)).toBe(200);
  });
});
