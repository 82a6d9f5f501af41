/**
 * The errors a storage throws that its callers act on. Every other failure is the driver's own
 * error, passed through as a rejected promise (the recorder buffers and retries).
 */

/** A SQLite file that is not a database, fails its integrity check or has a schema we cannot use. */
export class DamagedDatabaseError extends Error {
  readonly code = 'HEARTH_DATABASE_DAMAGED';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`history database ${file} is damaged (${reason})`);
    this.name = 'DamagedDatabaseError';
  }
}

/** A database that holds data of a newer Hearth: we leave it alone rather than damage it. */
export class NewerSchemaError extends Error {
  readonly code = 'HEARTH_SCHEMA_NEWER';
  constructor(found: number, known: number) {
    super(
      `the history database has schema version ${found}, this Hearth knows up to ${known}: upgrade Hearth or point it at another database`,
    );
    this.name = 'NewerSchemaError';
  }
}

/** PostgreSQL's SQLSTATE for "could not extend file: no space left on device". */
const POSTGRES_DISK_FULL = '53100';

/**
 * True when a storage error means the disk is full: SQLite's errors carry `code` 'SQLITE_FULL'
 * (libsql's SqliteError; ENOSPC from the file system is counted too), PostgreSQL's carry the SQLSTATE '53100' (disk_full) in `code`. Writing
 * resumes by itself once space returns; nothing needs reopening.
 */
export function isDiskFull(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = String(error.code);
  return code.startsWith('SQLITE_FULL') || code === POSTGRES_DISK_FULL || code === 'ENOSPC';
}
