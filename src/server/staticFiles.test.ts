import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler } from './staticFiles.ts';

let workspace: string;
let server: Server;
let port: number;
const INDEX_HTML = '<!doctype html><title>Hearth</title><div id="root"></div>';
const APP_JS = `console.log(${JSON.stringify('x'.repeat(4000))});`;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'hearth-static-'));
  const dist = path.join(workspace, 'dist');
  await mkdir(path.join(dist, 'assets'), { recursive: true });
  await writeFile(path.join(dist, 'index.html'), INDEX_HTML);
  await writeFile(path.join(dist, 'assets', 'index-B2x9.js'), APP_JS);
  await writeFile(path.join(dist, 'icon-192.png'), Buffer.alloc(2048, 7));
  await writeFile(path.join(workspace, 'secret.txt'), 'not for the web');
  server = createServer(createStaticHandler(dist));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(workspace, { recursive: true, force: true });
});

/** A raw request: the path goes out exactly as written, without a client normalizing it. */
function fetchRaw(
  rawPath: string,
  { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: rawPath, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('createStaticHandler', () => {
  it('serves index.html at the root, to be revalidated on every visit', async () => {
    const response = await fetchRaw('/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body.toString()).toBe(INDEX_HTML);
  });

  it('lets the browser keep hashed assets for a year', async () => {
    const response = await fetchRaw('/assets/index-B2x9.js');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.body.toString()).toBe(APP_JS);
  });

  it('answers the app routes with index.html', async () => {
    const response = await fetchRaw('/settings?tab=broker');
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(INDEX_HTML);
  });

  it('says 404 for a missing file', async () => {
    expect((await fetchRaw('/assets/gone-1234.js')).status).toBe(404);
  });

  it('never serves a file outside the dashboard folder', async () => {
    for (const rawPath of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await fetchRaw(rawPath);
      expect(response.body.toString()).not.toContain('not for the web');
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = await fetchRaw('/icon-192.png', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-length']).toBe('2048');
    expect(response.body.length).toBe(0);
  });

  it('refuses other methods with 405 and says which are allowed', async () => {
    const response = await fetchRaw('/', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('answers 304 when the browser already has this version', async () => {
    const first = await fetchRaw('/');
    const again = await fetchRaw('/', { headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('compresses text with Brotli or gzip, whichever the browser takes', async () => {
    const brotli = await fetchRaw('/assets/index-B2x9.js', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(brotli.body).toString()).toBe(APP_JS);

    const gzipped = await fetchRaw('/assets/index-B2x9.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(APP_JS);
    expect(gzipped.headers.etag).not.toBe(brotli.headers.etag);
  });

  it('leaves images and tiny files uncompressed', async () => {
    const accept = { 'accept-encoding': 'br, gzip' };
    expect(
      (await fetchRaw('/icon-192.png', { headers: accept })).headers['content-encoding'],
    ).toBeUndefined();
    expect((await fetchRaw('/', { headers: accept })).headers['content-encoding']).toBeUndefined();
  });
});

describe('warming the compressed copies', () => {
  it('compresses ahead of the first visit, then serves the very same bytes, and shrugs at a missing folder', async () => {
    const dist = path.join(workspace, 'dist');
    const handler = createStaticHandler(dist);
    await handler.warm();
    await expect(createStaticHandler(path.join(workspace, 'no-such-dist')).warm()).resolves.toBeUndefined();
    const warmed = createServer(handler);
    warmed.listen(0, '127.0.0.1');
    await once(warmed, 'listening');
    try {
      const warmPort = (warmed.address() as AddressInfo).port;
      const body = await new Promise<Buffer>((resolve, reject) => {
        const outgoing = request(
          {
            host: '127.0.0.1',
            port: warmPort,
            path: '/assets/index-B2x9.js',
            headers: { 'accept-encoding': 'br' },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve(Buffer.concat(chunks)));
          },
        );
        outgoing.on('error', reject);
        outgoing.end();
      });
      expect(brotliDecompressSync(body).toString()).toBe(APP_JS);
    } finally {
      warmed.closeAllConnections();
      await new Promise((resolve) => warmed.close(resolve));
    }
  });
});
