import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStorage } from './postgresStorage.ts';
import { createSqliteStorage } from './sqliteStorage.ts';
import type { Storage } from './storage.ts';
import { kitchenTemperature, registerStorageCases, T0 } from './storageCases.ts';
import { postgresBinDir, postgresRequired, startTestPostgres, type TestPostgres } from './testPostgres.ts';

describe('SQLite storage', () => {
  let dir: string;
  let files = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-sqlite-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  registerStorageCases(() => createSqliteStorage(join(dir, `history-${++files}.db`)));
});

const postgresMissing = postgresBinDir() === null;
if (postgresMissing && !postgresRequired()) {
  console.warn(
    'PostgreSQL storage tests skipped: no initdb under /usr/lib/postgresql (HEARTH_REQUIRE_POSTGRES=1 makes this a failure)',
  );
}

describe.skipIf(postgresMissing && !postgresRequired())('PostgreSQL storage', () => {
  let cluster: TestPostgres | null = null;
  let databases = 0;

  beforeAll(async () => {
    cluster = await startTestPostgres();
    if (cluster === null)
      throw new Error(
        'PostgreSQL is required (HEARTH_REQUIRE_POSTGRES=1) but not installed: apt-get install postgresql',
      );
  }, 30_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  /** A new database per test on the one cluster: cheaper than a cluster each. */
  const freshDatabase = async (): Promise<string> => {
    if (cluster === null) throw new Error('no PostgreSQL cluster');
    const name = `hearth_test_${++databases}`;
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    return cluster.url.replace(/\/postgres$/, `/${name}`);
  };

  registerStorageCases(async () => createPostgresStorage(await freshDatabase()));

  it('rolls up to the same numbers as SQLite', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-sqlite-'));
    const backends: Storage[] = [
      await createSqliteStorage(join(dir, 'same.db')),
      await createPostgresStorage(await freshDatabase()),
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const readings = Array.from({ length: 3000 }, () => ({
      at: T0 + Math.floor(random() * 3 * 3600_000),
      value: Math.round(random() * 10_000) / 100,
    }));
    const answers = [];
    for (const storage of backends) {
      const series = await storage.addSeries(kitchenTemperature);
      await storage.write(
        readings.map((r) => ({ series, ...r })),
        [],
      );
      await storage.rollUp(T0, T0 + 3 * 3600_000);
      answers.push({
        fiveMinute: await storage.buckets('5m', series, T0, T0 + 3 * 3600_000, 1000),
        hourly: await storage.buckets('1h', series, T0, T0 + 3 * 3600_000, 1000),
      });
      await storage.close();
    }
    await rm(dir, { recursive: true, force: true });
    const [sqlite, postgres] = answers;
    expect(sqlite?.fiveMinute).toHaveLength(36);
    expect(postgres?.fiveMinute.length).toBe(sqlite?.fiveMinute.length);
    const pairs = [
      ...(sqlite?.fiveMinute ?? []).map((bucket, i) => [bucket, postgres?.fiveMinute[i]] as const),
      ...(sqlite?.hourly ?? []).map((bucket, i) => [bucket, postgres?.hourly[i]] as const),
    ];
    for (const [left, right] of pairs) {
      for (const [k, value] of left.entries()) expect(right?.[k]).toBeCloseTo(value ?? Number.NaN, 9);
    }
  });

  it('keeps plain tables where TimescaleDB is not available', async () => {
    const url = await freshDatabase();
    const storage = await createPostgresStorage(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const extension = await client.query("select 1 from pg_extension where extname = 'timescaledb'");
    const readings = await client.query("select relkind from pg_class where relname = 'readings'");
    await client.end();
    await storage.close();
    expect(extension.rowCount).toBe(0);
    expect(readings.rows).toEqual([{ relkind: 'r' }]);
  });

  it('says which host and port it could not reach, without the password', async () => {
    if (cluster === null) throw new Error('no PostgreSQL cluster');
    const port = new URL(cluster.url).port;
    const closedPort = Number(port) === 65535 ? 65534 : Number(port) + 1;
    const attempt = createPostgresStorage(`postgres://hearth:s3cret-word@127.0.0.1:${closedPort}/postgres`);
    await expect(attempt).rejects.toThrow(`cannot connect to PostgreSQL at 127.0.0.1:${closedPort}`);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });
});
