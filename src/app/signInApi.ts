import { type Account, parseRole } from '../store/accountSlice';

/** The header the server asks of every write to /api (a cross-site form cannot send it). */
export const REQUEST_HEADER = { 'X-Hearth-Request': '1' } as const;
/** A server slower than this at start is treated as absent: the dashboard starts as it would without one. */
export const SESSION_TIMEOUT_MS = 5000;

/** The longest screen label the server keeps ("Kitchen tablet"). */
export const SCREEN_LABEL_MAX_CHARS = 80;

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Who this browser is to the server, asked once at start:
 * - `open`: the server has no accounts (on loopback, or started with --allow-anonymous);
 * - `standalone`: no Hearth server answers /api/session (static hosting, an older server, offline):
 *   the dashboard starts exactly as it did before accounts;
 * - `signed-in`: a session or a kept screen (`via`), with its account, role and the screen's label;
 * - `signed-out`: the server has accounts and this browser has no session: show the sign-in;
 * - `unreachable`: no answer (the network failed, it timed out, the server said 5xx): a Hearth
 *   may be restarting. A browser that knew accounts there waits for it (see sessionMemory);
 *   one that never did starts as `standalone`, as before accounts.
 */
export type SessionState =
  | { kind: 'open' }
  | { kind: 'standalone' }
  | { kind: 'unreachable' }
  | { kind: 'signed-in'; name: string; role: string; via: 'session' | 'screen'; label: string }
  | { kind: 'signed-out' };

export type SignInAnswer = { ok: true; name: string; role: string } | { ok: false; reason: string };

export interface SignInForm {
  name: string;
  password: string;
  keepSignedIn: boolean;
  /** The kept screen's label ("Kitchen tablet"); the server names it after the account when empty. */
  screenLabel?: string;
}

/** `GET /api/session`. Never rejects: anything but the server's own answers is `standalone`. */
export async function askSession(fetcher: Fetch, timeoutMs = SESSION_TIMEOUT_MS): Promise<SessionState> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetcher('/api/session', {
      signal: controller.signal,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (response.status >= 500) return { kind: 'unreachable' };
    const json = await readJson(response);
    if (!isObject(json)) return { kind: 'standalone' };
    if (response.status === 401 && json.accounts === true) return { kind: 'signed-out' };
    if (!response.ok) return { kind: 'standalone' };
    if (json.open === true) return { kind: 'open' };
    if (typeof json.name === 'string' && typeof json.role === 'string') {
      const via = json.kind === 'screen' ? 'screen' : 'session';
      const label = typeof json.label === 'string' ? json.label.slice(0, SCREEN_LABEL_MAX_CHARS) : '';
      return { kind: 'signed-in', name: json.name, role: json.role, via, label };
    }
    return { kind: 'standalone' };
  } catch {
    return { kind: 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

/** Who the page is to the rest of the app, from the server's answer at start. */
export function accountOf(session: SessionState): Account {
  switch (session.kind) {
    case 'signed-in':
      return { ...session, role: parseRole(session.role) };
    case 'signed-out':
      return { kind: 'signed-out', why: 'signed-out' };
    case 'open':
    case 'standalone':
      return session;
    case 'unreachable':
      return { kind: 'standalone' };
  }
}

const ACCOUNTS_SEEN_KEY = 'hearth.accounts.seen';

/**
 * Whether this browser last found accounts on its server: then a server that does not answer
 * (restarting, the Wi-Fi down) is waited for, never taken for "no server", which would start the
 * dashboard with every control shown to a `view` tablet.
 */
export const sessionMemory = {
  knewAccounts(storage: Pick<Storage, 'getItem'> | null = safeStorage()): boolean {
    return storage?.getItem(ACCOUNTS_SEEN_KEY) === '1';
  },
  remember(
    session: SessionState,
    storage: Pick<Storage, 'setItem' | 'removeItem'> | null = safeStorage(),
  ): void {
    try {
      if (session.kind === 'signed-in' || session.kind === 'signed-out')
        storage?.setItem(ACCOUNTS_SEEN_KEY, '1');
      else if (session.kind === 'open' || session.kind === 'standalone')
        storage?.removeItem(ACCOUNTS_SEEN_KEY);
    } catch {
      // Private mode or a full quota: the next start asks again, no worse than before.
    }
  },
};

function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** `POST /api/login`. Never rejects; a refusal comes back in the server's words, with the wait if throttled. */
export async function signIn(fetcher: Fetch, form: SignInForm): Promise<SignInAnswer> {
  try {
    const response = await fetcher('/api/login', {
      method: 'POST',
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...REQUEST_HEADER },
      body: JSON.stringify({
        name: form.name,
        password: form.password,
        keepSignedIn: form.keepSignedIn,
        ...(form.keepSignedIn && form.screenLabel ? { screenLabel: form.screenLabel } : {}),
      }),
    });
    const json = await readJson(response);
    if (response.ok && isObject(json) && typeof json.name === 'string' && typeof json.role === 'string')
      return { ok: true, name: json.name, role: json.role };
    const said = isObject(json) && typeof json.error === 'string' ? json.error : null;
    // The server's words already say how long to wait; Retry-After stands in when it gave none.
    if (response.status === 429 && said === null) {
      const seconds = Number(response.headers.get('Retry-After'));
      const wait = Number.isFinite(seconds) && seconds > 0 ? ` Try again in ${describeWait(seconds)}.` : '';
      return { ok: false, reason: `Too many failed sign-ins.${wait}` };
    }
    return { ok: false, reason: said ?? `The server answered ${response.status}; try again in a moment.` };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `Hearth cannot be reached (${why}); check the network and try again.` };
  }
}

/** "1 second", "45 seconds", "3 minutes": the wait as a person reads it. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Whether an /api answer means this browser was signed out meanwhile (its session ended, its
 * account changed): the server's 401 with `accounts: true`. The caller goes back to sign-in.
 */
export async function isSignedOutAnswer(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const json = await readJson(response.clone());
  return isObject(json) && json.accounts === true;
}

/** `fetcher`, calling `onSignedOut` when an answer says this browser's session has ended. */
export function watchSignOut(fetcher: Fetch, onSignedOut: () => void): Fetch {
  return async (input, init) => {
    const response = await fetcher(input, init);
    if (await isSignedOutAnswer(response)) onSignedOut();
    return response;
  };
}

/**
 * `POST /api/logout`. Never rejects. An answer that says the session had already ended counts
 * as signed out: either way the page goes back to sign-in.
 */
export async function signOut(fetcher: Fetch): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    const response = await fetcher('/api/logout', {
      method: 'POST',
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...REQUEST_HEADER },
    });
    if (response.ok || (await isSignedOutAnswer(response))) return { ok: true };
    const json = await readJson(response);
    const said = isObject(json) && typeof json.error === 'string' ? json.error.slice(0, 300) : null;
    return { ok: false, reason: said ?? `The server answered ${response.status}; try again in a moment.` };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `Hearth cannot be reached (${why}); check the network and try again.` };
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
