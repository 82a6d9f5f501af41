import path from 'node:path';

/** Where a request path leads inside the built dashboard. */
export type StaticTarget =
  /** `spaRoute`: an extensionless path the app routes itself, so a missing file means index.html. */
  | { kind: 'file'; filePath: string; spaRoute: boolean }
  | { kind: 'rejected'; status: 400 | 404; reason: string };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

/**
 * Maps a URL pathname (still percent-encoded) to a file under `root`. Never leaves `root`: `..`
 * collapses against the URL root, and encoded separators, NUL bytes and hidden (dot) files are
 * refused. `/` is index.html.
 */
export function resolveStaticPath(root: string, encodedPathname: string): StaticTarget {
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPathname);
  } catch {
    return { kind: 'rejected', status: 400, reason: 'The path is not valid percent-encoding.' };
  }
  if (pathname.includes('\0') || pathname.includes('\\') || !pathname.startsWith('/')) {
    return { kind: 'rejected', status: 400, reason: 'The path holds characters a file name cannot.' };
  }
  const normalized = path.posix.normalize(pathname);
  const segments = normalized.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) {
    return { kind: 'rejected', status: 404, reason: 'Hidden files are not served.' };
  }
  const last = segments.at(-1);
  const relative = last === undefined || normalized.endsWith('/') ? [...segments, 'index.html'] : segments;
  const filePath = path.join(root, ...relative);
  const inside = path.relative(root, filePath);
  if (inside.startsWith('..') || path.isAbsolute(inside)) {
    return { kind: 'rejected', status: 404, reason: 'Outside the dashboard.' };
  }
  return { kind: 'file', filePath, spaRoute: last === undefined || path.posix.extname(last) === '' };
}

/** The Content-Type for a file, by its extension; unknown kinds download as bytes. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Vite names files under /assets by a hash of their content, so they never change and can be
 * cached for good. Everything else (index.html, the service worker, the manifest, icons) keeps a
 * stable name across releases, so the browser must revalidate it (cheap, thanks to the ETag)
 * or it would keep an old release.
 */
export function cacheControlFor(encodedPathname: string): string {
  return encodedPathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}
