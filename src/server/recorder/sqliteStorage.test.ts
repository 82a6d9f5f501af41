import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'libsql';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSqliteStorage } from './sqliteStorage.ts';
import { kitchenTemperature, T0 } from './storageCases.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearth-sqlite-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('writes in WAL mode with synchronous NORMAL', async () => {
  const file = join(dir, 'hearth.db');
  const storage = await createSqliteStorage(file);
  const series = await storage.addSeries(kitchenTemperature);
  await storage.write([{ series, at: T0, value: 1 }], []);
  const reader = new Database(file);
  expect(reader.prepare('pragma journal_mode').raw(true).get()).toEqual(['wal']);
  reader.close();
  await storage.close();
});

it('lets other work run between the chunks of a large write', async () => {
  const storage = await createSqliteStorage(join(dir, 'hearth.db'));
  const series = await storage.addSeries(kitchenTemperature);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  await new Promise((resolve) => setTimeout(resolve, 5));
  ticks = 0;
  await storage.write(
    Array.from({ length: 20_000 }, (_, i) => ({ series, at: T0 + i, value: i })),
    [],
  );
  clearInterval(timer);
  await storage.close();
  // Ten chunks of 2,000: the timer fires between them, not only once at the end.
  expect(ticks).toBeGreaterThan(2);
});

const storageModule = fileURLToPath(new URL('./sqliteStorage.ts', import.meta.url));

/**
 * A writer in its own process: one write of 500 readings every 20 ms, printing the count of
 * readings each write committed, until it is killed.
 */
const WRITER = `
const { createSqliteStorage } = await import(${JSON.stringify(storageModule)});
const storage = await createSqliteStorage(process.argv[1]);
const series = await storage.addSeries({ device: 'generic/kitchen', metric: 'temperature', handle: 'temperature', quantity: 'temperature', unit: '°C' });
let written = 0;
for (;;) {
  const readings = Array.from({ length: 500 }, (_, i) => ({ series, at: ${T0} + written + i, value: written + i }));
  await storage.write(readings, []);
  written += readings.length;
  process.stdout.write(written + '\\n');
  await new Promise((resolve) => setTimeout(resolve, 20));
}
`;

it('opens clean after the writing process is killed with SIGKILL, holding every committed write', async () => {
  const file = join(dir, 'hearth.db');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WRITER, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let committed = 0;
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the writer stopped by itself (${code})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      const counts = chunk.toString().trim().split('\n');
      committed = Number(counts[counts.length - 1]);
      if (committed >= 10_000) resolve();
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;

  const db = new Database(file);
  expect(db.prepare('pragma quick_check').raw(true).all()).toEqual([['ok']]);
  const [stored] = db.prepare('select count(*) from readings').raw(true).get() as [number];
  db.close();
  // Everything reported committed is there; at most the write in flight (under a second) is lost.
  expect(stored).toBeGreaterThanOrEqual(committed);
  expect(stored - committed).toBeLessThanOrEqual(1000);
  const reopened = await createSqliteStorage(file);
  expect(await reopened.countRaw(1, T0, T0 + 10_000_000, 10_000_000)).toBe(stored);
  await reopened.close();
}, 30_000);
