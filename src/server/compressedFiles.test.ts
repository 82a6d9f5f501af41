import { describe, expect, it } from 'vitest';
import { chooseEncoding, isCompressible } from './compressedFiles.ts';

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR;q=0.5', 'br'],
    ['gzip;q=0.0', null],
    ['identity', null],
    [undefined, null],
  ])('answers %j with %s', (header, encoding) => {
    expect(chooseEncoding(header)).toBe(encoding);
  });
});

describe('isCompressible', () => {
  it('compresses text of a kilobyte or more', () => {
    expect(isCompressible('text/javascript; charset=utf-8', 1024)).toBe(true);
    expect(isCompressible('application/manifest+json; charset=utf-8', 5000)).toBe(true);
    expect(isCompressible('image/svg+xml', 5000)).toBe(true);
  });

  it('leaves small files and already-compressed formats alone', () => {
    expect(isCompressible('text/html; charset=utf-8', 900)).toBe(false);
    expect(isCompressible('image/png', 50_000)).toBe(false);
    expect(isCompressible('font/woff2', 50_000)).toBe(false);
  });
});
