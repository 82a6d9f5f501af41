import { createServer, get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { sendJson } from './sendJson.ts';

/** A chart's worth of points: 200 lines of a week of hourly buckets, about 2.4 MB of JSON. */
const CHART = {
  series: Array.from({ length: 200 }, (_, line) => ({
    device: `room${line}`,
    points: Array.from({ length: 169 }, (_, hour) => [
      hour * 3600_000,
      45 + Math.sin(hour + line),
      40.5,
      50.25,
    ]),
  })),
};

function fetchWith(encoding: string): Promise<{ headers: IncomingMessage['headers']; body: Buffer }> {
  const server = createServer((request, response) => void sendJson(request, response, 200, CHART));
  return new Promise((resolve, reject) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      get({ host: '127.0.0.1', port, headers: { 'accept-encoding': encoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          server.close();
          resolve({ headers: response.headers, body: Buffer.concat(chunks) });
        });
      }).on('error', reject);
    });
  });
}

it('compresses a large answer quickly and still to well under a third of its size', async () => {
  const plain = Buffer.byteLength(JSON.stringify(CHART));
  const brotli = await fetchWith('br');
  expect(brotli.headers['content-encoding']).toBe('br');
  expect(brotli.body.length).toBeLessThan(plain / 3);
  expect(JSON.parse(brotliDecompressSync(brotli.body).toString('utf8'))).toEqual(CHART);
  const gzip = await fetchWith('gzip');
  expect(gzip.headers['content-encoding']).toBe('gzip');
  expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(CHART);
});
