import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import { type AddressInfo, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedCertificate } from './testCertificate.ts';
import {
  createTlsFrontDoor,
  HSTS_HEADER,
  loadTlsFiles,
  safeHost,
  safePath,
  type TlsFrontDoor,
} from './tlsFrontDoor.ts';

let dir: string;
let certFile: string;
let keyFile: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hearth-tls-'));
  ({ certFile, keyFile } = makeSelfSignedCertificate(dir, 'localhost'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadTlsFiles', () => {
  it('reads a certificate and its key', async () => {
    const loaded = await loadTlsFiles({ certFile, keyFile });
    expect(loaded.ok).toBe(true);
  });

  it('names a missing file', async () => {
    const loaded = await loadTlsFiles({ certFile: path.join(dir, 'nope.pem'), keyFile });
    expect(loaded).toEqual({ ok: false, reason: expect.stringContaining('nope.pem: no such file') });
  });

  it('refuses a key that is not PEM, naming both files', async () => {
    const junk = path.join(dir, 'junk.pem');
    await writeFile(junk, 'not a key');
    const loaded = await loadTlsFiles({ certFile, keyFile: junk });
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.reason).toContain('do not make a working pair');
  });
});

describe('redirect targets', () => {
  it('keeps a host and port, refuses anything a Location must not carry', () => {
    expect(safeHost('hearth.local:8443')).toBe('hearth.local:8443');
    expect(safeHost('[::1]:8080')).toBe('[::1]:8080');
    expect(safeHost('evil.example/path')).toBeNull();
    expect(safeHost('a b')).toBeNull();
    expect(safeHost(undefined)).toBeNull();
  });

  it('keeps an origin-form path, never a scheme-relative one', () => {
    expect(safePath('/api/session?x=1')).toBe('/api/session?x=1');
    expect(safePath('//evil.example/')).toBe('/');
    expect(safePath('http://evil.example/')).toBe('/');
    expect(safePath('/a\r\nSet-Cookie: x')).toBe('/');
  });
});

describe('createTlsFrontDoor', () => {
  let door: TlsFrontDoor;
  let port: number;

  beforeAll(async () => {
    const loaded = await loadTlsFiles({ certFile, keyFile });
    if (!loaded.ok) throw new Error(loaded.reason);
    const https = createHttpsServer({ cert: loaded.cert, key: loaded.key }, (_request, response) => {
      response.setHeader('Strict-Transport-Security', HSTS_HEADER);
      response.end('over tls');
    });
    door = createTlsFrontDoor(https);
    await new Promise<void>((resolve) => door.server.listen(0, '127.0.0.1', resolve));
    port = (door.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    door.closeAllConnections();
    await new Promise<void>((resolve) => door.server.close(() => resolve()));
  });

  it('ends the connections it holds when asked, so a stop does not wait for idle browsers', async () => {
    const idle = createConnection({ host: '127.0.0.1', port });
    await new Promise<void>((resolve) => idle.once('connect', () => resolve()));
    const closed = new Promise<void>((resolve) => idle.once('close', () => resolve()));
    idle.on('error', () => {});
    door.closeAllConnections();
    await closed;
  });

  it('answers HTTPS on the port', async () => {
    const answer = await new Promise<{ status: number; body: string; hsts: string | undefined }>(
      (resolve, reject) => {
        const request = httpsRequest(
          { host: '127.0.0.1', port, path: '/', rejectUnauthorized: false, agent: false },
          (response) => {
            let body = '';
            response.on('data', (chunk) => {
              body += chunk;
            });
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                body,
                hsts: response.headers['strict-transport-security'] as string | undefined,
              }),
            );
          },
        );
        request.on('error', reject);
        request.end();
      },
    );
    expect(answer).toEqual({ status: 200, body: 'over tls', hsts: HSTS_HEADER });
  });

  it('sends plain HTTP on the same port to https, same host and path', async () => {
    const answer = await new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/settings?view=Kitchen',
          headers: { Host: `hearth.local:${port}` },
        },
        (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0, location: response.headers.location });
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(answer).toEqual({ status: 308, location: `https://hearth.local:${port}/settings?view=Kitchen` });
  });
});
