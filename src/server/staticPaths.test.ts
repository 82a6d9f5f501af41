import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheControlFor, contentTypeFor, resolveStaticPath } from './staticPaths.ts';

const root = path.resolve('/srv/hearth/dist');
const fileAt = (...parts: string[]) => path.join(root, ...parts);

describe('resolveStaticPath', () => {
  it('serves index.html for the root', () => {
    expect(resolveStaticPath(root, '/')).toEqual({
      kind: 'file',
      filePath: fileAt('index.html'),
      spaRoute: true,
    });
  });

  it('maps a hashed asset to its file', () => {
    expect(resolveStaticPath(root, '/assets/index-B2x9.js')).toEqual({
      kind: 'file',
      filePath: fileAt('assets', 'index-B2x9.js'),
      spaRoute: false,
    });
  });

  it('marks extensionless paths as app routes, which fall back to index.html', () => {
    expect(resolveStaticPath(root, '/settings')).toMatchObject({ spaRoute: true });
    expect(resolveStaticPath(root, '/devices/kitchen')).toMatchObject({ spaRoute: true });
    expect(resolveStaticPath(root, '/missing.png')).toMatchObject({ spaRoute: false });
  });

  it('decodes percent-encoded names', () => {
    expect(resolveStaticPath(root, '/icons/living%20room.svg')).toMatchObject({
      filePath: fileAt('icons', 'living room.svg'),
    });
  });

  it.each([
    '/../etc/passwd',
    '/assets/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%2E%2E/%2E%2E/etc/passwd',
    '//etc/passwd',
  ])('keeps %s inside the dashboard folder', (pathname) => {
    expect(resolveStaticPath(root, pathname)).toEqual({
      kind: 'file',
      filePath: fileAt('etc', 'passwd'),
      spaRoute: true,
    });
  });

  it.each(['/a%5c..%5c..%5cetc', '/index.html%00.png', '/%E0%A4%A'])(
    'refuses %s as a bad request',
    (pathname) => {
      expect(resolveStaticPath(root, pathname)).toMatchObject({ kind: 'rejected', status: 400 });
    },
  );

  it('does not serve hidden files', () => {
    expect(resolveStaticPath(root, '/.env')).toMatchObject({ kind: 'rejected', status: 404 });
    expect(resolveStaticPath(root, '/.git/config')).toMatchObject({ kind: 'rejected', status: 404 });
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-B2x9.js', 'text/javascript; charset=utf-8'],
    ['assets/index-9a8b.css', 'text/css; charset=utf-8'],
    ['manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['favicon.svg', 'image/svg+xml'],
    ['icon-192.PNG', 'image/png'],
    ['favicon.ico', 'image/x-icon'],
    ['assets/inter.woff2', 'font/woff2'],
    ['robots.txt', 'text/plain; charset=utf-8'],
    ['data.json', 'application/json; charset=utf-8'],
    ['archive.bin', 'application/octet-stream'],
  ])('types %s as %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('cacheControlFor', () => {
  it('caches hashed assets for a year', () => {
    expect(cacheControlFor('/assets/index-B2x9.js')).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/favicon.svg'])(
    'makes the browser revalidate %s, whose name survives releases',
    (pathname) => {
      expect(cacheControlFor(pathname)).toBe('no-cache');
    },
  );
});
