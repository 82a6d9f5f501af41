import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces `file` with `text` so that a crash or a full disk at any moment leaves the old file or
 * the new one, never half of one: a temporary file of its own name (two writers never share one),
 * readable by its owner only (accounts, screens and the control log are private), flushed,
 * renamed over the old, then the directory flushed so the rename survives a power cut. Creates
 * the directory if missing. The reason of a failure names the file, never the text.
 */
export async function replaceFilePrivately(
  file: string,
  text: string,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const directory = path.dirname(file);
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(directory, { recursive: true });
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.chmod(0o600); // the umask may only take bits away; this says it outright
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    return { ok: false, reason: `Cannot write ${file}: ${errorWords(error)}` };
  }
  await syncDirectory(directory);
  return { ok: true };
}

/** Best effort: some platforms (Windows) cannot open a directory to flush it. */
export async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The rename is done; only its durability across a power cut is less certain here.
  }
}

/** An error's message for a person, whatever was thrown. */
export function errorWords(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
