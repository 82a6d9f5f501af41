/**
 * The recorder's schema, one for SQLite and PostgreSQL: plain SQL in the subset both speak, with
 * the few words that differ (types, the id column, SQLite's WITHOUT ROWID) filled in per dialect.
 * Queries are written once with `?` placeholders; PostgreSQL gets them as `$1, $2…`.
 *
 * Narrow rows are the point: a reading is (series id, time, value) and nothing else, so SQLite
 * stores it in about 20-30 bytes with WITHOUT ROWID (the primary key is the table; a rowid table
 * would store the key twice, in the table and in its index).
 */

export type Dialect = 'sqlite' | 'postgres';

/** Raised when the layout changes; kept in `meta` so a later release knows what to migrate. */
export const SCHEMA_VERSION = 1;
export const SCHEMA_VERSION_KEY = 'schema_version';

interface DialectWords {
  /** A small integer primary key the database numbers itself. */
  serialKey: string;
  bigint: string;
  double: string;
  /** Table option for tables whose primary key is the whole story. */
  keyedTable: string;
}

const WORDS: Record<Dialect, DialectWords> = {
  sqlite: {
    serialKey: 'integer primary key',
    bigint: 'integer',
    double: 'real',
    keyedTable: ' without rowid',
  },
  postgres: { serialKey: 'serial primary key', bigint: 'bigint', double: 'double precision', keyedTable: '' },
};

/** The tables of a rolled-up tier, by tier name. */
export const TIER_TABLE = { '5m': 'rollup_5m', '1h': 'rollup_1h' } as const;

/** Every table the recorder owns (for sizes and checks). */
export const TABLES = ['series', 'readings', 'rollup_5m', 'rollup_1h', 'events', 'devices', 'meta'] as const;

/** `create … if not exists` statements, in order; safe to run at every start. */
export function schemaStatements(dialect: Dialect): string[] {
  const w = WORDS[dialect];
  const rollup = (table: string) =>
    `create table if not exists ${table} (series integer not null, bucket ${w.bigint} not null, mean ${w.double} not null, min ${w.double} not null, max ${w.double} not null, count integer not null, primary key (series, bucket))${w.keyedTable}`;
  return [
    `create table if not exists series (id ${w.serialKey}, device text not null, metric text not null, handle text not null, quantity text, unit text not null, unique (device, metric))`,
    `create table if not exists readings (series integer not null, at ${w.bigint} not null, value ${w.double} not null, primary key (series, at))${w.keyedTable}`,
    rollup('rollup_5m'),
    rollup('rollup_1h'),
    `create table if not exists events (id ${w.serialKey}, at ${w.bigint} not null, kind text not null, device text, name text, metric text, value ${w.double}, text text not null, until ${w.bigint})`,
    'create index if not exists events_at on events (at)',
    'create index if not exists events_device_at on events (device, at)',
    'create table if not exists devices (key text primary key, json text not null)',
    'create table if not exists meta (key text primary key, value text not null)',
  ];
}

const COLUMNS: Record<(typeof TABLES)[number], string> = {
  series: 'id, device, metric, handle, quantity, unit',
  readings: 'series, at, value',
  rollup_5m: 'series, bucket, mean, min, max, count',
  rollup_1h: 'series, bucket, mean, min, max, count',
  events: 'id, at, kind, device, name, metric, value, text, until',
  devices: 'key, json',
  meta: 'key, value',
};

/** Statements that fail when a table lacks a column we use (a file from something else). */
export function schemaProbes(): string[] {
  return TABLES.map((table) => `select ${COLUMNS[table]} from ${table} limit 0`);
}

/** Rewrites `?` placeholders as PostgreSQL's `$1, $2…` (our SQL has no `?` inside strings). */
export function toPostgresPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** `?, ?, ?` for an `in (…)` list of `count` values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
