import type {
  AccountListing,
  AccountsClient,
  AccountsReply,
  ControlAction,
  ScreenEntry,
} from '../store/accountSlice';
import { type Fetch, isSignedOutAnswer, REQUEST_HEADER, signOut } from './signInApi';

/** An answer about accounts slower than this is given up, in words. */
export const ACCOUNTS_TIMEOUT_MS = 5000;
/** The server keeps this many control actions at most; a larger `limit` asks for them all. */
export const CONTROL_LOG_MAX = 1000;
/** Past this, a label, name or topic from the network is cut: the page shows text, never markup. */
const TEXT_MAX_CHARS = 300;
/** A payload is shown on one line of the log: longer ones are cut (the server clips at 256). */
const PAYLOAD_MAX_CHARS = 300;

/**
 * The dashboard's client of the account routes: `/api/screens`, `/api/control-log`,
 * `/api/accounts` (writes with Hearth's request header) and `/api/logout`. Answers are checked at this edge as untrusted input; entries that fail the
 * checks are left out. An answer that says the session ended calls `onSignedOut` (the store's
 * doubt: the session watch asks the server to be sure). Never rejects: failures come back in words.
 */
export function createAccountsClient(fetcher: Fetch, onSignedOut: () => void): AccountsClient {
  const ask = async <T>(
    path: string,
    init: RequestInit,
    read: (json: unknown) => { value: T } | null,
    signal?: AbortSignal,
  ): Promise<AccountsReply<T>> => {
    const timeout = AbortSignal.timeout(ACCOUNTS_TIMEOUT_MS);
    try {
      const response = await fetcher(path, {
        ...init,
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
        cache: 'no-store',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', ...init.headers },
      });
      if (await isSignedOutAnswer(response)) {
        onSignedOut();
        return { ok: false, reason: 'This screen is no longer signed in.' };
      }
      const json = await readJson(response);
      if (!response.ok) {
        return {
          ok: false,
          reason: errorOf(json) ?? `The server answered ${response.status}; try again later.`,
        };
      }
      const parsed = read(json);
      return parsed === null
        ? { ok: false, reason: 'The server’s answer could not be read.' }
        : { ok: true, value: parsed.value };
    } catch {
      return {
        ok: false,
        reason: timeout.aborted
          ? `The server did not answer within ${ACCOUNTS_TIMEOUT_MS / 1000} s; try again later.`
          : 'Hearth cannot be reached; check the network and try again.',
      };
    }
  };

  return {
    listScreens: (signal) => ask('/api/screens', { method: 'GET' }, found(parseScreens), signal),
    removeScreen: (id) =>
      ask(`/api/screens/${encodeURIComponent(id)}`, { method: 'DELETE', headers: REQUEST_HEADER }, () => ({
        value: null,
      })),
    controlLog: (limit, signal) => {
      const n = Math.max(1, Math.min(CONTROL_LOG_MAX, Math.floor(limit)));
      return ask(`/api/control-log?limit=${n}`, { method: 'GET' }, found(parseControlLog), signal);
    },
    signOut: async () => {
      const answer = await signOut(fetcher);
      return answer.ok ? { ok: true, value: null } : answer;
    },
    listAccounts: (signal) => ask('/api/accounts', { method: 'GET' }, found(parseAccountList), signal),
    addAccount: ({ name, role, password, prefixes }) =>
      ask(
        '/api/accounts',
        jsonWrite('POST', { name, role, password, ...(role === 'device' ? { prefixes } : {}) }),
        done,
      ),
    removeAccount: (name) => ask(accountPath(name), { method: 'DELETE', headers: REQUEST_HEADER }, done),
    changeRole: (name, role) => ask(accountPath(name), jsonWrite('PATCH', { role }), done),
    setPassword: (name, password, currentPassword) =>
      ask(
        `${accountPath(name)}/password`,
        jsonWrite('POST', currentPassword === undefined ? { password } : { password, currentPassword }),
        done,
      ),
  };
}

/**
 * `{ accounts: [...] }` in the order the server keeps them, entries that fail the checks left
 * out (an unknown role included: nothing could be offered for it); null if no list.
 */
export function parseAccountList(json: unknown): AccountListing[] | null {
  if (!isObject(json) || !Array.isArray(json.accounts)) return null;
  return json.accounts.flatMap((entry: unknown): AccountListing[] => {
    if (!isObject(entry)) return [];
    const { name, role, prefixes, createdAt } = entry;
    if (typeof name !== 'string' || name === '' || typeof createdAt !== 'string') return [];
    if (role !== 'owner' && role !== 'control' && role !== 'view' && role !== 'device') return [];
    const listed: string[] = Array.isArray(prefixes)
      ? prefixes.filter((prefix: unknown): prefix is string => typeof prefix === 'string')
      : [];
    return [
      {
        name: name.slice(0, TEXT_MAX_CHARS),
        role,
        prefixes: role === 'device' ? listed.map((prefix) => prefix.slice(0, TEXT_MAX_CHARS)) : [],
        createdAt: createdAt.slice(0, TEXT_MAX_CHARS),
      },
    ];
  });
}

/** An account's address: its name escaped, though names are only letters, digits, `.`, `_` and `-`. */
function accountPath(name: string): string {
  return `/api/accounts/${encodeURIComponent(name)}`;
}

/** A write of `body` as JSON, with Hearth's request header. */
function jsonWrite(method: 'POST' | 'PATCH', body: unknown): RequestInit {
  return {
    method,
    headers: { ...REQUEST_HEADER, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/** A write's answer: only whether it was done. */
function done(): { value: null } {
  return { value: null };
}

/** `{ screens: [...] }` (or `{ screens: [], open: true }`), entries that fail the checks left out; null if no list. */
export function parseScreens(json: unknown): ScreenEntry[] | null {
  if (!isObject(json) || !Array.isArray(json.screens)) return null;
  return json.screens.flatMap((entry: unknown): ScreenEntry[] => {
    if (!isObject(entry)) return [];
    const { id, account, role, kind, label, createdAt, lastSeenAt, current } = entry;
    if (typeof id !== 'string' || id === '' || typeof account !== 'string') return [];
    if (kind !== 'session' && kind !== 'screen') return [];
    if (!isTime(createdAt) || !isTime(lastSeenAt)) return [];
    return [
      {
        id: id.slice(0, TEXT_MAX_CHARS),
        account: account.slice(0, TEXT_MAX_CHARS),
        role: typeof role === 'string' ? role.slice(0, TEXT_MAX_CHARS) : '',
        kind,
        label: typeof label === 'string' ? label.slice(0, TEXT_MAX_CHARS) : '',
        createdAt,
        lastSeenAt,
        current: current === true,
      },
    ];
  });
}

/** `{ actions: [...] }` newest first, entries that fail the checks left out; null if no list. */
export function parseControlLog(json: unknown): ControlAction[] | null {
  if (!isObject(json) || !Array.isArray(json.actions)) return null;
  const actions = json.actions.flatMap((entry: unknown): ControlAction[] => {
    if (!isObject(entry)) return [];
    const { at, account, role, screen, kind, topic, payload, retained } = entry;
    if (!isTime(at) || typeof topic !== 'string' || topic === '' || typeof payload !== 'string') return [];
    if (account !== null && typeof account !== 'string') return [];
    return [
      {
        at,
        account: account === null ? null : account.slice(0, TEXT_MAX_CHARS),
        role: typeof role === 'string' ? role.slice(0, TEXT_MAX_CHARS) : null,
        screen: typeof screen === 'string' ? screen.slice(0, TEXT_MAX_CHARS) : '',
        kind: kind === 'screen' || kind === 'open' ? kind : 'session',
        topic: topic.slice(0, TEXT_MAX_CHARS * 4),
        payload: payload.slice(0, PAYLOAD_MAX_CHARS),
        retained: retained === true,
      },
    ];
  });
  // Newest first, whatever order the server kept them in.
  return actions.sort((a, b) => b.at - a.at);
}

/** A parser's list as a read answer, or null when there was none. */
function found<T>(parse: (json: unknown) => T | null): (json: unknown) => { value: T } | null {
  return (json) => {
    const value = parse(json);
    return value === null ? null : { value };
  };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

async function readJson(response: Response): Promise<unknown> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function errorOf(json: unknown): string | null {
  if (!isObject(json) || typeof json.error !== 'string' || json.error.trim() === '') return null;
  return json.error.slice(0, TEXT_MAX_CHARS);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
