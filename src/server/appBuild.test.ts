import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkBuildFreshness, summarizeBuildError } from './appBuild.ts';

let root: string;
const BUILT_AT = new Date('2026-11-20T10:00:00Z');
const BEFORE = new Date('2026-11-20T09:00:00Z');
const AFTER = new Date('2026-11-20T11:00:00Z');

/** Writes a file into the fake repository with the given modification time. */
async function file(relative: string, modified: Date): Promise<void> {
  const absolute = path.join(root, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, '');
  await utimes(absolute, modified, modified);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'hearth-build-'));
  await file('src/main.tsx', BEFORE);
  await file('src/core/fold.ts', BEFORE);
  await file('public/favicon.svg', BEFORE);
  await file('index.html', BEFORE);
  await file('vite.config.ts', BEFORE);
  await file('package.json', BEFORE);
  await file('dist/index.html', BUILT_AT);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('checkBuildFreshness', () => {
  it('calls a build newer than every source fresh', async () => {
    expect(await checkBuildFreshness(root)).toEqual({ kind: 'fresh' });
  });

  it('calls it missing when dist/index.html does not exist', async () => {
    await rm(path.join(root, 'dist'), { recursive: true });
    expect(await checkBuildFreshness(root)).toEqual({ kind: 'missing' });
  });

  it.each(['src/core/fold.ts', 'public/favicon.svg', 'index.html', 'vite.config.ts', 'package.json'])(
    'calls it stale when %s changed after the build',
    async (changed) => {
      await file(changed, AFTER);
      expect(await checkBuildFreshness(root)).toEqual({ kind: 'stale', changed });
    },
  );

  it('notices a new file in a new folder', async () => {
    await file('src/features/alerts/AlertList.tsx', AFTER);
    expect(await checkBuildFreshness(root)).toEqual({
      kind: 'stale',
      changed: 'src/features/alerts/AlertList.tsx',
    });
  });

  it('ignores the server and tests, which are never bundled', async () => {
    await file('src/server/main.ts', AFTER);
    await file('src/core/fold.test.ts', AFTER);
    await file('src/app/App.test.tsx', AFTER);
    await file('README.md', AFTER);
    expect(await checkBuildFreshness(root)).toEqual({ kind: 'fresh' });
  });
});

describe('summarizeBuildError', () => {
  it('picks the line that names the problem out of a rolldown failure', () => {
    const error = new Error(
      'Build failed with 1 error:\n\n[plugin vite:build-html] /repo/index.html\n' +
        'Error: Failed to resolve /src/main.tsx from /repo/index.html\n' +
        '    at <anonymous> (/repo/node_modules/vite/dist/node/chunks/node.js:31890:64)',
    );
    expect(summarizeBuildError(error, '/repo')).toBe(
      'Error: Failed to resolve /src/main.tsx from index.html',
    );
  });

  it('falls back to the first line for other failures', () => {
    expect(summarizeBuildError(new Error('EACCES: permission denied, rmdir dist'), '/repo')).toBe(
      'EACCES: permission denied, rmdir dist',
    );
  });
});
