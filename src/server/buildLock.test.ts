import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withBuildLock } from './buildLock.ts';

let root: string;
const lockDir = () => path.join(root, 'node_modules', '.cache', 'hearth', 'build.lock');
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'hearth-lock-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('withBuildLock', () => {
  it('lets one build run at a time; the later one waits and says so', async () => {
    const timeline: string[] = [];
    const build = (name: string) => async () => {
      timeline.push(`${name} starts`);
      await delay(100);
      timeline.push(`${name} ends`);
    };
    await Promise.all([
      withBuildLock(root, build('first'), () => timeline.push('first waits')),
      delay(20).then(() => withBuildLock(root, build('second'), () => timeline.push('second waits'))),
    ]);

    expect(timeline).toEqual(['first starts', 'second waits', 'first ends', 'second starts', 'second ends']);
  });

  it('releases the lock when the build fails', async () => {
    await expect(
      withBuildLock(
        root,
        () => Promise.reject(new Error('syntax error')),
        () => {},
      ),
    ).rejects.toThrow('syntax error');
    let waited = false;
    await withBuildLock(
      root,
      async () => {},
      () => {
        waited = true;
      },
    );
    expect(waited).toBe(false);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    await mkdir(lockDir(), { recursive: true });
    await writeFile(path.join(lockDir(), 'pid'), '4194305'); // above Linux's largest pid
    const result = await withBuildLock(
      root,
      async () => 'built',
      () => {},
    );
    expect(result).toBe('built');
  });
});
