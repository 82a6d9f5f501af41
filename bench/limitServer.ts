import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { REPO_ROOT } from './services.ts';

/** The files the limit page needs, by request path. */
const FILES: Record<string, { file: string; type: string }> = {
  '/limit.html': { file: path.join(import.meta.dirname, 'limit.html'), type: 'text/html; charset=utf-8' },
  '/mqtt.min.js': {
    file: path.join(REPO_ROOT, 'node_modules/mqtt/dist/mqtt.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

export interface LimitServer {
  /** The limit page, without query. */
  pageUrl: string;
  close(): Promise<void>;
}

/** Serves bench/limit.html and MQTT.js's browser bundle on a free loopback port. */
export async function startLimitServer(): Promise<LimitServer> {
  const server = createServer((request, response) => {
    const entry = FILES[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (entry === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    readFile(entry.file).then(
      (body) =>
        response.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-store' }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end(`cannot read ${entry.file}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    pageUrl: `http://127.0.0.1:${port}/limit.html`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
