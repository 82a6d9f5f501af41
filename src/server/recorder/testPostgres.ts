import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Test support: a throwaway PostgreSQL cluster (initdb + pg_ctl) on a free loopback port, so the
 * storage's tests run against a real server database. Debian installs the binaries under
 * /usr/lib/postgresql/<version>/bin without putting them on PATH. PostgreSQL refuses to run as
 * root, so as root the cluster belongs to the `postgres` user and is driven through `su`.
 */

const run = promisify(execFile);
const POSTGRES_ROOT = '/usr/lib/postgresql';

/** The newest installed PostgreSQL's bin directory, or null when none is installed. */
export function postgresBinDir(): string | null {
  if (!existsSync(POSTGRES_ROOT)) return null;
  const versions = readdirSync(POSTGRES_ROOT)
    .filter((version) => existsSync(join(POSTGRES_ROOT, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(POSTGRES_ROOT, versions[0], 'bin');
}

/** True when CI demands PostgreSQL: its absence then fails the suite instead of skipping it. */
export function postgresRequired(): boolean {
  return process.env.HEARTH_REQUIRE_POSTGRES === '1';
}

export interface TestPostgres {
  /** `postgres://hearth@127.0.0.1:<port>/postgres`, trust authentication. */
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a shell command line, as the `postgres` user when we are root. */
async function runAsClusterOwner(commandLine: string): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await run('su', ['postgres', '-c', commandLine]);
  else await run('sh', ['-c', commandLine]);
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * Starts a cluster and resolves with its URL, or null when PostgreSQL is not installed.
 * Never port 5432: a system cluster may hold it.
 */
export async function startTestPostgres(): Promise<TestPostgres | null> {
  const bin = postgresBinDir();
  if (bin === null) return null;
  const dir = await mkdtemp(join(tmpdir(), 'hearth-pg-'));
  if (process.getuid?.() === 0) await run('chown', ['postgres', dir]);
  const data = join(dir, 'data');
  const port = await freePort();
  const initdb = `${quote(join(bin, 'initdb'))} -D ${quote(data)} -A trust -U hearth --no-sync`;
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = `${quote(join(bin, 'pg_ctl'))} -D ${quote(data)} -o ${quote(options)} -l ${quote(join(dir, 'log'))} -w start`;
  try {
    await runAsClusterOwner(`${initdb} >/dev/null && ${start} >/dev/null`);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://hearth@127.0.0.1:${port}/postgres`,
    async stop() {
      await runAsClusterOwner(
        `${quote(join(bin, 'pg_ctl'))} -D ${quote(data)} -m immediate stop >/dev/null`,
      ).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
