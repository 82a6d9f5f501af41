import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySecurityHeaders, CONTENT_SECURITY_POLICY } from './securityHeaders.ts';
import { createStaticHandler } from './staticFiles.ts';

let workspace: string;
const servers: Server[] = [];

/** A server wired as main.ts wires it: headers first, then the static files. */
async function startServer(withPolicy: boolean): Promise<number> {
  const serveStatic = createStaticHandler(path.join(workspace, 'dist'));
  const server = createServer((incoming, response) => {
    applySecurityHeaders(response, { withPolicy });
    serveStatic(incoming, response);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

let port: number;
let devPort: number;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'hearth-headers-'));
  const dist = path.join(workspace, 'dist');
  await mkdir(path.join(dist, 'assets'), { recursive: true });
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Hearth</title><div id="root"></div>');
  await writeFile(path.join(dist, 'assets', 'index-B2x9.js'), 'console.log(1);');
  await writeFile(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(path.join(dist, 'manifest.webmanifest'), '{"name":"Hearth"}');
  port = await startServer(true);
  devPort = await startServer(false);
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await rm(workspace, { recursive: true, force: true });
});

function fetchHeaders(
  toPort: number,
  rawPath: string,
  method = 'GET',
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port: toPort, path: rawPath, method }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Each feature of a Permissions-Policy header and its allowlist: `camera=()` is camera → "()". */
function permissions(header: string | string[] | undefined): Map<string, string> {
  const text = Array.isArray(header) ? header.join(', ') : (header ?? '');
  return new Map(
    text
      .split(',')
      .map((part) => part.trim().split('='))
      .filter((pair): pair is [string, string] => pair.length === 2)
      .map(([feature, allow]) => [feature, allow]),
  );
}

const RESPONSES = [
  { what: 'the app', path: '/', status: 200 },
  { what: 'an app route', path: '/devices?kiosk', status: 200 },
  { what: 'a script', path: '/assets/index-B2x9.js', status: 200 },
  { what: 'the service worker', path: '/sw.js', status: 200 },
  { what: 'the manifest', path: '/manifest.webmanifest', status: 200 },
  { what: 'a missing file', path: '/assets/gone-1234.js', status: 404 },
  { what: 'a hidden file', path: '/.env', status: 404 },
  { what: 'a malformed path', path: '/%zz', status: 400 },
  { what: 'a method not served', path: '/', method: 'POST', status: 405 },
  { what: 'a HEAD request', path: '/', method: 'HEAD', status: 200 },
] as const;

describe('applySecurityHeaders', () => {
  it.each(RESPONSES)('sends every header with $what', async (sent) => {
    const { status, headers } = await fetchHeaders(port, sent.path, 'method' in sent ? sent.method : 'GET');
    expect(status).toBe(sent.status);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['permissions-policy']).toBeDefined();
  });

  it('keeps the screen wake lock and fullscreen for the app itself', async () => {
    const policy = permissions((await fetchHeaders(port, '/')).headers['permissions-policy']);
    expect(policy.get('screen-wake-lock')).toBe('(self)');
    expect(policy.get('fullscreen')).toBe('(self)');
  });

  it('denies camera, microphone, location, payment, USB and the other powers the dashboard never uses', async () => {
    const policy = permissions((await fetchHeaders(port, '/')).headers['permissions-policy']);
    for (const feature of [
      'camera',
      'microphone',
      'geolocation',
      'payment',
      'usb',
      'serial',
      'hid',
      'midi',
    ]) {
      expect(policy.get(feature), feature).toBe('()');
    }
  });

  it('names each feature once, each allowed to nothing or to this origin', async () => {
    const header = (await fetchHeaders(port, '/')).headers['permissions-policy'];
    const features = String(header)
      .split(',')
      .map((part) => part.trim().split('=')[0]);
    expect(new Set(features).size).toBe(features.length);
    expect([...permissions(header).values()].every((allow) => allow === '()' || allow === '(self)')).toBe(
      true,
    );
  });

  it('in development leaves out only the content policy, which would block the hot-reload scripts', async () => {
    const { headers } = await fetchHeaders(devPort, '/');
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(permissions(headers['permissions-policy']).get('camera')).toBe('()');
  });
});
