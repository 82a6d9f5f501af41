import { stat } from 'node:fs/promises';
import Database from 'libsql';
import { SCHEMA_VERSION, SCHEMA_VERSION_KEY, schemaProbes, schemaStatements } from './schema.ts';
import type { SqlSession, SqlValue } from './sqlSession.ts';
import {
  type BackendParts,
  createSqlStorage,
  DELETE_DEVICE_SQL,
  eventParams,
  INSERT_EVENT_SQL,
  inKeyOrder,
  UPSERT_DEVICE_SQL,
  UPSERT_READING_SQL,
  upsertReadingsSql,
} from './sqlStorage.ts';
import type { ReadingRow, Storage } from './storage.ts';
import { DamagedDatabaseError, NewerSchemaError } from './storageErrors.ts';

/**
 * The default storage: one SQLite file in the data directory, through libsql (prebuilt, no
 * compiler at install). WAL with synchronous=NORMAL: a killed process loses nothing committed and
 * the file stays consistent (a power cut may lose the last transaction). The driver is
 * synchronous, so every statement is kept short and long jobs yield between statements: the
 * broker runs in the same process.
 */

/**
 * Readings per write transaction, the broker running between them: about 8 ms of CPU each in
 * the recorder's pattern (a second of a thousand devices, in key order), measured; twice as many
 * per transaction saved no CPU worth the longer hold.
 */
export const SQLITE_WRITE_CHUNK_ROWS = 2000;
/**
 * Readings bound to one insert statement: each statement run costs a crossing into the driver
 * and a step of the VM, so a hundred rows per run write the same rows in about half the CPU of
 * one per run (three times less when seeding a series' long run), measured.
 */
const READINGS_PER_STATEMENT = 100;
const BUSY_TIMEOUT_MS = 5000;
/** Page cache, in KiB (an upper bound: SQLite grows it as pages are used). */
const CACHE_KIB = 32 * 1024;

/** SQLite result codes that mean the file itself is bad, not the machine or the moment. */
const DAMAGE_CODES = new Set([
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_ERROR',
  'SQLITE_SCHEMA',
  'SQLITE_MISMATCH',
]);

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Db = Database.Database;
type Statement = Database.Statement<unknown[]>;

/** A statement cache: libsql compiles each SQL text once. */
function createStatementCache(db: Db): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = db.prepare<unknown[]>(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

/**
 * Opens (or creates) the file, checks it and brings its schema up. Throws DamagedDatabaseError
 * for a file that is not a usable database (not one at all, failing `quick_check`, tables we
 * cannot use), NewerSchemaError for a newer Hearth's file, and the driver's error otherwise.
 */
function openChecked(file: string): Db {
  let db: Db | undefined;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Room for the pages a write touches (the newest page of each series): with the default 2 MB
    // a thousand series evict each other and every write reads its pages back.
    db.pragma(`cache_size = -${CACHE_KIB}`);
    const check = db.prepare('pragma quick_check').raw(true).all() as SqlValue[][];
    const verdict = check.map((row) => String(row[0])).join('; ');
    if (verdict !== 'ok') throw new DamagedDatabaseError(file, `integrity check: ${verdict.slice(0, 200)}`);
    db.transaction(() => {
      for (const statement of schemaStatements('sqlite')) db?.exec(statement);
    })();
    // Tables of the right names but the wrong shape fail here, not at the first write.
    for (const probe of schemaProbes()) db.prepare(probe).all();
    const row = db.prepare('select value from meta where key = ?').raw(true).get(SCHEMA_VERSION_KEY) as
      | SqlValue[]
      | undefined;
    const found = row === undefined ? null : Number(row[0]);
    if (found !== null && found > SCHEMA_VERSION) throw new NewerSchemaError(found, SCHEMA_VERSION);
    if (found === null)
      db.prepare('insert into meta (key, value) values (?, ?)').run(
        SCHEMA_VERSION_KEY,
        String(SCHEMA_VERSION),
      );
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof DamagedDatabaseError || error instanceof NewerSchemaError) throw error;
    const code = errorCode(error);
    if (DAMAGE_CODES.has(code)) throw new DamagedDatabaseError(file, `${code}: ${errorMessage(error)}`);
    throw error;
  }
}

export async function createSqliteStorage(file: string): Promise<Storage> {
  const db = openChecked(file);
  const statement = createStatementCache(db);
  const readers = new Map<string, Statement>();
  const session: SqlSession = {
    async run(sql, params) {
      return statement(sql).run(...params).changes;
    },
    async rows(sql, params) {
      let reader = readers.get(sql);
      if (reader === undefined) {
        reader = db.prepare<unknown[]>(sql).raw(true);
        readers.set(sql, reader);
      }
      return reader.all(...params) as SqlValue[][];
    },
  };

  const upsertReading = statement(UPSERT_READING_SQL);
  const upsertReadings = statement(upsertReadingsSql(READINGS_PER_STATEMENT));
  const insertEvent = statement(INSERT_EVENT_SQL);
  const params: number[] = new Array(READINGS_PER_STATEMENT * 3);
  const writeChunk = db.transaction(
    (readings: readonly ReadingRow[], events: readonly Parameters<typeof eventParams>[0][]) => {
      let i = 0;
      for (; i + READINGS_PER_STATEMENT <= readings.length; i += READINGS_PER_STATEMENT) {
        for (let k = 0; k < READINGS_PER_STATEMENT; k++) {
          const reading = readings[i + k] as ReadingRow;
          params[3 * k] = reading.series;
          params[3 * k + 1] = reading.at;
          params[3 * k + 2] = reading.value;
        }
        upsertReadings.run(...params);
      }
      for (const reading of readings.slice(i)) upsertReading.run(reading.series, reading.at, reading.value);
      for (const event of events) insertEvent.run(...eventParams(event));
    },
  );
  const upsertDevice = statement(UPSERT_DEVICE_SQL);
  const deleteDevice = statement(DELETE_DEVICE_SQL);
  const saveDevicesNow = db.transaction((devices: readonly { key: string }[], removed: readonly string[]) => {
    for (const device of devices) upsertDevice.run(device.key, JSON.stringify(device));
    for (const key of removed) deleteDevice.run(key);
  });

  const backend: BackendParts = {
    kind: 'sqlite',
    /**
     * Each chunk of readings is its own transaction (the events go with the first), with a yield
     * between chunks: one big transaction would hold the event loop for its whole length.
     */
    async write(unordered, events) {
      const readings = inKeyOrder(unordered);
      if (readings.length === 0) {
        if (events.length > 0) writeChunk([], events);
        return;
      }
      for (let start = 0; start < readings.length; start += SQLITE_WRITE_CHUNK_ROWS) {
        if (start > 0) await new Promise((resolve) => setImmediate(resolve));
        writeChunk(readings.slice(start, start + SQLITE_WRITE_CHUNK_ROWS), start === 0 ? events : []);
      }
    },
    async saveDevices(devices, removed) {
      saveDevicesNow(devices, removed);
    },
    async sizeBytes() {
      const sizes = await Promise.all(
        [file, `${file}-wal`].map((path) =>
          stat(path).then(
            (s) => s.size,
            () => 0,
          ),
        ),
      );
      return sizes.reduce((sum, size) => sum + size, 0);
    },
    async close() {
      if (!db.open) return;
      try {
        // Fold the WAL back into the file so a closed database is one file again.
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
  return createSqlStorage(session, backend);
}
