import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const MAIN = path.join(import.meta.dirname, 'main.ts');
/** Starting Node with tsx takes a second or two; a refusal comes before anything else. */
const RUN_TIMEOUT_MS = 20_000;
/** A refusal exits by itself; past this the server started instead, and is stopped. */
const EXIT_WAIT_MS = 15_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm start -- …` as a user would, with none of this shell's HEARTH_ variables. */
function startServer(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('HEARTH_')),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const stuck = setTimeout(() => child.kill('SIGKILL'), EXIT_WAIT_MS);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(stuck);
      resolve({ status, stdout, stderr });
    });
  });
}

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-start-refusal-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

// Every run here is refused before anything listens: nothing is ever bound to 0.0.0.0.
const LAN_ARGS = ['--host', '0.0.0.0', '--port', '0', '--mqtt-port', '0', '--no-simulator'];

describe('npm start on the network with no accounts', () => {
  it(
    'refuses with status 78 and says how to add the first owner, on the same data directory',
    async () => {
      const run = await startServer([...LAN_ARGS, '--data-dir', dataDir]);
      expect(run.status).toBe(78);
      expect(run.stderr).toContain('Hearth will not start on 0.0.0.0 with no accounts');
      expect(run.stderr).toContain(`npm run user -- add NAME --role owner --data-dir ${dataDir}`);
      expect(run.stderr).toContain('--allow-anonymous');
      expect(run.stdout).not.toContain('Hearth is running');
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'starts nothing before refusing: no broker persistence, no database in the data directory',
    async () => {
      await startServer([...LAN_ARGS, '--data-dir', dataDir]);
      expect(await readdir(dataDir)).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'refuses with status 78 when the accounts file cannot be read, naming it',
    async () => {
      await writeFile(path.join(dataDir, 'accounts.json'), '{ not json', 'utf8');
      const run = await startServer([...LAN_ARGS, '--data-dir', dataDir]);
      expect(run.status).toBe(78);
      expect(run.stderr).toContain(`${path.join(dataDir, 'accounts.json')} is not valid JSON`);
      expect(run.stderr).toContain('Hearth will not start without knowing who may come in');
    },
    RUN_TIMEOUT_MS,
  );
});
