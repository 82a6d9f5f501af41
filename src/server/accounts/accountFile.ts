import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Checked } from '../commandLine.ts';
import { errorWords, replaceFilePrivately } from '../privateFile.ts';
import { isPasswordHash } from './passwordHash.ts';

/** The accounts' file in the data directory. */
export const ACCOUNTS_FILE_NAME = 'accounts.json';
const ACCOUNTS_FILE_VERSION = 1;
/** A house has a handful of people and some dozens of devices; past this the file is not ours. */
export const ACCOUNTS_MAX = 1000;
export const ACCOUNT_NAME_MAX_CHARACTERS = 64;
const DEVICE_PREFIX_MAX_CHARACTERS = 256;
/** A Tasmota plug needs three prefixes, a bridge a few; twenty is past any one device's need. */
export const DEVICE_PREFIXES_MAX = 20;

/**
 * What an account may do. `view` sees everything and changes nothing; `control` also switches
 * and sets; `owner` also edits settings, rooms and views and manages accounts; `device` is an
 * MQTT client that publishes under its prefixes and subscribes to its command topics there.
 */
export type AccountRole = 'owner' | 'control' | 'view' | 'device';
export const ACCOUNT_ROLES: readonly AccountRole[] = ['owner', 'control', 'view', 'device'];

interface AccountBase {
  /** 1 to 64 of `A-Z a-z 0-9 . _ -`; unique among the accounts ignoring case. */
  name: string;
  /** `scrypt$…` from hashPassword; never logged, never sent. */
  hash: string;
  /** When the account was added, ISO 8601 in UTC. */
  createdAt: string;
}

/** A person signing in to the dashboard. */
export interface PersonAccount extends AccountBase {
  role: 'owner' | 'control' | 'view';
}

/** A device's MQTT login. */
export interface DeviceAccount extends AccountBase {
  role: 'device';
  /**
   * The topic prefixes it publishes under, 1 to DEVICE_PREFIXES_MAX, each ending in `/` and
   * none twice: `[<name>/]` unless given. A Tasmota plug: `tele/plug/`, `stat/plug/`, `cmnd/plug/`.
   */
  prefixes: string[];
}

export type Account = PersonAccount | DeviceAccount;

export type AccountsRead = { ok: true; accounts: Account[] } | { ok: false; reason: string };

export function accountsFilePath(dataDir: string): string {
  return path.join(dataDir, ACCOUNTS_FILE_NAME);
}

/** Null when `name` may name an account, else why not in words. */
export function checkAccountName(name: string): string | null {
  if (name.length === 0) return 'An account name cannot be empty.';
  if (name.length > ACCOUNT_NAME_MAX_CHARACTERS)
    return `The account name '${name.slice(0, 20)}…' is ${name.length} characters long; the most is ${ACCOUNT_NAME_MAX_CHARACTERS}.`;
  if (!/^[A-Za-z0-9._-]+$/.test(name))
    return `The account name '${name}' may hold only letters A-Z, digits, '.', '_' and '-'.`;
  // '.' and '..' would be path segments in /api/accounts/<name>, out of reach of the settings.
  if (/^\.+$/.test(name)) return `The account name '${name}' needs a letter, a digit, '_' or '-'.`;
  return null;
}

/** Whether `text` is one of the roles. */
export function isAccountRole(text: string): text is AccountRole {
  return (ACCOUNT_ROLES as readonly string[]).includes(text);
}

/** A device account's prefix unless one is given: its name, as a topic level. */
export function defaultDevicePrefix(name: string): string {
  return `${name}/`;
}

/**
 * A device's topic prefix, with its closing `/` added when missing, so that `kitchen` cannot
 * publish under `kitchenette/`. No MQTT wildcards (they would let it publish anywhere) and no
 * leading `$` (the broker's own topics), no empty level (`a//b/`, `/a/`): the broker's access
 * rules (principal.ts) give such a prefix nothing.
 */
export function checkDevicePrefix(text: string): Checked<string> {
  const prefix = text.endsWith('/') ? text : `${text}/`;
  if (text === '' || prefix === '/')
    return {
      ok: false,
      reason: 'A device prefix cannot be empty; give its first topic level, like kitchen/.',
    };
  if (/[+#\0]/.test(prefix))
    return { ok: false, reason: `The device prefix '${text}' cannot hold the MQTT wildcards + or #.` };
  if (prefix.startsWith('$'))
    return {
      ok: false,
      reason: `The device prefix '${text}' cannot start with $: those topics are the broker's.`,
    };
  if (prefix.slice(0, -1).split('/').includes(''))
    return {
      ok: false,
      reason: `The device prefix '${text}' has an empty topic level; write it like tele/kitchen/.`,
    };
  if (prefix.length > DEVICE_PREFIX_MAX_CHARACTERS)
    return {
      ok: false,
      reason: `The device prefix is longer than ${DEVICE_PREFIX_MAX_CHARACTERS} characters.`,
    };
  return { ok: true, value: prefix };
}

/**
 * A device's prefixes, each checked and closed as by checkDevicePrefix, the same one given twice
 * (`kitchen` and `kitchen/`) kept once, in the order given: 1 to DEVICE_PREFIXES_MAX of them.
 */
export function checkDevicePrefixes(texts: readonly string[]): Checked<string[]> {
  const prefixes: string[] = [];
  for (const text of texts) {
    const checked = checkDevicePrefix(text);
    if (!checked.ok) return checked;
    if (!prefixes.includes(checked.value)) prefixes.push(checked.value);
  }
  if (prefixes.length === 0)
    return { ok: false, reason: 'A device needs at least one prefix, like kitchen/.' };
  if (prefixes.length > DEVICE_PREFIXES_MAX)
    return {
      ok: false,
      reason: `A device can have at most ${DEVICE_PREFIXES_MAX} prefixes; ${prefixes.length} were given.`,
    };
  return { ok: true, value: prefixes };
}

/**
 * Reads the accounts file's content (already JSON-parsed) as untrusted input: version 1, at most
 * ACCOUNTS_MAX accounts, each with a valid name unique ignoring case, a known role, a hash
 * `verifyPassword` can check and an ISO creation time; `prefixes` only on device accounts
 * (`[<name>/]` when absent; a single `prefix`, as files before several prefixes were written,
 * reads as a list of one). The reason names the account at fault, never its hash.
 */
export function parseAccounts(json: unknown): AccountsRead {
  if (!isRecord(json)) return { ok: false, reason: 'it is not a JSON object.' };
  if (json.version !== ACCOUNTS_FILE_VERSION) {
    return typeof json.version === 'number' && json.version > ACCOUNTS_FILE_VERSION
      ? { ok: false, reason: `it is version ${json.version}, written by a newer Hearth.` }
      : { ok: false, reason: `its version must be ${ACCOUNTS_FILE_VERSION}.` };
  }
  if (!Array.isArray(json.accounts)) return { ok: false, reason: 'it has no list of accounts.' };
  if (json.accounts.length > ACCOUNTS_MAX)
    return { ok: false, reason: `it lists ${json.accounts.length} accounts; the most is ${ACCOUNTS_MAX}.` };
  const accounts: Account[] = [];
  const taken = new Set<string>();
  for (const [index, entry] of json.accounts.entries()) {
    const account = parseAccount(entry);
    const where = `account ${index + 1}${isRecord(entry) && typeof entry.name === 'string' ? ` ('${entry.name.slice(0, ACCOUNT_NAME_MAX_CHARACTERS)}')` : ''}`;
    if (!account.ok) return { ok: false, reason: `${where}: ${account.reason}` };
    const key = account.value.name.toLowerCase();
    if (taken.has(key)) return { ok: false, reason: `${where}: the name is used twice (names ignore case).` };
    taken.add(key);
    accounts.push(account.value);
  }
  return { ok: true, accounts };
}

function parseAccount(entry: unknown): Checked<Account> {
  if (!isRecord(entry)) return { ok: false, reason: 'not an object.' };
  const { name, role, hash, createdAt, prefix, prefixes } = entry;
  if (typeof name !== 'string') return { ok: false, reason: 'it has no name.' };
  const nameProblem = checkAccountName(name);
  if (nameProblem) return { ok: false, reason: nameProblem };
  if (typeof role !== 'string' || !isAccountRole(role))
    return { ok: false, reason: `its role must be one of ${ACCOUNT_ROLES.join(', ')}.` };
  if (typeof hash !== 'string' || !isPasswordHash(hash))
    return {
      ok: false,
      reason: 'its password hash is missing or not one Hearth writes; set it with passwd.',
    };
  if (typeof createdAt !== 'string' || !isIsoTime(createdAt))
    return { ok: false, reason: 'its createdAt must be an ISO 8601 time, like 2026-01-15T12:30:00.000Z.' };
  if (role !== 'device') {
    if (prefix !== undefined || prefixes !== undefined)
      return { ok: false, reason: 'only device accounts have a prefix.' };
    return { ok: true, value: { name, role, hash, createdAt } };
  }
  const given = givenPrefixes(prefix, prefixes);
  if (!given.ok) return given;
  const checkedPrefixes = checkDevicePrefixes(given.value ?? [defaultDevicePrefix(name)]);
  if (!checkedPrefixes.ok) return checkedPrefixes;
  return { ok: true, value: { name, role, hash, createdAt, prefixes: checkedPrefixes.value } };
}

/** A device entry's prefixes as written: a list, an older file's single `prefix`, or none (null). */
function givenPrefixes(prefix: unknown, prefixes: unknown): Checked<string[] | null> {
  if (prefix !== undefined && prefixes !== undefined)
    return { ok: false, reason: 'it has both prefix and prefixes; keep only prefixes.' };
  if (prefix !== undefined)
    return typeof prefix === 'string'
      ? { ok: true, value: [prefix] }
      : { ok: false, reason: 'its prefix must be text, like kitchen/.' };
  if (prefixes === undefined) return { ok: true, value: null };
  if (!Array.isArray(prefixes))
    return { ok: false, reason: 'its prefixes must be a list of texts, like ["tele/plug/", "cmnd/plug/"].' };
  if (prefixes.length > DEVICE_PREFIXES_MAX)
    return { ok: false, reason: `it lists ${prefixes.length} prefixes; the most is ${DEVICE_PREFIXES_MAX}.` };
  if (!prefixes.every((entry) => typeof entry === 'string'))
    return { ok: false, reason: 'its prefixes must be a list of texts, like ["tele/plug/", "cmnd/plug/"].' };
  return { ok: true, value: prefixes };
}

/**
 * Reads `<dataDir>/accounts.json`. A missing file is no accounts; a file that cannot be read or
 * is not valid is an error value (never an empty list: that would open a locked house), whose
 * reason names the file and what is wrong.
 */
export async function loadAccounts(dataDir: string): Promise<AccountsRead> {
  const file = accountsFilePath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { ok: true, accounts: [] };
    return { ok: false, reason: `Cannot read ${file}: ${errorWords(error)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text it choked on, which may be a hash: not repeated here.
    return { ok: false, reason: `${file} is not valid JSON; fix it by hand or restore it from a backup.` };
  }
  const parsed = parseAccounts(json);
  if (!parsed.ok)
    return { ok: false, reason: `${file} is not a valid accounts file: ${parsed.reason} Fix it by hand.` };
  return parsed;
}

/**
 * Writes the accounts so that a crash leaves the old file or the new one, never half: a fresh
 * temporary file readable by its owner only (0600: the hashes are worth guessing at), flushed,
 * renamed over the old, then the directory flushed. Creates the data directory if missing. The
 * reason of a failure never holds a hash; the old file is then untouched.
 */
export async function saveAccounts(dataDir: string, accounts: readonly Account[]): Promise<Checked<string>> {
  const file = accountsFilePath(dataDir);
  const written = await replaceFilePrivately(file, serializeAccounts(accounts));
  return written.ok ? { ok: true, value: file } : written;
}

/** The file's text: one account per entry, keys in a fixed order, for a person reading it. */
function serializeAccounts(accounts: readonly Account[]): string {
  const entries = accounts.map((account) =>
    account.role === 'device'
      ? {
          name: account.name,
          role: account.role,
          prefixes: account.prefixes,
          createdAt: account.createdAt,
          hash: account.hash,
        }
      : { name: account.name, role: account.role, createdAt: account.createdAt, hash: account.hash },
  );
  return `${JSON.stringify({ version: ACCOUNTS_FILE_VERSION, accounts: entries }, null, 2)}\n`;
}

function isIsoTime(text: string): boolean {
  const ms = Date.parse(text);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(text) && Number.isFinite(ms);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** A lock older than this was left by a process that died mid-change. */
const ACCOUNTS_LOCK_STALE_MS = 10_000;
/** How long a change waits for another to finish before it gives up in words. */
const ACCOUNTS_LOCK_WAIT_MS = 3000;

/**
 * Runs `change` (read accounts.json, decide, save) while holding `accounts.json.lock`, so that
 * `npm run user` and the dashboard's account settings, in two processes, never write over each
 * other's change. A lock left by a process that died is taken over after ten seconds.
 */
export async function withAccountsLock<T>(
  dataDir: string,
  change: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  const lock = `${accountsFilePath(dataDir)}.lock`;
  await mkdir(dataDir, { recursive: true });
  const giveUpAt = Date.now() + ACCOUNTS_LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        return { ok: false, reason: `Cannot lock ${lock}: ${errorWords(error)}` };
      const held = await stat(lock).catch(() => null);
      if (held !== null && Date.now() - held.mtimeMs > ACCOUNTS_LOCK_STALE_MS) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() > giveUpAt)
        return {
          ok: false,
          reason: `Another change to the accounts is under way (${lock}); try again in a moment.`,
        };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return { ok: true, value: await change() };
  } finally {
    await rm(lock, { force: true });
  }
}
