import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Account,
  accountsFilePath,
  checkAccountName,
  checkDevicePrefix,
  checkDevicePrefixes,
  loadAccounts,
  parseAccounts,
  saveAccounts,
  withAccountsLock,
} from './accountFile.ts';

// A well-formed hash (scrypt, N=1024) of 'old password'; the file's rules never verify it.
const HASH = 'scrypt$N=1024,r=8,p=1$BwcHBwcHBwcHBwcHBwcHBw$TRU85d5EdvHnMzjmCczYQjK8RvZ17SOsa17v7PF4V98';
const CREATED = '2026-01-15T12:30:00.000Z';

const kim: Account = { name: 'kim', role: 'owner', hash: HASH, createdAt: CREATED };
const plug: Account = {
  name: 'plug-1',
  role: 'device',
  hash: HASH,
  createdAt: CREATED,
  prefixes: ['tasmota/plug-1/'],
};

function file(...accounts: unknown[]): unknown {
  return { version: 1, accounts };
}

describe('reading the accounts', () => {
  it('reads a person and a device', () => {
    expect(parseAccounts(file(kim, plug))).toEqual({ ok: true, accounts: [kim, plug] });
  });

  it('gives a device without a prefix its name as one', () => {
    const { prefixes: _, ...bare } = plug as Extract<Account, { role: 'device' }>;
    expect(parseAccounts(file(bare))).toEqual({ ok: true, accounts: [{ ...plug, prefixes: ['plug-1/'] }] });
  });

  it('reads a Tasmota plug with its three prefixes', () => {
    const tasmota = { ...plug, prefixes: ['tele/plug-1/', 'stat/plug-1/', 'cmnd/plug-1/'] };
    expect(parseAccounts(file(tasmota))).toEqual({ ok: true, accounts: [tasmota] });
  });

  it('reads the single prefix of a file written before devices had several, as a list of one', () => {
    const { prefixes: _, ...bare } = plug as Extract<Account, { role: 'device' }>;
    expect(parseAccounts(file({ ...bare, prefix: 'tasmota/plug-1' }))).toEqual({
      ok: true,
      accounts: [{ ...plug, prefixes: ['tasmota/plug-1/'] }],
    });
  });

  it('refuses a device with both prefix and prefixes, rather than guess which one holds', () => {
    expect(parseAccounts(file({ ...plug, prefix: 'other/' }))).toEqual({
      ok: false,
      reason: "account 1 ('plug-1'): it has both prefix and prefixes; keep only prefixes.",
    });
  });

  it('refuses an empty list of prefixes, rather than give the device its name as one', () => {
    const read = parseAccounts(file({ ...plug, prefixes: [] }));
    expect(read.ok === false && read.reason).toMatch(/at least one prefix/);
  });

  it('refuses prefixes that are not a list of texts', () => {
    for (const prefixes of ['tele/plug-1/', [7], ['ok/', null]]) {
      const read = parseAccounts(file({ ...plug, prefixes }));
      expect(read.ok === false && read.reason).toMatch(/must be a list of texts/);
    }
  });

  it('refuses more than twenty prefixes', () => {
    const prefixes = Array.from({ length: 21 }, (_, index) => `room${index}/`);
    expect(parseAccounts(file({ ...plug, prefixes }))).toEqual({
      ok: false,
      reason: "account 1 ('plug-1'): it lists 21 prefixes; the most is 20.",
    });
  });

  it('refuses a bad prefix among good ones', () => {
    const read = parseAccounts(file({ ...plug, prefixes: ['tele/plug-1/', 'stat/+/'] }));
    expect(read.ok === false && read.reason).toMatch(/'stat\/\+\/' cannot hold the MQTT wildcards/);
  });

  it('refuses two names that differ only in case, naming the second', () => {
    expect(parseAccounts(file(kim, { ...kim, name: 'Kim' }))).toEqual({
      ok: false,
      reason: "account 2 ('Kim'): the name is used twice (names ignore case).",
    });
  });

  it('refuses an unknown role', () => {
    expect(parseAccounts(file({ ...kim, role: 'admin' }))).toEqual({
      ok: false,
      reason: "account 1 ('kim'): its role must be one of owner, control, view, device.",
    });
  });

  it('refuses a name with a space', () => {
    const read = parseAccounts(file({ ...kim, name: 'kim smith' }));
    expect(read.ok === false && read.reason).toMatch(/may hold only letters/);
  });

  it('refuses a prefix on a person, written either way', () => {
    for (const entry of [
      { ...kim, prefix: 'kim/' },
      { ...kim, prefixes: ['kim/'] },
    ]) {
      const read = parseAccounts(file(entry));
      expect(read.ok === false && read.reason).toMatch(/only device accounts have a prefix/);
    }
  });

  it('refuses a device prefix with a wildcard, which would let it publish anywhere', () => {
    const read = parseAccounts(file({ ...plug, prefixes: ['#'] }));
    expect(read.ok === false && read.reason).toMatch(/wildcards/);
  });

  it('refuses a malformed hash without repeating it', () => {
    const read = parseAccounts(file({ ...kim, hash: 'plaintext-secret' }));
    expect(read.ok).toBe(false);
    expect(read.ok === false && read.reason).not.toContain('plaintext-secret');
  });

  it('refuses a creation time that is not ISO 8601', () => {
    const read = parseAccounts(file({ ...kim, createdAt: 'yesterday' }));
    expect(read.ok === false && read.reason).toMatch(/ISO 8601/);
  });

  it('refuses a file from a newer Hearth', () => {
    expect(parseAccounts({ version: 2, accounts: [] })).toEqual({
      ok: false,
      reason: 'it is version 2, written by a newer Hearth.',
    });
  });

  it('refuses something that is not an accounts file', () => {
    expect(parseAccounts([kim]).ok).toBe(false);
    expect(parseAccounts({ version: 1 }).ok).toBe(false);
  });

  it('refuses more accounts than a house has', () => {
    const many = Array.from({ length: 1001 }, (_, index) => ({ ...kim, name: `user${index}` }));
    expect(parseAccounts(file(...many)).ok).toBe(false);
  });
});

describe('account names and device prefixes', () => {
  it('accepts letters, digits, dots, dashes and underscores', () => {
    expect(checkAccountName('Kim.Smith_2-a')).toBeNull();
  });

  it('accepts 64 characters and refuses 65', () => {
    expect(checkAccountName('a'.repeat(64))).toBeNull();
    expect(checkAccountName('a'.repeat(65))).toMatch(/the most is 64/);
  });

  it('refuses an empty name', () => {
    expect(checkAccountName('')).toMatch(/empty/);
  });

  it('closes a prefix with a slash, so kitchen cannot publish under kitchenette/', () => {
    expect(checkDevicePrefix('kitchen')).toEqual({ ok: true, value: 'kitchen/' });
    expect(checkDevicePrefix('tele/kitchen/')).toEqual({ ok: true, value: 'tele/kitchen/' });
  });

  it("refuses a prefix in the broker's own $ topics", () => {
    expect(checkDevicePrefix('$SYS').ok).toBe(false);
  });

  it('refuses a prefix with an empty level, which would own nothing on the broker', () => {
    expect(checkDevicePrefix('tele//kitchen').ok).toBe(false);
    expect(checkDevicePrefix('/kitchen/').ok).toBe(false);
  });

  it('refuses an empty prefix', () => {
    expect(checkDevicePrefix('').ok).toBe(false);
    expect(checkDevicePrefix('/').ok).toBe(false);
  });

  it('closes each of several prefixes and keeps their order', () => {
    expect(checkDevicePrefixes(['zigbee2mqtt', 'homeassistant/'])).toEqual({
      ok: true,
      value: ['zigbee2mqtt/', 'homeassistant/'],
    });
  });

  it('keeps a prefix given twice, with and without its slash, once', () => {
    expect(checkDevicePrefixes(['tele/plug', 'cmnd/plug', 'tele/plug/'])).toEqual({
      ok: true,
      value: ['tele/plug/', 'cmnd/plug/'],
    });
  });

  it('takes twenty prefixes and refuses twenty-one', () => {
    const rooms = Array.from({ length: 21 }, (_, index) => `room${index}`);
    expect(checkDevicePrefixes(rooms.slice(0, 20)).ok).toBe(true);
    expect(checkDevicePrefixes(rooms)).toEqual({
      ok: false,
      reason: 'A device can have at most 20 prefixes; 21 were given.',
    });
  });

  it('refuses no prefix at all', () => {
    expect(checkDevicePrefixes([])).toEqual({
      ok: false,
      reason: 'A device needs at least one prefix, like kitchen/.',
    });
  });

  it('refuses the list for its first bad prefix, saying which', () => {
    expect(checkDevicePrefixes(['tele/plug', '$SYS', '#'])).toEqual({
      ok: false,
      reason: "The device prefix '$SYS' cannot start with $: those topics are the broker's.",
    });
  });
});

describe('the accounts file', () => {
  let dataDir = '';
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-accounts-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reads back what was saved', async () => {
    await saveAccounts(dataDir, [kim, plug]);
    expect(await loadAccounts(dataDir)).toEqual({ ok: true, accounts: [kim, plug] });
  });

  it('is no accounts when missing', async () => {
    expect(await loadAccounts(dataDir)).toEqual({ ok: true, accounts: [] });
  });

  it('is readable by its owner only', async () => {
    await saveAccounts(dataDir, [kim]);
    expect((await stat(accountsFilePath(dataDir))).mode & 0o777).toBe(0o600);
  });

  it('is replaced whole, leaving no temporary file behind', async () => {
    await saveAccounts(dataDir, [kim]);
    await saveAccounts(dataDir, [kim, plug]);
    expect(await readdir(dataDir)).toEqual(['accounts.json']);
  });

  it('creates the data directory when missing', async () => {
    const nested = path.join(dataDir, 'fresh', 'data');
    expect(await saveAccounts(nested, [kim])).toEqual({
      ok: true,
      value: path.join(nested, 'accounts.json'),
    });
    expect(await loadAccounts(nested)).toEqual({ ok: true, accounts: [kim] });
  });

  it('says why when the disk refuses, and leaves no temporary file behind', async () => {
    // A directory in the file's place: the rename fails, as a full or read-only disk would.
    await mkdir(path.join(accountsFilePath(dataDir), 'in-the-way'), { recursive: true });
    const saved = await saveAccounts(dataDir, [kim]);
    expect(saved.ok === false && saved.reason).toMatch(/^Cannot write .*accounts\.json: /);
    expect(await readdir(dataDir)).toEqual(['accounts.json']);
  });

  it('is an error, not an empty house, when it is not JSON, without quoting the text', async () => {
    await writeFile(accountsFilePath(dataDir), `{"version": 1, "accounts": [{"hash": "${HASH}"`);
    const read = await loadAccounts(dataDir);
    expect(read.ok === false && read.reason).toMatch(/accounts\.json is not valid JSON/);
    expect(read.ok === false && read.reason).not.toContain('scrypt');
  });

  it('is an error naming the file and the fault when an account breaks the rules', async () => {
    await writeFile(accountsFilePath(dataDir), JSON.stringify(file({ ...kim, role: 'root' })));
    const read = await loadAccounts(dataDir);
    expect(read.ok === false && read.reason).toMatch(
      /accounts\.json is not a valid accounts file: account 1/,
    );
  });

  it('is an error when it cannot be read', async () => {
    await mkdir(accountsFilePath(dataDir));
    const read = await loadAccounts(dataDir);
    expect(read.ok === false && read.reason).toMatch(/^Cannot read /);
  });

  it('writes an old single-prefix file back with prefixes', async () => {
    const { prefixes: _, ...bare } = plug as Extract<Account, { role: 'device' }>;
    await writeFile(accountsFilePath(dataDir), JSON.stringify(file({ ...bare, prefix: 'tasmota/plug-1/' })));
    const read = await loadAccounts(dataDir);
    if (!read.ok) throw new Error(read.reason);
    await saveAccounts(dataDir, read.accounts);
    const [entry] = JSON.parse(await readFile(accountsFilePath(dataDir), 'utf8')).accounts;
    expect(entry).toMatchObject({ prefixes: ['tasmota/plug-1/'] });
    expect(entry).not.toHaveProperty('prefix');
  });

  it('keeps devices and people apart on disk: prefixes only where they belong', async () => {
    await saveAccounts(dataDir, [kim, plug]);
    const text = await readFile(accountsFilePath(dataDir), 'utf8');
    expect(JSON.parse(text).accounts.map((entry: Record<string, unknown>) => Object.keys(entry))).toEqual([
      ['name', 'role', 'createdAt', 'hash'],
      ['name', 'role', 'prefixes', 'createdAt', 'hash'],
    ]);
  });
});

describe('withAccountsLock', () => {
  it('runs changes from two writers one after the other, so neither loses the other’s', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hearth-lock-'));
    try {
      const order: string[] = [];
      const slow = (name: string) => async () => {
        order.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 60));
        order.push(`${name} end`);
        return name;
      };
      const [a, b] = await Promise.all([withAccountsLock(dir, slow('a')), withAccountsLock(dir, slow('b'))]);
      expect([a.ok, b.ok]).toEqual([true, true]);
      // Whichever takes the lock first, the other starts only once it has ended.
      const first = order[0]?.split(' ')[0];
      const second = first === 'a' ? 'b' : 'a';
      expect(order).toEqual([`${first} start`, `${first} end`, `${second} start`, `${second} end`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('names made of dots', () => {
  it('are refused: they would be path segments in the settings’ addresses', () => {
    expect(checkAccountName('.')).toMatch(/needs a letter/);
    expect(checkAccountName('..')).toMatch(/needs a letter/);
    expect(checkAccountName('a.b')).toBeNull();
  });
});
