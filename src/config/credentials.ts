import { defaultBrokerUrl } from '../core/connectionStatus';
import type { BrokerProfile, Settings } from './settings';

/** What a connection signs in with; both empty means anonymous. */
export interface Credentials {
  username: string;
  password: string;
}

export const NO_CREDENTIALS: Credentials = { username: '', password: '' };

/** Where saved credentials live: the saved active connection, and the saved profiles. */
export interface CredentialOwners {
  /** The broker the active credentials were saved for (null: the page's own broker). */
  brokerUrl: string | null;
  username: string;
  password: string;
  profiles: readonly Pick<BrokerProfile, 'name' | 'brokerUrl' | 'username' | 'password'>[];
}

/** The page's own address, which decides what a null (default) broker URL means. */
export interface PageLocation {
  protocol: string;
  host: string;
}

const DEFAULT_PORTS: Record<string, string> = { 'ws:': '80', 'wss:': '443', 'http:': '80', 'https:': '443' };

/**
 * A broker's identity for credentials: scheme, host, port and path, so `ws://Hub/mqtt` and
 * `ws://hub:80/mqtt` are one broker while another port or path is another. Null (or empty)
 * means the page's default broker. Query, fragment and any user info in the URL are not part of
 * it. Null when the text is not a URL (it then matches nothing).
 */
export function brokerIdentity(url: string | null, page: PageLocation): string | null {
  const text = url === null || url.trim() === '' ? defaultBrokerUrl(page) : url.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return null;
  }
  const port = parsed.port !== '' ? parsed.port : (DEFAULT_PORTS[parsed.protocol] ?? '');
  const path = parsed.pathname === '' ? '/' : parsed.pathname;
  return `${parsed.protocol}//${parsed.hostname}:${port}${path}`;
}

/** Whether two broker URLs (null: the page's default) name the same broker. */
export function isSameBroker(a: string | null, b: string | null, page: PageLocation): boolean {
  const identity = brokerIdentity(a, page);
  return identity !== null && identity === brokerIdentity(b, page);
}

/** The host a user recognises a broker by (`hub.local:9001`), or the text itself if not a URL. */
export function brokerHost(url: string | null, page: PageLocation): string {
  const text = url === null || url.trim() === '' ? defaultBrokerUrl(page) : url.trim();
  try {
    return new URL(text).host;
  } catch {
    return text;
  }
}

/**
 * What a connection to `target` (null: the page's default broker) signs in with. Credentials
 * belong to the broker they were saved for and go to no other URL, so a link or a file naming
 * another broker cannot collect them: the saved active credentials when `target` is the broker
 * they were saved for; else a saved profile's when `target` is that profile's URL; else none.
 */
export function credentialsFor(
  target: string | null,
  owners: CredentialOwners,
  page: PageLocation,
): Credentials {
  const identity = brokerIdentity(target, page);
  if (identity === null) return NO_CREDENTIALS;
  if (hasCredentials(owners) && brokerIdentity(owners.brokerUrl, page) === identity) {
    return { username: owners.username, password: owners.password };
  }
  const profile = owners.profiles.find(
    (p) => hasCredentials(p) && brokerIdentity(p.brokerUrl, page) === identity,
  );
  return profile === undefined ? NO_CREDENTIALS : { username: profile.username, password: profile.password };
}

/**
 * Saved profiles with credentials on `target`'s host but at another URL (another port or
 * path): the ones worth offering when a link opens that host without signing in. A profile at
 * exactly `target` needs no offer, `credentialsFor` already uses it.
 */
export function profilesOnHost<P extends CredentialOwners['profiles'][number]>(
  target: string | null,
  profiles: readonly P[],
  page: PageLocation,
): P[] {
  const identity = brokerIdentity(target, page);
  if (identity === null) return [];
  const host = hostnameOf(target, page);
  return profiles.filter(
    (p) =>
      hasCredentials(p) &&
      hostnameOf(p.brokerUrl, page) === host &&
      brokerIdentity(p.brokerUrl, page) !== identity,
  );
}

/**
 * The settings a settings file makes, over `current`. When the file names another broker, the
 * current credentials stay with the current broker (kept as a profile named after its host,
 * unless a profile already holds them) and the new broker gets only the credentials the file
 * itself carries, so a file can never pair our password with its broker.
 */
export function settingsFromFile(current: Settings, fields: Partial<Settings>, page: PageLocation): Settings {
  const next: Settings = { ...current, ...fields };
  if (isSameBroker(next.brokerUrl, current.brokerUrl, page)) return next;
  const signIn = { username: fields.username ?? '', password: fields.password ?? '' };
  return { ...next, ...signIn, profiles: keepCredentials(current, next.profiles, page) };
}

/** `profiles` plus the current connection as a profile, when its credentials are kept nowhere else. */
function keepCredentials(
  current: Settings,
  profiles: readonly BrokerProfile[],
  page: PageLocation,
): BrokerProfile[] {
  if (!hasCredentials(current)) return [...profiles];
  const kept = profiles.some(
    (p) =>
      isSameBroker(p.brokerUrl, current.brokerUrl, page) &&
      p.username === current.username &&
      p.password === current.password,
  );
  if (kept) return [...profiles];
  const name = uniqueName(brokerHost(current.brokerUrl, page), profiles);
  return [
    ...profiles,
    {
      name,
      brokerUrl: current.brokerUrl,
      username: current.username,
      password: current.password,
      rememberPassword: current.rememberPassword,
      topics: [...current.topics],
      customPatterns: [...current.customPatterns],
    },
  ];
}

function uniqueName(base: string, profiles: readonly BrokerProfile[]): string {
  const taken = new Set(profiles.map((p) => p.name));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} (${n})`)) n++;
  return `${base} (${n})`;
}

function hasCredentials(c: Credentials): boolean {
  return c.username !== '' || c.password !== '';
}

function hostnameOf(url: string | null, page: PageLocation): string | null {
  const identity = brokerIdentity(url, page);
  return identity === null ? null : new URL(identity).hostname;
}
