import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createPostgresStorage } from './postgresStorage.ts';
import { createSqliteStorage } from './sqliteStorage.ts';
import type { Storage } from './storage.ts';
import { DamagedDatabaseError } from './storageErrors.ts';

/** The SQLite file's name in the data directory. */
export const SQLITE_FILE_NAME = 'hearth.db';

export interface StorageOptions {
  /** `postgres://…` / `postgresql://…`, `sqlite:<path>`, or absent for `<dataDir>/hearth.db`. */
  database?: string;
  dataDir: string;
}

export type StorageTarget = { kind: 'postgres'; url: string } | { kind: 'sqlite'; file: string };

/** Where `--database` points; a value that is neither a PostgreSQL URL nor `sqlite:` is refused. */
export function storageTarget(options: StorageOptions): StorageTarget {
  const database = options.database?.trim();
  if (database === undefined || database === '')
    return { kind: 'sqlite', file: join(options.dataDir, SQLITE_FILE_NAME) };
  if (/^postgres(ql)?:\/\//i.test(database)) return { kind: 'postgres', url: database };
  if (/^sqlite:/i.test(database)) {
    const path = database.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new Error('--database sqlite: needs a file path, like sqlite:./data/hearth.db');
    return { kind: 'sqlite', file: resolve(path) };
  }
  throw new Error('--database takes a postgres://user@host:port/database URL or sqlite:<file path>');
}

/**
 * A file name for a damaged database moved aside: ISO time, with colons only where the file
 * system allows them.
 */
export function damagedFileName(file: string, at: Date): string {
  const time = at.toISOString();
  return `${file}.corrupt-${process.platform === 'win32' ? time.replaceAll(':', '-') : time}`;
}

/** Moves a damaged database and its WAL and shared-memory files aside; returns the new name. */
async function moveAside(file: string, at: Date): Promise<string> {
  const target = damagedFileName(file, at);
  await rename(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${file}${suffix}`)) await rename(`${file}${suffix}`, `${target}${suffix}`);
  }
  return target;
}

/**
 * Opens the history database the options name. PostgreSQL: the connection is checked now, and
 * an error names host and port (never the password). SQLite: the data directory is created if
 * needed; a damaged file (not a database, failing its integrity check, tables we cannot use) is
 * moved aside with one line through `log` and a fresh database started, so the house keeps
 * recording. A file from a newer Hearth is left alone (NewerSchemaError).
 */
export async function openStorage(options: StorageOptions, log: (line: string) => void): Promise<Storage> {
  const target = storageTarget(options);
  if (target.kind === 'postgres') return createPostgresStorage(target.url, log);
  await mkdir(resolve(target.file, '..'), { recursive: true });
  try {
    return await createSqliteStorage(target.file);
  } catch (error) {
    if (!(error instanceof DamagedDatabaseError)) throw error;
    const movedTo = await moveAside(target.file, new Date());
    log(
      `history database ${target.file} is damaged (${error.reason}); moved it to ${movedTo} and started a fresh one`,
    );
    return createSqliteStorage(target.file);
  }
}
