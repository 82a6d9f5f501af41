import type { IncomingMessage } from 'node:http';

/**
 * A request's JSON body as text, or what stands in the way: another Content-Type (`notJson`),
 * more than the route takes (`tooLarge`), or a client gone before the end (`gone`: nothing to
 * answer).
 */
export type JsonBody =
  | { kind: 'text'; text: string }
  | { kind: 'notJson' }
  | { kind: 'tooLarge' }
  | { kind: 'gone' };

/**
 * Reads a body sent as `application/json` (with or without parameters, in any case) of at most
 * `maxBytes`, by its Content-Length or as it comes. A larger one is not read on: the caller
 * answers 413 and closes the connection rather than drain it.
 */
export function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return Promise.resolve({ kind: 'notJson' });
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ kind: 'tooLarge' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.off('data', onData);
        request.pause();
        resolve({ kind: 'tooLarge' });
      } else chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve({ kind: 'text', text: Buffer.concat(chunks).toString('utf8') }));
    request.on('error', () => resolve({ kind: 'gone' }));
    // A settled promise ignores what comes after: a body cut short is `gone` only if nothing else was said.
    request.on('close', () => {
      if (!request.complete) resolve({ kind: 'gone' });
    });
  });
}
