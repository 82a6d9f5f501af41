import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { damagedFileName, openStorage, storageTarget } from './openStorage.ts';
import { createSqliteStorage } from './sqliteStorage.ts';
import { kitchenTemperature, T0 } from './storageCases.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hearth-open-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('storageTarget', () => {
  it('is hearth.db in the data directory by default', () => {
    expect(storageTarget({ dataDir: '/var/lib/hearth' })).toEqual({
      kind: 'sqlite',
      file: '/var/lib/hearth/hearth.db',
    });
  });

  it('is PostgreSQL for postgres:// and postgresql:// URLs', () => {
    expect(storageTarget({ database: 'postgres://h@db:5433/hearth', dataDir: '.' })).toEqual({
      kind: 'postgres',
      url: 'postgres://h@db:5433/hearth',
    });
    expect(storageTarget({ database: 'postgresql://db/hearth', dataDir: '.' }).kind).toBe('postgres');
  });

  it('is the named file for sqlite:', () => {
    expect(storageTarget({ database: 'sqlite:/srv/history.db', dataDir: '.' })).toEqual({
      kind: 'sqlite',
      file: '/srv/history.db',
    });
    expect(storageTarget({ database: 'sqlite:///srv/history.db', dataDir: '.' })).toEqual({
      kind: 'sqlite',
      file: '/srv/history.db',
    });
  });

  it('refuses anything else, saying what it takes', () => {
    expect(() => storageTarget({ database: 'mysql://db/hearth', dataDir: '.' })).toThrow(
      /postgres:\/\/.*sqlite:/,
    );
  });
});

describe('openStorage on SQLite', () => {
  it('creates the data directory and hearth.db in it', async () => {
    const nested = join(dataDir, 'a', 'b');
    const storage = await openStorage({ dataDir: nested }, () => {});
    expect(storage.kind).toBe('sqlite');
    await storage.close();
    expect(existsSync(join(nested, 'hearth.db'))).toBe(true);
  });

  it('keeps what was written across a reopen', async () => {
    const first = await openStorage({ dataDir }, () => {});
    const series = await first.addSeries(kitchenTemperature);
    await first.write([{ series, at: T0, value: 21.5 }], []);
    await first.close();
    const again = await openStorage({ dataDir }, () => {});
    expect(await again.raw(series, T0, T0, 10)).toEqual([[T0, 21.5]]);
    await again.close();
  });

  it('moves a file that is not a database aside with one line and starts a fresh one', async () => {
    const file = join(dataDir, 'hearth.db');
    await writeFile(file, 'these are not the pages of a database\n'.repeat(200));
    const lines: string[] = [];
    const storage = await openStorage({ dataDir }, (line) => lines.push(line));
    expect(await storage.loadSeries()).toEqual([]);
    await storage.close();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^history database .*hearth\.db is damaged \(.*not a database.*\); moved it to .*hearth\.db\.corrupt-\d{4}-\d\d-\d\dT.* and started a fresh one$/,
    );
    const moved = (await readdir(dataDir)).filter((name) => name.startsWith('hearth.db.corrupt-'));
    expect(moved).toHaveLength(1);
    expect(await readFile(join(dataDir, moved[0] ?? ''), 'utf8')).toContain('not the pages of a database');
  });

  it('moves a truncated database aside, with its WAL, and starts a fresh one', async () => {
    const file = join(dataDir, 'hearth.db');
    const storage = await createSqliteStorage(file);
    const series = await storage.addSeries(kitchenTemperature);
    await storage.write(
      Array.from({ length: 20_000 }, (_, i) => ({ series, at: T0 + i * 1000, value: i })),
      [],
    );
    await storage.close();
    // A WAL left beside it, as after a crash.
    await writeFile(`${file}-wal`, '');
    await truncate(file, 40_960);
    const lines: string[] = [];
    const fresh = await openStorage({ dataDir }, (line) => lines.push(line));
    expect(await fresh.loadSeries()).toEqual([]);
    await fresh.close();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/is damaged \(.*\); moved it to/);
    const names = await readdir(dataDir);
    expect(names.filter((name) => /^hearth\.db\.corrupt-.*-wal$/.test(name))).toHaveLength(1);
  });

  it('moves a database whose tables have another shape aside', async () => {
    const file = join(dataDir, 'hearth.db');
    const foreign = new Database(file);
    foreign.exec('create table readings (sensor text, taken text)');
    foreign.close();
    const lines: string[] = [];
    const storage = await openStorage({ dataDir }, (line) => lines.push(line));
    await storage.close();
    expect(lines[0]).toMatch(/is damaged \(.*no such column.*\)/);
  });

  it('leaves a database of a newer Hearth alone', async () => {
    const storage = await openStorage({ dataDir }, () => {});
    await storage.setMeta('schema_version', '99');
    await storage.close();
    await expect(openStorage({ dataDir }, () => {})).rejects.toThrow(/schema version 99/);
    expect(await readdir(dataDir)).not.toContainEqual(expect.stringMatching(/corrupt/));
  });

  it('names a damaged copy by the time it was moved', () => {
    const name = damagedFileName('/data/hearth.db', new Date(Date.UTC(2026, 10, 27, 9, 5, 3)));
    expect(name).toMatch(/^\/data\/hearth\.db\.corrupt-2026-11-27T09[:-]05[:-]03\.000Z$/);
  });
});
