import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AccountBook, changedAccountNames, openAccountBook, principalOf } from './accountBook.ts';
import { type Account, accountsFilePath, type PersonAccount, saveAccounts } from './accountFile.ts';
import { hashPassword } from './passwordHash.ts';
import { screensFilePath } from './screenFile.ts';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const CREATED = '2026-01-15T12:00:00.000Z';
const ADDRESS = '192.168.1.20';
const PICKED_UP = { timeout: 1000, interval: 20 };

let kim: PersonAccount;
let sam: PersonAccount;
let plug: Account;
let dataDir: string;
let lines: string[];
const open: AccountBook[] = [];

beforeAll(async () => {
  kim = { name: 'kim', role: 'owner', hash: await hashPassword('kim password'), createdAt: CREATED };
  sam = { name: 'sam', role: 'view', hash: await hashPassword('sam password'), createdAt: CREATED };
  plug = {
    name: 'plug-1',
    role: 'device',
    hash: sam.hash,
    createdAt: CREATED,
    prefixes: ['tasmota/plug-1/'],
  };
});

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-book-'));
  lines = [];
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((book) => book.close()));
  await rm(dataDir, { recursive: true, force: true });
});

async function openBook(options: Partial<Parameters<typeof openAccountBook>[1]> = {}): Promise<AccountBook> {
  const opened = await openAccountBook(dataDir, { log: (line) => lines.push(line), ...options });
  if (!opened.ok) throw new Error(opened.reason);
  open.push(opened.book);
  return opened.book;
}

async function save(...accounts: Account[]): Promise<void> {
  const saved = await saveAccounts(dataDir, accounts);
  if (!saved.ok) throw new Error(saved.reason);
}

describe('signing in', () => {
  it('knows an account by its right password', async () => {
    await save(kim);
    const book = await openBook();
    expect(await book.authenticate('kim', 'kim password', ADDRESS, T0)).toEqual({ ok: true, account: kim });
  });

  it('turns away a wrong password in words and logs it without the password', async () => {
    await save(kim);
    const book = await openBook();
    expect(await book.authenticate('kim', 'guess', ADDRESS, T0)).toEqual({
      ok: false,
      reason: 'The name or the password is wrong.',
    });
    expect(lines).toEqual([`1st failed login for kim from ${ADDRESS}`]);
  });

  it('answers an unknown name as it answers a wrong password', async () => {
    await save(kim);
    const book = await openBook();
    const unknown = await book.authenticate('nobody', 'guess', ADDRESS, T0);
    const wrong = await book.authenticate('kim', 'guess', '10.0.0.9', T0);
    expect(unknown).toEqual(wrong);
    expect(lines[0]).toBe(`1st failed login for nobody from ${ADDRESS}`);
  });

  it('makes a guesser wait, even with the right password, and says how long', async () => {
    await save(kim);
    const book = await openBook({ throttle: { freeFailures: 0, baseDelayMs: 1000 } });
    const failed = await book.authenticate('kim', 'guess', ADDRESS, T0);
    expect(failed).toMatchObject({ ok: false, retryAfterMs: 1000 });
    const early = await book.authenticate('kim', 'kim password', ADDRESS, T0 + 400);
    expect(early).toEqual({
      ok: false,
      reason: 'Too many wrong passwords: wait 1 second and try again.',
      retryAfterMs: 600,
    });
    expect(await book.authenticate('kim', 'kim password', ADDRESS, T0 + 1000)).toMatchObject({ ok: true });
  });

  it('signs a person in with their account role', async () => {
    await save(sam);
    const book = await openBook();
    const { token } = book.signIn(sam, 'session', '', T0);
    expect(book.sessions.lookup(token, T0)).toMatchObject({ account: 'sam', role: 'view', kind: 'session' });
  });

  it('refuses to open on an accounts file it cannot read, rather than open the house', async () => {
    await writeFile(accountsFilePath(dataDir), '{ not json');
    const opened = await openAccountBook(dataDir, { log: () => undefined });
    expect(opened).toMatchObject({ ok: false, reason: expect.stringContaining('is not valid JSON') });
  });
});

describe('the broker sees', () => {
  it('a person by role and a device by prefixes', () => {
    expect(principalOf(kim)).toEqual({ kind: 'account', name: 'kim', role: 'owner' });
    expect(principalOf(plug)).toEqual({ kind: 'device', name: 'plug-1', prefixes: ['tasmota/plug-1/'] });
  });

  it('a Zigbee2MQTT bridge by both its prefixes', () => {
    const bridge = { ...plug, name: 'z2m', prefixes: ['zigbee2mqtt/', 'homeassistant/'] } as Account;
    expect(principalOf(bridge)).toEqual({
      kind: 'device',
      name: 'z2m',
      prefixes: ['zigbee2mqtt/', 'homeassistant/'],
    });
  });
});

describe('account changes while running', () => {
  it('picks up an account added with npm run user', async () => {
    await save(kim);
    const book = await openBook();
    await save(kim, sam);
    await vi.waitFor(() => expect(book.count()).toBe(2), PICKED_UP);
    expect(await book.authenticate('sam', 'sam password', ADDRESS, T0)).toMatchObject({ ok: true });
  });

  it("ends a removed account's sessions", async () => {
    await save(kim, sam);
    const book = await openBook();
    const { token } = book.signIn(sam, 'session', '', T0);
    await save(kim);
    await vi.waitFor(() => expect(book.sessions.lookup(token, T0)).toBeNull(), PICKED_UP);
  });

  it('ends the sessions of an account whose password changed, and keeps the others', async () => {
    await save(kim, sam);
    const book = await openBook();
    const kims = book.signIn(kim, 'session', '', T0);
    const sams = book.signIn(sam, 'session', '', T0);
    await save(kim, { ...sam, hash: await hashPassword('new sam password') });
    await vi.waitFor(() => expect(book.sessions.lookup(sams.token, T0)).toBeNull(), PICKED_UP);
    expect(book.sessions.lookup(kims.token, T0)).not.toBeNull();
  });

  it('tells the broker which accounts were removed or changed', async () => {
    await save(kim, sam, plug);
    const changed: string[][] = [];
    await openBook({ onAccountsChanged: (names) => changed.push(names) });
    await save({ ...kim, role: 'control' }, sam);
    await vi.waitFor(() => expect(changed).toEqual([['kim', 'plug-1']]), PICKED_UP);
  });

  it('keeps the last good accounts when the file turns bad, and says so once', async () => {
    await save(kim);
    const book = await openBook();
    await writeFile(accountsFilePath(dataDir), '{ broken');
    await vi.waitFor(() => expect(lines).toHaveLength(1), PICKED_UP);
    await writeFile(accountsFilePath(dataDir), '{ broken');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines).toEqual([expect.stringContaining('Hearth keeps the accounts it had.')]);
    expect(await book.authenticate('kim', 'kim password', ADDRESS, T0)).toMatchObject({ ok: true });
  });
});

describe('which accounts changed', () => {
  it('names the removed and those with another password, role or prefix', () => {
    const before = [kim, sam, plug];
    const after = [{ ...kim }, { ...sam, hash: kim.hash }, { ...plug, prefixes: ['other/'] } as Account];
    expect(changedAccountNames(before, after)).toEqual(['sam', 'plug-1']);
    expect(changedAccountNames(before, [kim])).toEqual(['sam', 'plug-1']);
  });

  it("counts a device's prefixes as a set: another order is no change, one more or fewer is", () => {
    const tasmota = { ...plug, prefixes: ['tele/plug-1/', 'stat/plug-1/', 'cmnd/plug-1/'] } as Account;
    const reordered = { ...plug, prefixes: ['cmnd/plug-1/', 'tele/plug-1/', 'stat/plug-1/'] } as Account;
    const fewer = { ...plug, prefixes: ['tele/plug-1/', 'stat/plug-1/'] } as Account;
    const swapped = { ...plug, prefixes: ['tele/plug-1/', 'stat/plug-1/', 'cmnd/plug-2/'] } as Account;
    expect(changedAccountNames([tasmota], [reordered])).toEqual([]);
    expect(changedAccountNames([tasmota], [fewer])).toEqual(['plug-1']);
    expect(changedAccountNames([fewer], [tasmota])).toEqual(['plug-1']);
    expect(changedAccountNames([tasmota], [swapped])).toEqual(['plug-1']);
  });

  it('counts a name written in other case as the same account', () => {
    expect(changedAccountNames([kim], [{ ...kim, name: 'Kim' }])).toEqual([]);
  });
});

describe('kept screens', () => {
  it('survive a restart', async () => {
    await save(kim);
    const first = await openBook();
    const { token } = first.signIn(kim, 'screen', 'Kitchen tablet', T0);
    await first.close();
    const second = await openBook();
    expect(second.sessions.lookup(token, T0 + 1000)).toMatchObject({
      kind: 'screen',
      label: 'Kitchen tablet',
    });
  });

  it('are saved readable by the server only', async () => {
    await save(kim);
    const book = await openBook();
    book.signIn(kim, 'screen', 'Hall', T0);
    await book.close();
    expect((await stat(screensFilePath(dataDir))).mode & 0o777).toBe(0o600);
  });

  it('stay revoked after a restart', async () => {
    await save(kim);
    const first = await openBook();
    const { token, id } = first.signIn(kim, 'screen', 'Hall', T0);
    first.sessions.revoke(id);
    await first.close();
    expect((await openBook()).sessions.lookup(token, T0)).toBeNull();
  });

  it('do not include browser sessions, which end with the server', async () => {
    await save(kim);
    const first = await openBook();
    const { token } = first.signIn(kim, 'session', '', T0);
    first.signIn(kim, 'screen', 'Hall', T0);
    await first.close();
    expect((await openBook()).sessions.lookup(token, T0)).toBeNull();
  });

  it('are signed out at start when their account was removed while Hearth was stopped', async () => {
    await save(kim);
    const first = await openBook();
    const { token } = first.signIn(kim, 'screen', 'Hall', T0);
    await first.close();
    await save(sam);
    expect((await openBook()).sessions.lookup(token, T0)).toBeNull();
    expect(lines).toContain('Signed out 1 kept screen whose account was removed or changed.');
  });

  it('are signed out at start when their password changed while Hearth was stopped', async () => {
    await save(kim);
    const first = await openBook();
    const { token } = first.signIn(kim, 'screen', 'Hall', T0);
    await first.close();
    await save({ ...kim, hash: sam.hash });
    expect((await openBook()).sessions.lookup(token, T0)).toBeNull();
  });

  it('are forgotten, with a note in the log, when screens.json is not readable', async () => {
    await save(kim);
    await writeFile(screensFilePath(dataDir), 'garbage');
    const book = await openBook();
    expect(book.sessions.list(T0)).toEqual([]);
    expect(lines).toEqual([expect.stringContaining('screens must sign in again')]);
  });
});

describe('what the review found', () => {
  it('checks sign-ins sent in parallel one at a time, so a burst of guesses is throttled too', async () => {
    await save(kim);
    const book = await openBook({ throttle: { freeFailures: 2, baseDelayMs: 1000 } });
    const attempts = [
      ...Array.from({ length: 12 }, (_, i) => book.authenticate('kim', `guess ${i}`, ADDRESS, T0)),
      book.authenticate('kim', 'kim password', ADDRESS, T0),
    ];
    const answers = await Promise.all(attempts);
    expect(answers.at(-1)).toMatchObject({ ok: false, retryAfterMs: expect.any(Number) });
    expect(answers.filter((answer) => answer.ok)).toEqual([]);
  });

  it('spares an address that signed in to an account from the lock strangers put on it', async () => {
    await save(kim);
    const book = await openBook({ throttle: { freeFailures: 0, baseDelayMs: 1000, lockoutFailures: 3 } });
    expect(await book.authenticate('kim', 'kim password', ADDRESS, T0)).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i += 1)
      await book.authenticate('kim', 'guess', `10.0.0.${i + 50}`, T0 + i * 60_000);
    // A stranger's next guess waits; the tablet that already signs in from its own address does not.
    expect(await book.authenticate('kim', 'kim password', '10.0.0.99', T0 + 400_000)).toMatchObject({
      ok: false,
    });
    expect(await book.authenticate('kim', 'kim password', ADDRESS, T0 + 400_000)).toMatchObject({ ok: true });
  });

  it('stays locked, not open, when the last account is removed from a house started on the network', async () => {
    await save(kim);
    const changes: boolean[] = [];
    const book = await openBook({ openWhenEmpty: false, onOpenChanged: (open) => changes.push(open) });
    await save();
    await vi.waitFor(() => expect(book.count()).toBe(0), PICKED_UP);
    expect(book.isOpen()).toBe(false);
    expect(lines.join('\n')).toContain('stays locked');
    expect(changes).toEqual([]);
  });

  it('tells when a house open on its own machine gets its first account', async () => {
    const changes: boolean[] = [];
    const book = await openBook({ onOpenChanged: (open) => changes.push(open) });
    expect(book.isOpen()).toBe(true);
    await save(kim);
    await vi.waitFor(() => expect(changes).toEqual([false]), PICKED_UP);
    expect(book.isOpen()).toBe(false);
  });

  it('keeps a known address signing in while strangers flood the same name', async () => {
    await save(kim);
    const book = await openBook();
    expect(await book.authenticate('kim', 'kim password', ADDRESS, T0)).toMatchObject({ ok: true });
    const flood = Array.from({ length: 30 }, (_, i) =>
      book.authenticate('kim', `guess ${i}`, `10.0.1.${i}`, T0),
    );
    const tablet = book.authenticate('kim', 'kim password', ADDRESS, T0);
    expect(await tablet).toMatchObject({ ok: true });
    await Promise.all(flood);
    expect(lines.join('\n')).not.toContain('\u0000');
  });

  it('tells who revoked a session, so the broker can close its WebSocket', async () => {
    await save(kim);
    const revoked: string[] = [];
    const book = await openBook({ onSessionRevoked: (id) => revoked.push(id) });
    const { id } = book.signIn(kim as PersonAccount, 'session', '', T0);
    expect(book.sessions.revoke(id)).toBe(true);
    expect(book.sessions.revoke(id)).toBe(false);
    expect(revoked).toEqual([id]);
  });
});
