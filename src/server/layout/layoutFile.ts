import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { HouseLayout } from '../../core/layout.ts';
import { parseHouseLayout } from '../../core/layoutParse.ts';
import { errorWords, syncDirectory } from '../privateFile.ts';

/** The house layout's file in the data directory. */
export const LAYOUT_FILE_NAME = 'layout.json';

/** What reading the file at start found. */
export type LayoutFileRead =
  | { kind: 'layout'; layout: HouseLayout }
  /** No file yet: a house nobody arranged. */
  | { kind: 'missing' }
  /** Unreadable or invalid, and moved aside so that nothing overwrites it. */
  | { kind: 'movedAside'; reason: string; movedTo: string }
  /** Unreadable or invalid, and it could not be moved aside either: saving would overwrite it. */
  | { kind: 'stuck'; reason: string };

export function layoutFilePath(dataDir: string): string {
  return path.join(dataDir, LAYOUT_FILE_NAME);
}

/**
 * The name a bad layout file is moved to: `layout.json.bad-<ISO time>`, colons made dashes so the
 * name is valid on every file system (and sorts by time).
 */
export function badLayoutFileName(file: string, at: Date): string {
  return `${file}.bad-${at.toISOString().replaceAll(':', '-')}`;
}

/**
 * Reads `<dataDir>/layout.json` once, at start. A file that cannot be read or is not a valid
 * layout is moved aside (never overwritten: it may hold a house's hours of arranging, to be
 * fixed by hand) and the server goes on with an empty layout.
 */
export async function readLayoutFile(dataDir: string, at: Date): Promise<LayoutFileRead> {
  const file = layoutFilePath(dataDir);
  let reason: string;
  try {
    const text = await readFile(file, 'utf8');
    const parsed = parseHouseLayout(JSON.parse(text));
    if (parsed.ok) return { kind: 'layout', layout: parsed.layout };
    reason = parsed.reason;
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    // JSON.parse quotes the text it choked on, newlines included: the log line stays one line.
    reason =
      error instanceof SyntaxError ? `not JSON: ${error.message.replace(/\s+/g, ' ')}` : errorWords(error);
  }
  const movedTo = badLayoutFileName(file, at);
  try {
    await rename(file, movedTo);
    return { kind: 'movedAside', reason, movedTo };
  } catch (error) {
    return { kind: 'stuck', reason: `${reason}; moving it aside failed too: ${errorWords(error)}` };
  }
}

/**
 * Writes the layout so that a crash or a full disk at any moment leaves either the old file or
 * the new one, never half of one: into `layout.json.tmp`, flushed to the disk, then renamed over
 * the old (a rename within a directory is atomic), then the directory flushed so the rename
 * itself survives a power cut. Throws when the disk refuses; the old file is then untouched.
 */
export async function writeLayoutFile(dataDir: string, layout: HouseLayout): Promise<void> {
  const file = layoutFilePath(dataDir);
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(layout)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  await syncDirectory(dataDir);
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
