import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { chooseEncoding } from '../compressedFiles.ts';

/** Smaller answers gain less than the headers and CPU cost. */
const COMPRESS_MIN_BYTES = 1024;
/**
 * Answers are compressed once each, as they go out: Brotli 4 is about gzip's speed and still
 * smaller (a year of hourly points compresses about 5:1).
 */
const BROTLI_QUALITY = 4;
/**
 * Past this size, speed wins over the last bytes: Brotli 1 and gzip 1. A 7-day chart of 200
 * devices (2.4 MB of JSON) took Brotli 4 230-430 ms on the loaded two-core bench machine and
 * Brotli 1 25 ms, for 540 KB instead of 400 KB: a millisecond more on a LAN.
 */
const LARGE_BYTES = 256 * 1024;
const LARGE_BROTLI_QUALITY = 1;
const LARGE_GZIP_LEVEL = 1;

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

/**
 * Answers `body` as JSON: never cached (history changes by the second), compressed off the event
 * loop (zlib's thread pool) with Brotli or gzip as the client accepts, past about a kilobyte.
 */
export async function sendJson(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: unknown,
): Promise<void> {
  const text = Buffer.from(JSON.stringify(body));
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Vary', 'Accept-Encoding');
  const encoding =
    text.length >= COMPRESS_MIN_BYTES ? chooseEncoding(request.headers['accept-encoding']) : null;
  const large = text.length >= LARGE_BYTES;
  const payload =
    encoding === 'br'
      ? await compressBrotli(text, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: large ? LARGE_BROTLI_QUALITY : BROTLI_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
          },
        })
      : encoding === 'gzip'
        ? await compressGzip(text, large ? { level: LARGE_GZIP_LEVEL } : {})
        : text;
  if (encoding) response.setHeader('Content-Encoding', encoding);
  response.setHeader('Content-Length', payload.length);
  response.end(request.method === 'HEAD' ? undefined : payload);
}
