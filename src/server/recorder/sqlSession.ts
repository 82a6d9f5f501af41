/**
 * The little both databases are asked to do for the shared storage code: run a statement (rows
 * changed) and read rows as arrays in select order. SQL is written with `?` placeholders; the
 * PostgreSQL session translates them.
 */

export type SqlValue = number | string | null;

export interface SqlSession {
  run(sql: string, params: readonly SqlValue[]): Promise<number>;
  rows(sql: string, params: readonly SqlValue[]): Promise<SqlValue[][]>;
}

/** How long a run of statements may hold the event loop before it yields to the broker. */
export const PACE_SLICE_MS = 10;

/**
 * A pacer for long jobs (rollups, pruning): `await pace()` between statements yields to the event
 * loop once `sliceMs` have passed since the last yield, so the broker in the same process keeps
 * running while SQLite (a synchronous driver) works through many short statements.
 */
export function createPacer(sliceMs = PACE_SLICE_MS): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

export function asNumber(value: SqlValue | undefined): number {
  return typeof value === 'number' ? value : Number(value);
}

export function asText(value: SqlValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export function asNullableText(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function asNullableNumber(value: SqlValue | undefined): number | null {
  return value === null || value === undefined ? null : asNumber(value);
}
