import { createReadStream, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CompressedFiles, chooseEncoding, isCompressible } from './compressedFiles.ts';
import { cacheControlFor, contentTypeFor, resolveStaticPath } from './staticPaths.ts';

/** Serves static files; `warm` compresses them ahead of the first visit. */
export interface StaticHandler {
  (request: IncomingMessage, response: ServerResponse): void;
  /**
   * Compresses every compressible file (Brotli, what browsers ask for) now, one at a time, so
   * the first page load does not wait for it: compressing the largest chunks on demand made a
   * fresh server's first visit up to a second slower. Resolves when done; never rejects.
   */
  warm(): Promise<void>;
}

/**
 * Serves the built dashboard from `root`: GET and HEAD only, revalidation by ETag, Brotli or gzip
 * for text, and the app's index.html for extensionless paths it routes itself.
 */
export function createStaticHandler(root: string): StaticHandler {
  const resolvedRoot = path.resolve(root);
  const compressed = new CompressedFiles();
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    serveStatic(resolvedRoot, compressed, request, response).catch(() => {
      // The client left mid-transfer, or the file vanished under a rebuild: nothing left to tell it.
      if (!response.headersSent) sendText(response, 500, 'Could not read the file.');
      else response.destroy();
    });
  };
  return Object.assign(handler, { warm: () => warmCompressed(resolvedRoot, compressed) });
}

async function warmCompressed(root: string, compressed: CompressedFiles): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(root, { recursive: true })).map(String);
  } catch {
    return;
  }
  for (const name of names) {
    const filePath = path.join(root, name);
    const stats = await fileStats(filePath);
    if (stats === null || !isCompressible(contentTypeFor(filePath), stats.size)) continue;
    await compressed.get(filePath, fileVersion(stats), 'br').catch(() => {});
  }
}

/** Tells a rebuilt file apart: its size and modification time. */
function fileVersion(stats: Stats): string {
  return `${stats.size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}`;
}

async function serveStatic(
  root: string,
  compressed: CompressedFiles,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    sendText(response, 405, 'Only GET and HEAD are served here.');
    return;
  }
  const pathname = (request.url ?? '/').split('?')[0] ?? '/';
  const target = resolveStaticPath(root, pathname);
  if (target.kind === 'rejected') {
    sendText(response, target.status, target.status === 404 ? 'Not found.' : target.reason);
    return;
  }

  let filePath = target.filePath;
  let stats = await fileStats(filePath);
  let cacheControl = cacheControlFor(pathname);
  if (!stats && target.spaRoute) {
    filePath = path.join(root, 'index.html');
    stats = await fileStats(filePath);
    cacheControl = 'no-cache';
  }
  if (!stats) {
    sendText(response, 404, 'Not found.');
    return;
  }

  const contentType = contentTypeFor(filePath);
  const version = fileVersion(stats);
  const compressible = isCompressible(contentType, stats.size);
  const encoding = compressible ? chooseEncoding(request.headers['accept-encoding']) : null;
  // Each encoding is a different body, so it needs its own tag.
  const etag = `W/"${version}${encoding ? `-${encoding}` : ''}"`;
  response.setHeader('ETag', etag);
  response.setHeader('Cache-Control', cacheControl);
  response.setHeader('Content-Type', contentType);
  if (compressible) response.setHeader('Vary', 'Accept-Encoding');
  if (matchesEtag(request.headers['if-none-match'], etag)) {
    response.statusCode = 304;
    response.end();
    return;
  }
  if (encoding) {
    const body = await compressed.get(filePath, version, encoding);
    response.setHeader('Content-Encoding', encoding);
    response.setHeader('Content-Length', body.length);
    response.end(request.method === 'HEAD' ? undefined : body);
    return;
  }
  response.setHeader('Content-Length', stats.size);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await pipeline(createReadStream(filePath), response);
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim() === etag || candidate.trim() === '*');
}

async function fileStats(filePath: string): Promise<Stats | null> {
  try {
    const stats = await stat(filePath);
    return stats.isFile() ? stats : null;
  } catch {
    return null;
  }
}

/** A short plain-text answer (errors, refusals). */
export function sendText(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(`${text}\n`);
}
