import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip';

/** Smaller files gain less than the headers and CPU cost. */
const COMPRESS_MIN_BYTES = 1024;
/** Text-like types; images and fonts here are compressed already. */
const COMPRESSIBLE_TYPE = /^(text\/|application\/(json|manifest\+json|xml)|image\/svg\+xml)/;
/** The built dashboard is a few MB; this bounds memory should dist/ ever hold far more. */
const CACHE_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Brotli's default (11) spends about a second on the largest chunk; 6 is near gzip's speed and
 * still clearly smaller. Each file is compressed once per build, then served from memory.
 */
const BROTLI_QUALITY = 6;

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

/** Whether a response of this type and size is worth compressing. */
export function isCompressible(contentType: string, sizeBytes: number): boolean {
  return sizeBytes >= COMPRESS_MIN_BYTES && COMPRESSIBLE_TYPE.test(contentType);
}

/**
 * The encoding to answer an Accept-Encoding header with: Brotli if accepted, else gzip, else
 * none. A `;q=0` refuses an encoding.
 */
export function chooseEncoding(acceptEncoding: string | undefined): ContentEncoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    const refused = parameters.some((parameter) => /^q=0(\.0*)?$/.test(parameter.trim()));
    if (!refused) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

/** Compressed copies of files, kept in memory by path, version and encoding. */
export class CompressedFiles {
  readonly #entries = new Map<string, Promise<Buffer>>();
  readonly #sizes = new Map<string, number>();
  #totalBytes = 0;

  /** The file compressed with `encoding`; `version` (mtime and size) tells a rebuilt file apart. */
  get(filePath: string, version: string, encoding: ContentEncoding): Promise<Buffer> {
    const key = `${encoding}:${version}:${filePath}`;
    const cached = this.#entries.get(key);
    if (cached) return cached;
    const compressed = readFile(filePath).then((raw) =>
      encoding === 'br'
        ? compressBrotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
        : compressGzip(raw),
    );
    this.#entries.set(key, compressed);
    compressed.then(
      (buffer) => this.#account(key, buffer.length),
      () => this.#entries.delete(key),
    );
    return compressed;
  }

  #account(key: string, bytes: number): void {
    if (!this.#entries.has(key)) return;
    this.#sizes.set(key, bytes);
    this.#totalBytes += bytes;
    // Maps iterate in insertion order, so the first keys are the oldest.
    for (const [oldKey, oldBytes] of this.#sizes) {
      if (this.#totalBytes <= CACHE_MAX_BYTES) break;
      this.#sizes.delete(oldKey);
      this.#entries.delete(oldKey);
      this.#totalBytes -= oldBytes;
    }
  }
}
