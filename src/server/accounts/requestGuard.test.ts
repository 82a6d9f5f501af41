import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clearedCookieHeader,
  cookieHeader,
  isPublicPath,
  isWriteAllowed,
  readSessionCookie,
  SCREEN_COOKIE_MAX_AGE_SEC,
} from './requestGuard.ts';

const TOKEN = 'q3Vt0_LZ-8kS1m2n3o4p5q6r7s8t9u0v1w2x3y4z5A6';
const HOST = '192.168.1.5:8080';

/** A write as Hearth's page sends it from http://192.168.1.5:8080. */
function pageWrite(overrides: Record<string, string | string[] | undefined> = {}) {
  return {
    method: 'POST',
    pathname: '/api/layout',
    secure: false,
    headers: {
      host: HOST,
      origin: `http://${HOST}`,
      'sec-fetch-site': 'same-origin',
      'x-hearth-request': '1',
      cookie: `theme=dark; hearth_session=${TOKEN}`,
      ...overrides,
    },
  };
}

describe('cookieHeader', () => {
  it('makes a browser session cookie that ends with the browser', () => {
    expect(cookieHeader(TOKEN, { secure: false })).toBe(
      `hearth_session=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`,
    );
  });

  it('marks the cookie Secure under TLS', () => {
    expect(cookieHeader(TOKEN, { secure: true })).toBe(
      `hearth_session=${TOKEN}; Path=/; HttpOnly; SameSite=Strict; Secure`,
    );
  });

  it('gives a screen token a long Max-Age', () => {
    expect(cookieHeader(TOKEN, { secure: true, maxAgeSec: SCREEN_COOKIE_MAX_AGE_SEC })).toContain(
      '; Max-Age=34560000;',
    );
  });

  it('refuses to write a token that could break out of the cookie', () => {
    expect(() => cookieHeader(`${TOKEN}; Domain=evil.example`, { secure: false })).toThrow(/base64url/);
  });

  it('signs out with an empty, expired cookie of the same name and path', () => {
    expect(clearedCookieHeader({ secure: true })).toBe(
      'hearth_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure',
    );
  });
});

describe('readSessionCookie', () => {
  it('finds the session among other cookies', () => {
    expect(readSessionCookie(`theme=dark; hearth_session=${TOKEN}; lang=en`)).toBe(TOKEN);
  });

  it('reads a header without spaces after the semicolons', () => {
    expect(readSessionCookie(`a=1;hearth_session=${TOKEN}`)).toBe(TOKEN);
  });

  it('finds nothing when there is no cookie', () => {
    expect(readSessionCookie(undefined)).toBeNull();
    expect(readSessionCookie('')).toBeNull();
    expect(readSessionCookie('theme=dark')).toBeNull();
  });

  it('does not take a cookie whose name only ends like ours', () => {
    expect(readSessionCookie(`x_hearth_session=${TOKEN}`)).toBeNull();
  });

  it('ignores a malformed token', () => {
    for (const bad of [
      'hearth_session=',
      'hearth_session="abc"',
      'hearth_session=a%20b',
      'hearth_session=<script>',
    ]) {
      expect(readSessionCookie(bad)).toBeNull();
    }
  });

  it('takes the first well-formed one when the name repeats', () => {
    expect(readSessionCookie(`hearth_session=bad!; hearth_session=${TOKEN}; hearth_session=other`)).toBe(
      TOKEN,
    );
  });

  it('does not read a 100 kB header', () => {
    const header = `${'junk=x; '.repeat(12_500)}hearth_session=${TOKEN}`;
    expect(header.length).toBeGreaterThan(100_000);
    expect(readSessionCookie(header)).toBeNull();
  });
});

describe('isWriteAllowed', () => {
  it('lets reads through without anything', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(isWriteAllowed({ method, pathname: '/api/devices', headers: {}, secure: false })).toEqual({
        ok: true,
      });
    }
  });

  it('lets a write from Hearth’s own page through', () => {
    expect(isWriteAllowed(pageWrite())).toEqual({ ok: true });
  });

  it('treats a lower-case method as a write, not a read', () => {
    expect(isWriteAllowed({ ...pageWrite({ 'x-hearth-request': undefined }), method: 'get' }).ok).toBe(false);
  });

  it('refuses a write without the Hearth header, as a cross-site form would send it', () => {
    expect(isWriteAllowed(pageWrite({ 'x-hearth-request': undefined }))).toEqual({
      ok: false,
      reason: "The request lacks the X-Hearth-Request header Hearth's page sends; reload the page.",
    });
  });

  it('refuses a Hearth header with another value', () => {
    expect(isWriteAllowed(pageWrite({ 'x-hearth-request': '0' })).ok).toBe(false);
    expect(isWriteAllowed(pageWrite({ 'x-hearth-request': ['1', '1'] })).ok).toBe(false);
  });

  it('refuses a write from another origin', () => {
    expect(isWriteAllowed(pageWrite({ origin: 'http://evil.example' })).ok).toBe(false);
    expect(isWriteAllowed(pageWrite({ origin: 'null' })).ok).toBe(false);
    expect(isWriteAllowed(pageWrite({ origin: `https://${HOST}` })).ok).toBe(false);
  });

  it('refuses a write the browser calls same-site or cross-site', () => {
    expect(isWriteAllowed(pageWrite({ 'sec-fetch-site': 'same-site' })).ok).toBe(false);
    expect(isWriteAllowed(pageWrite({ 'sec-fetch-site': 'cross-site' })).ok).toBe(false);
  });

  it('accepts an https origin under TLS', () => {
    expect(isWriteAllowed({ ...pageWrite({ origin: `https://${HOST}` }), secure: true })).toEqual({
      ok: true,
    });
  });

  it('matches the origin of a server on the default port', () => {
    expect(isWriteAllowed(pageWrite({ host: 'hearth.local', origin: 'http://hearth.local' }))).toEqual({
      ok: true,
    });
  });

  it('refuses an origin it cannot compare, for a missing or odd Host header', () => {
    expect(isWriteAllowed(pageWrite({ host: undefined })).ok).toBe(false);
    expect(isWriteAllowed(pageWrite({ host: 'evil.example@192.168.1.5:8080' })).ok).toBe(false);
  });

  it('lets a script without Origin or Sec-Fetch-Site through on the header and cookie alone', () => {
    expect(isWriteAllowed(pageWrite({ origin: undefined, 'sec-fetch-site': undefined }))).toEqual({
      ok: true,
    });
  });

  it('asks to sign in for a write without the session cookie', () => {
    expect(isWriteAllowed(pageWrite({ cookie: 'theme=dark' }))).toEqual({
      ok: false,
      reason: 'Sign in first: this change needs a signed-in session.',
    });
  });

  it('lets the login through without a session, but not without the header', () => {
    const login = { ...pageWrite({ cookie: undefined }), pathname: '/api/login' };
    expect(isWriteAllowed(login)).toEqual({ ok: true });
    expect(
      isWriteAllowed({ ...login, headers: { ...login.headers, 'x-hearth-request': undefined } }).ok,
    ).toBe(false);
  });

  it('reads header names in any case', () => {
    const headers = {
      Host: HOST,
      ORIGIN: `http://${HOST}`,
      'Sec-Fetch-Site': 'same-origin',
      'X-Hearth-Request': '1',
      Cookie: `hearth_session=${TOKEN}`,
    };
    expect(isWriteAllowed({ method: 'DELETE', pathname: '/api/layout', headers, secure: false })).toEqual({
      ok: true,
    });
  });

  it('refuses a second origin sent under another casing', () => {
    expect(isWriteAllowed(pageWrite({ Origin: 'http://evil.example' })).ok).toBe(false);
  });
});

describe('isPublicPath', () => {
  it('opens the app shell and the login', () => {
    for (const pathname of ['/', '/index.html', '/api/login', '/manifest.webmanifest', '/sw.js']) {
      expect(isPublicPath(pathname)).toBe(true);
    }
  });

  it('opens the built scripts and styles by their hashed names', () => {
    for (const name of ['index-DsPmxC2I.js', 'index-T4XqVa0w.css', 'workbox-window.prod.es5-Bd17z0YL.js']) {
      expect(isPublicPath(`/assets/${name}`)).toBe(true);
    }
    expect(isPublicPath('/workbox-2fbc6a65.js')).toBe(true);
  });

  it('opens every file of public/, which the build copies to the root', () => {
    const publicDir = path.resolve(import.meta.dirname, '../../../public');
    for (const name of readdirSync(publicDir)) expect(isPublicPath(`/${name}`), name).toBe(true);
  });

  it('keeps the API and the broker behind the session', () => {
    for (const pathname of ['/api/devices', '/api/history', '/api/events', '/api/layout', '/api', '/mqtt']) {
      expect(isPublicPath(pathname)).toBe(false);
    }
  });

  it('keeps paths that only look like public ones closed', () => {
    for (const pathname of [
      '/api/login/',
      '/api/login/../devices',
      '/assets/../api/devices',
      '/assets/%2e%2e/x.js',
      '/assets/.hidden.js',
      '/assets/sub/dir.js',
      '//sw.js',
      '/sw.js?x=1',
      '/INDEX.HTML',
      '/assets/index.js.map',
      '/workbox-window.js',
    ]) {
      expect(isPublicPath(pathname), pathname).toBe(false);
    }
  });
});
