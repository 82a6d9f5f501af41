import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createSecureContext } from 'node:tls';
import type { TlsFiles } from './options.ts';

/**
 * HTTPS and plain HTTP on one port, as a person types the address: a TLS handshake goes to the
 * HTTPS server; anything else is answered with a redirect to the same address over https://, so
 * `http://hearth.local:5173` still opens the dashboard (and HSTS keeps the browser on https).
 */

/** How long browsers keep to HTTPS after one visit: 180 days, as Mosquitto-fronting guides advise. */
export const HSTS_MAX_AGE_SEC = 180 * 24 * 3600;
export const HSTS_HEADER = `max-age=${HSTS_MAX_AGE_SEC}`;
/** A TLS record starts with this byte (handshake); no HTTP method does. */
const TLS_HANDSHAKE = 0x16;
/** A peer that connects and says nothing is closed after this long. */
const FIRST_BYTE_TIMEOUT_MS = 30_000;

export type LoadedTls = { ok: true; cert: Buffer; key: Buffer } | { ok: false; reason: string };

/** Reads and checks the certificate and key, saying in words which file is wrong. */
export async function loadTlsFiles(files: TlsFiles): Promise<LoadedTls> {
  const read = async (file: string, what: string) => {
    try {
      return { ok: true as const, bytes: await readFile(file) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'not readable' : String(code);
      return { ok: false as const, reason: `Cannot read the TLS ${what} ${file}: ${why}.` };
    }
  };
  const cert = await read(files.certFile, 'certificate');
  if (!cert.ok) return cert;
  const key = await read(files.keyFile, 'key');
  if (!key.ok) return key;
  try {
    createSecureContext({ cert: cert.bytes, key: key.bytes });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: `The TLS certificate ${files.certFile} and key ${files.keyFile} do not make a working pair (${why}); give PEM files, the key unencrypted.`,
    };
  }
  return { ok: true, cert: cert.bytes, key: key.bytes };
}

/** The HTTP port's listener under TLS, and a way to drop every connection it holds at shutdown. */
export interface TlsFrontDoor {
  server: NetServer;
  /** Ends every connection still open (mid-handshake, idle, or handed to HTTPS). */
  closeAllConnections(): void;
}

/**
 * The listener for the HTTP port under TLS: it reads each connection's first byte and hands the
 * socket to `https` (a TLS handshake) or to a small plain server that redirects to https://.
 * Neither of those listens itself, so each is told when the door does: Node's HTTP servers
 * start their header and request timeouts (against a slow client holding sockets open) and
 * their connection tracking (closeAllConnections) on that event.
 */
export function createTlsFrontDoor(https: HttpsServer): TlsFrontDoor {
  const redirector = createHttpServer(redirectToHttps);
  redirector.on('upgrade', (_request: IncomingMessage, socket: Socket) => {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\nUse wss:// on this port.\n');
  });
  redirector.on('clientError', (_error, socket) => socket.destroy());
  // A browser that fails the handshake (an untrusted certificate it refuses) is no error of ours.
  https.on('tlsClientError', () => {});

  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      const target = first[0] === TLS_HANDSHAKE ? https : redirector;
      target.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  server.on('listening', () => {
    https.emit('listening');
    redirector.emit('listening');
  });
  server.on('close', () => {
    https.close();
    redirector.close();
  });
  return {
    server,
    closeAllConnections() {
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** 308 keeps the method and body; a browser follows it to the same host and path over https. */
function redirectToHttps(request: IncomingMessage, response: ServerResponse): void {
  const host = safeHost(request.headers.host);
  response.setHeader('Connection', 'close');
  if (host === null) {
    response.statusCode = 400;
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.end('This port speaks HTTPS: open it with https://.\n');
    return;
  }
  const target = `https://${host}${safePath(request.url)}`;
  response.statusCode = 308;
  response.setHeader('Location', target);
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.end(`This port speaks HTTPS: ${target}\n`);
}

/** A Host header as a redirect may carry it: a name or address and a port, nothing else. */
export function safeHost(header: string | undefined): string | null {
  if (header === undefined || header.length === 0 || header.length > 255) return null;
  return /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(header) ? header : null;
}

/** The request's path for the redirect: an origin-form path only (never `//evil.example`). */
export function safePath(url: string | undefined): string {
  if (url === undefined || !url.startsWith('/') || url.startsWith('//')) return '/';
  return /^[\x21-\x7e]*$/.test(url) ? url : '/';
}
