/**
 * Decisions at the HTTP edge once accounts exist: the session cookie's form, whether a write is
 * a CSRF-proof request from Hearth's own page, and which paths answer without a session.
 */

export const SESSION_COOKIE_NAME = 'hearth_session';
/** The header Hearth's page sends with every write; a cross-site form cannot send it. */
export const REQUEST_HEADER_NAME = 'X-Hearth-Request';
export const LOGIN_PATH = '/api/login';
/**
 * A screen token's cookie lifetime: browsers cap Max-Age at 400 days (Chrome, and the cookie
 * spec's draft), so the server should send the cookie again now and then to keep a tablet in.
 */
export const SCREEN_COOKIE_MAX_AGE_SEC = 400 * 24 * 60 * 60;
/** Longer than Node's whole default header limit (16 KiB): no browser sends it, so it is not read. */
export const COOKIE_HEADER_MAX_CHARS = 16 * 1024;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,512}$/;

/** Headers as Node hands them (lower-case names); other casings are read too. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

export type WriteDecision = { ok: true } | { ok: false; reason: string };

/**
 * The Set-Cookie value that carries a session or screen token: HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page sends it), Path=/, and Secure under TLS. A browser
 * session's cookie has no Max-Age, so it ends with the browser; a screen's has `maxAgeSec`.
 */
export function cookieHeader(
  token: string,
  { secure, maxAgeSec }: { secure: boolean; maxAgeSec?: number },
): string {
  if (!TOKEN_PATTERN.test(token)) throw new Error('A session token is base64url; this one is not.');
  const parts = [`${SESSION_COOKIE_NAME}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (maxAgeSec !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(maxAgeSec))}`);
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The Set-Cookie value that signs a browser out: the same cookie, empty and already expired. */
export function clearedCookieHeader({ secure }: { secure: boolean }): string {
  return [
    `${SESSION_COOKIE_NAME}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    'Max-Age=0',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/**
 * The session token in a Cookie header, or null: absent, malformed, or a header too long to be
 * a browser's. Other cookies are ignored; if several carry our name, the first well-formed wins.
 */
export function readSessionCookie(header: string | readonly string[] | undefined): string | null {
  const joined = typeof header === 'string' ? header : header?.join('; ');
  if (joined === undefined || joined.length > COOKIE_HEADER_MAX_CHARS) return null;
  for (const pair of joined.split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0 || pair.slice(0, equals).trim() !== SESSION_COOKIE_NAME) continue;
    const value = pair.slice(equals + 1).trim();
    if (TOKEN_PATTERN.test(value)) return value;
  }
  return null;
}

/** Methods that change nothing (HTTP is case-sensitive: `get` is not GET, so it is a write). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may change something. Safe methods pass. A write needs the
 * `X-Hearth-Request: 1` header, which a cross-site form or image cannot send and a cross-site
 * script can only send after a CORS preflight Hearth never grants; if the browser says where the
 * request came from (`Sec-Fetch-Site`, `Origin`), it must be this very origin; and, but for the
 * login itself, the session cookie. Whether that cookie's session is live is the session store's
 * question, asked after this one. Clients that send neither Origin nor Sec-Fetch-Site (scripts,
 * old browsers) pass on the header and the cookie alone.
 */
export function isWriteAllowed({
  method,
  pathname,
  headers,
  secure,
}: {
  method: string;
  pathname: string;
  headers: RequestHeaders;
  secure: boolean;
}): WriteDecision {
  if (SAFE_METHODS.has(method)) return { ok: true };
  const marker = headerValues(headers, REQUEST_HEADER_NAME);
  if (marker.length !== 1 || marker[0] !== '1') {
    return refuse(
      `The request lacks the ${REQUEST_HEADER_NAME} header Hearth's page sends; reload the page.`,
    );
  }
  const fetchSite = headerValues(headers, 'sec-fetch-site');
  if (fetchSite.length > 0 && (fetchSite.length !== 1 || fetchSite[0] !== 'same-origin')) {
    return refuse('The request came from another site; changes are accepted only from Hearth’s own page.');
  }
  const origin = headerValues(headers, 'origin');
  if (origin.length > 0) {
    const expected = originOf(headerValues(headers, 'host'), secure);
    if (origin.length !== 1 || expected === null || origin[0] !== expected) {
      return refuse('The request came from another site; changes are accepted only from Hearth’s own page.');
    }
  }
  if (pathname !== LOGIN_PATH && readSessionCookie(headerValues(headers, 'cookie')) === null) {
    return refuse('Sign in first: this change needs a signed-in session.');
  }
  return { ok: true };
}

/**
 * What answers without a session: the login and the PWA shell, so the service worker can install
 * and a signed-out screen can show the login page offline or online. The shell holds no house
 * data (that comes from /api and /mqtt, which stay behind the session); its scripts are the same
 * for everyone. Listed by name as public/ and the Vite build put them in dist/:
 * - `/` and `/index.html`: the app, which shows the login page when /api says 401.
 *   (The app routes by query string, `?view=`, so no other page path is needed.)
 * - `/assets/<name>-<hash>.js|css`: the app's scripts and styles, login form included.
 * - `/sw.js`, `/workbox-<hash>.js`, `/manifest.webmanifest`: the service worker and the manifest.
 * - `/favicon.svg`, `/apple-touch-icon.png`, `/icon-192.png`, `/icon-512.png`,
 *   `/icon-maskable-512.png`, `/robots.txt`, `/theme-boot.js`: public/ as copied to dist/.
 * - `POST /api/login` (LOGIN_PATH).
 * Anything else, including any other file a later build adds, needs a session until it is listed
 * here. `pathname` is the URL's path as sent, before percent-decoding and without the query; an
 * encoded, doubled or dotted path is not public (conservative: the static files decode it).
 */
export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.has(pathname) || PUBLIC_PATTERNS.some((pattern) => pattern.test(pathname));
}

const PUBLIC_PATHS = new Set([
  '/',
  '/index.html',
  '/manifest.webmanifest',
  '/sw.js',
  '/favicon.svg',
  '/apple-touch-icon.png',
  '/icon-192.png',
  '/icon-512.png',
  '/icon-maskable-512.png',
  '/robots.txt',
  '/theme-boot.js',
  LOGIN_PATH,
]);

const PUBLIC_PATTERNS = [
  /^\/assets\/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,200}\.(?:js|css)$/,
  /^\/workbox-[0-9a-f]{8}\.js$/,
];

function refuse(reason: string): WriteDecision {
  return { ok: false, reason };
}

/** Every value of a header, whatever the casing of its name (Node lower-cases; tests may not). */
function headerValues(headers: RequestHeaders, name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string') values.push(value);
    else values.push(...value);
  }
  return values;
}

/** `http://host:port` as a browser writes this server's origin, from the Host header; null if odd. */
function originOf(host: readonly string[], secure: boolean): string | null {
  if (host.length !== 1 || !/^[A-Za-z0-9.:[\]-]{1,300}$/.test(host[0] ?? '')) return null;
  try {
    return new URL(`${secure ? 'https' : 'http'}://${host[0]}`).origin;
  } catch {
    return null;
  }
}
