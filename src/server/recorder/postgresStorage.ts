import pg from 'pg';
import {
  placeholders,
  SCHEMA_VERSION,
  SCHEMA_VERSION_KEY,
  schemaStatements,
  TABLES,
  toPostgresPlaceholders,
} from './schema.ts';
import type { SqlSession, SqlValue } from './sqlSession.ts';
import {
  type BackendParts,
  createSqlStorage,
  eventParams,
  INSERT_EVENT_SQL,
  inKeyOrder,
} from './sqlStorage.ts';
import type { Storage } from './storage.ts';
import { HOUR_MS } from './storage.ts';
import { NewerSchemaError } from './storageErrors.ts';

/**
 * Storage on a PostgreSQL server (`--database postgres://…`): the same schema as SQLite, and a
 * hypertable for readings where TimescaleDB is installed. Writes are multi-row upserts in one
 * transaction. Errors surface as rejected promises; the recorder above buffers and retries.
 */

const POOL_SIZE = 4;
const CONNECT_TIMEOUT_MS = 5000;
/** Rows per multi-row insert: 3 parameters each, well under PostgreSQL's 65,535. */
export const POSTGRES_WRITE_CHUNK_ROWS = 1000;
const EVENT_CHUNK_ROWS = 500;
const DEVICE_CHUNK_ROWS = 1000;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * bigint (times, counts) and numeric (a sum of counts) come back as strings by default, for
 * precision beyond 2^53; our times and counts are far below it, so they are read as numbers.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (text: string) => Number(text);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** `host:port` of a PostgreSQL URL, for messages (never the user's password). */
export function postgresTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`;
  } catch {
    return 'an unreadable address';
  }
}

function redactPassword(text: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return text;
  }
  return password === '' ? text : text.replaceAll(password, '***');
}

function readingsInsertSql(rows: number): string {
  const values = Array.from({ length: rows }, () => '(?, ?, ?)').join(', ');
  return toPostgresPlaceholders(
    `insert into readings (series, at, value) values ${values} on conflict (series, at) do update set value = excluded.value`,
  );
}

function eventsInsertSql(rows: number): string {
  const one = INSERT_EVENT_SQL.slice(INSERT_EVENT_SQL.indexOf('values') + 'values'.length);
  const head = INSERT_EVENT_SQL.slice(0, INSERT_EVENT_SQL.indexOf('values') + 'values'.length);
  return toPostgresPlaceholders(`${head} ${Array.from({ length: rows }, () => one.trim()).join(', ')}`);
}

/**
 * Creates the extension and turns `readings` into a hypertable (day-long chunks of epoch ms) when
 * TimescaleDB is available. It may be installed but not preloaded, or not ours to create: then the
 * tables stay plain, with one line saying why.
 */
async function enableTimescale(pool: pg.Pool, log: (line: string) => void): Promise<boolean> {
  const available = await pool.query("select 1 from pg_available_extensions where name = 'timescaledb'");
  if ((available.rowCount ?? 0) === 0) return false;
  try {
    await pool.query('create extension if not exists timescaledb');
    await pool.query(
      `select create_hypertable('readings', 'at', chunk_time_interval => ${24 * HOUR_MS}::bigint, if_not_exists => true, migrate_data => true)`,
    );
    return true;
  } catch (error) {
    log(
      `PostgreSQL: TimescaleDB is installed but could not be used (${error instanceof Error ? error.message : String(error)}); readings stay in a plain table`,
    );
    return false;
  }
}

async function bringUpSchema(pool: pg.Pool): Promise<void> {
  for (const statement of schemaStatements('postgres')) await pool.query(statement);
  const found = await pool.query({
    text: 'select value from meta where key = $1',
    values: [SCHEMA_VERSION_KEY],
    rowMode: 'array',
  });
  const version = found.rows[0] === undefined ? null : Number(found.rows[0][0]);
  if (version !== null && version > SCHEMA_VERSION) throw new NewerSchemaError(version, SCHEMA_VERSION);
  if (version === null) {
    await pool.query('insert into meta (key, value) values ($1, $2) on conflict (key) do nothing', [
      SCHEMA_VERSION_KEY,
      String(SCHEMA_VERSION),
    ]);
  }
}

export async function createPostgresStorage(
  url: string,
  log: (line: string) => void = () => {},
): Promise<Storage> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types,
  });
  // An idle connection dropped by the server must not crash the process: the next query reconnects.
  pool.on('error', (error) =>
    log(`PostgreSQL at ${postgresTarget(url)}: ${redactPassword(error.message, url)}`),
  );
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = redactPassword(
      error instanceof Error ? error.message || String(error) : String(error),
      url,
    );
    throw new Error(
      `cannot connect to PostgreSQL at ${postgresTarget(url)} (${reason}): check that it is running and that --database names the right host, port, user and database`,
    );
  }
  let hypertable = false;
  try {
    await bringUpSchema(pool);
    hypertable = await enableTimescale(pool, log);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  const names = new Map<string, string>();
  /** A named (server-side prepared) query for each distinct SQL text we send. */
  const query = (sql: string, params: readonly SqlValue[]): pg.QueryArrayConfig => {
    let name = names.get(sql);
    if (name === undefined) {
      name = `hearth_${names.size}`;
      names.set(sql, name);
    }
    return { name, text: toPostgresPlaceholders(sql), values: [...params], rowMode: 'array' };
  };
  const session: SqlSession = {
    async run(sql, params) {
      return (await pool.query(query(sql, params))).rowCount ?? 0;
    },
    async rows(sql, params) {
      return (await pool.query(query(sql, params))).rows as SqlValue[][];
    },
  };

  /** Runs `work` in one transaction on one connection; a broken connection is not pooled again. */
  const inTransaction = async (work: (client: pg.PoolClient) => Promise<void>) => {
    const client = await pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('begin');
      await work(client);
      await client.query('commit');
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release(failure);
    }
  };

  const backend: BackendParts = {
    kind: 'postgres',
    async write(readings, events) {
      if (readings.length === 0 && events.length === 0) return;
      // Sorted and one per key: one statement may not upsert the same row twice.
      const rows = inKeyOrder(readings);
      await inTransaction(async (client) => {
        for (let start = 0; start < rows.length; start += POSTGRES_WRITE_CHUNK_ROWS) {
          const chunk = rows.slice(start, start + POSTGRES_WRITE_CHUNK_ROWS);
          const values = chunk.flatMap((row) => [row.series, row.at, row.value]);
          const full = chunk.length === POSTGRES_WRITE_CHUNK_ROWS;
          await client.query({
            name: full ? 'hearth_readings_chunk' : undefined,
            text: readingsInsertSql(chunk.length),
            values,
          });
        }
        for (let start = 0; start < events.length; start += EVENT_CHUNK_ROWS) {
          const chunk = events.slice(start, start + EVENT_CHUNK_ROWS);
          await client.query(eventsInsertSql(chunk.length), chunk.flatMap(eventParams));
        }
      });
    },
    async saveDevices(devices, removed) {
      if (devices.length === 0 && removed.length === 0) return;
      const latest = [...new Map(devices.map((device) => [device.key, device])).values()];
      await inTransaction(async (client) => {
        for (let start = 0; start < latest.length; start += DEVICE_CHUNK_ROWS) {
          const chunk = latest.slice(start, start + DEVICE_CHUNK_ROWS);
          const values = Array.from({ length: chunk.length }, () => '(?, ?)').join(', ');
          await client.query(
            toPostgresPlaceholders(
              `insert into devices (key, json) values ${values} on conflict (key) do update set json = excluded.json`,
            ),
            chunk.flatMap((device) => [device.key, JSON.stringify(device)]),
          );
        }
        if (removed.length > 0)
          await client.query('delete from devices where key = any($1::text[])', [removed]);
      });
    },
    async sizeBytes() {
      const plain = hypertable ? TABLES.filter((table) => table !== 'readings') : [...TABLES];
      const sizes = await pool.query({
        text: toPostgresPlaceholders(
          `select coalesce(sum(pg_total_relation_size(to_regclass(name))), 0) from unnest(array[${placeholders(plain.length)}]::text[]) as name`,
        ),
        values: plain,
        rowMode: 'array',
      });
      let total = Number(sizes.rows[0]?.[0] ?? 0);
      if (hypertable)
        total += Number(
          (await pool.query({ text: "select hypertable_size('readings')", rowMode: 'array' })).rows[0]?.[0] ??
            0,
        );
      return total;
    },
    async close() {
      await pool.end();
    },
  };
  return createSqlStorage(session, backend);
}
