import { rmSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A build takes seconds; a lock this old belongs to a process that hung or died mid-build. */
const ABANDONED_AFTER_MS = 120_000;
const POLL_MS = 250;

/**
 * Runs `work` while holding a lock shared by every Hearth started from this checkout, so that
 * servers starting together (end-to-end test workers, say) do not build into dist/ at the same
 * time and leave each other a half-emptied folder. `onWait` is called once if another holds it.
 */
export async function withBuildLock<T>(root: string, work: () => Promise<T>, onWait: () => void): Promise<T> {
  const lock = path.join(root, 'node_modules', '.cache', 'hearth', 'build.lock');
  await mkdir(path.dirname(lock), { recursive: true });
  let waited = false;
  while (!(await tryCreate(lock))) {
    if (!waited) onWait();
    waited = true;
    if (await isAbandoned(lock)) await rm(lock, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  // Ctrl-C and process.exit skip `finally`; the lock must not outlive its process.
  const release = () => rmSync(lock, { recursive: true, force: true });
  process.once('exit', release);
  try {
    return await work();
  } finally {
    process.off('exit', release);
    release();
  }
}

/** mkdir is atomic: exactly one process creates the folder, the others get EEXIST. */
async function tryCreate(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  await writeFile(path.join(lock, 'pid'), String(process.pid));
  return true;
}

async function isAbandoned(lock: string): Promise<boolean> {
  const owner = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''));
  if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) return true;
  const ageMs = await stat(lock).then(
    (stats) => Date.now() - stats.mtimeMs,
    () => 0,
  );
  return ageMs > ABANDONED_AFTER_MS;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
