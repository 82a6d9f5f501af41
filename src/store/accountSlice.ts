/** The roles a person signs in with (device accounts sign in to the broker, never to the page). */
export type Role = 'owner' | 'control' | 'view';

/**
 * Who this page is to the Hearth server:
 * - `standalone`: no Hearth server answers (static hosting, an older server): as before accounts;
 * - `open`: a Hearth server with no accounts: everyone may do everything, as before accounts;
 * - `signed-in`: a person's browser session, or a screen kept signed in (`via: 'screen'`, with
 *   the label it was given, "Kitchen tablet");
 * - `signed-out`: the session ended while the page was open (`ended`), or the person signed out.
 */
export type Account =
  | { kind: 'standalone' }
  | { kind: 'open' }
  | { kind: 'signed-in'; name: string; role: Role; via: 'session' | 'screen'; label: string }
  | { kind: 'signed-out'; why: 'ended' | 'signed-out' };

/** A signed-in browser or kept screen, as `GET /api/screens` lists it. */
export interface ScreenEntry {
  id: string;
  account: string;
  role: string;
  kind: 'session' | 'screen';
  /** The screen's label ("Kitchen tablet"); empty for a browser session. */
  label: string;
  createdAt: number;
  lastSeenAt: number;
  /** This page's own session. */
  current: boolean;
}

/** A command a person's screen sent through the broker, as `GET /api/control-log` lists it. */
export interface ControlAction {
  at: number;
  /** Null in a house with no accounts. */
  account: string | null;
  role: string | null;
  /** The kept screen's label; empty for a browser session. */
  screen: string;
  kind: 'session' | 'screen' | 'open';
  topic: string;
  payload: string;
  retained: boolean;
}

/** What an account is: a person's role, or a device's MQTT login. */
export type AccountRole = Role | 'device';

/** An account as `GET /api/accounts` lists it (to owners): never its password. */
export interface AccountListing {
  name: string;
  role: AccountRole;
  /** A device's topic prefixes (`tele/plug/`); empty for a person. */
  prefixes: string[];
  /** When it was added, ISO 8601. */
  createdAt: string;
}

/** A new account as an owner fills it in; the server checks it by the same rules as `npm run user`. */
export interface NewAccount {
  name: string;
  role: AccountRole;
  password: string;
  /** A device's topic prefixes; none gives it its name as one. */
  prefixes: string[];
}

/** What a question about accounts came to: the answer, or why not in words. */
export type AccountsReply<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * The server's account routes, as views use them (app/accountsApi.ts makes one; set at start, as
 * the session sets the publisher). An answer that says the session ended also tells the store.
 */
export interface AccountsClient {
  /** `GET /api/screens`: every session and kept screen (an owner), or the person's own. */
  listScreens(signal?: AbortSignal): Promise<AccountsReply<ScreenEntry[]>>;
  /** `DELETE /api/screens/<id>`: signs that browser or screen out. */
  removeScreen(id: string): Promise<AccountsReply<null>>;
  /** `GET /api/control-log`: the newest control actions first, at most `limit`. */
  controlLog(limit: number, signal?: AbortSignal): Promise<AccountsReply<ControlAction[]>>;
  /** `POST /api/logout`: ends this browser's session (or this screen's). */
  signOut(): Promise<AccountsReply<null>>;
  /** `GET /api/accounts` (owners): every account, in the order added. */
  listAccounts(signal?: AbortSignal): Promise<AccountsReply<AccountListing[]>>;
  /** `POST /api/accounts` (owners). */
  addAccount(account: NewAccount): Promise<AccountsReply<null>>;
  /** `DELETE /api/accounts/<name>` (owners): its screens are signed out at once. */
  removeAccount(name: string): Promise<AccountsReply<null>>;
  /** `PATCH /api/accounts/<name>` (owners): a person's role; they sign in again with it. */
  changeRole(name: string, role: Role): Promise<AccountsReply<null>>;
  /**
   * `POST /api/accounts/<name>/password`: an owner sets another's; anyone changes their own with
   * `currentPassword`. Every screen signed in as that account then signs in again.
   */
  setPassword(name: string, password: string, currentPassword?: string): Promise<AccountsReply<null>>;
}

export interface AccountState {
  account: Account;
  /** Null until the app sets it; standalone pages never do. */
  accountsClient: AccountsClient | null;
  /**
   * Bumped when an answer hinted that the session ended (a 401 from the API, the broker's
   * WebSocket refused): the session watch (app/sessionWatch.ts) asks the server to be sure.
   */
  sessionDoubts: number;
  setAccount(account: Account): void;
  setAccountsClient(client: AccountsClient | null): void;
  /** Something suggests the session ended; only a signed-in page has one to doubt. */
  doubtSession(): void;
  /** The server said this browser is signed out: the page goes back to its sign-in. */
  endSession(why: 'ended' | 'signed-out'): void;
}

type Set = (partial: Partial<AccountState>) => void;
type Get = () => AccountState;

/** The signed-in person's state and actions, spread into the one store. */
export function createAccountSlice(set: Set, get: Get): AccountState {
  return {
    account: { kind: 'standalone' },
    accountsClient: null,
    sessionDoubts: 0,
    setAccount(account) {
      set({ account });
    },
    setAccountsClient(accountsClient) {
      set({ accountsClient });
    },
    doubtSession() {
      // An open house may have got its first account meanwhile: worth asking too.
      const { kind } = get().account;
      if (kind === 'signed-in' || kind === 'open') set({ sessionDoubts: get().sessionDoubts + 1 });
    },
    endSession(why) {
      if (get().account.kind === 'signed-out') return;
      set({ account: { kind: 'signed-out', why } });
    },
  };
}

/** A role as the server wrote it; anything unknown is read as the least: `view`. */
export function parseRole(role: unknown): Role {
  return role === 'owner' || role === 'control' ? role : 'view';
}
