import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from './accounts/passwordHash.ts';

const CLI = path.join(import.meta.dirname, 'userCli.ts');
/** Each run starts Node with tsx and hashes with scrypt: a few hundred milliseconds. */
const RUN_TIMEOUT_MS = 20_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run user -- …` as a user would, with `stdin` piped in (closed at once when absent). */
function user(args: readonly string[], stdin = '', env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, HEARTH_DATA_DIR: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-user-cli-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function storedAccounts(): Promise<
  { name: string; role: string; hash: string; prefixes?: string[] }[]
> {
  return JSON.parse(await readFile(path.join(dataDir, 'accounts.json'), 'utf8')).accounts;
}

describe('npm run user', { timeout: RUN_TIMEOUT_MS * 3 }, () => {
  it('adds an owner whose password verifies, in a file only its owner can read', async () => {
    const run = await user(
      ['add', 'kim', '--role', 'owner', '--password-stdin', '--data-dir', dataDir],
      'correct horse\n',
    );
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toBe(`Added kim (owner) to ${path.join(dataDir, 'accounts.json')}.\n`);
    const [kim] = await storedAccounts();
    expect(kim).toMatchObject({ name: 'kim', role: 'owner' });
    expect(await verifyPassword('correct horse', kim?.hash ?? '')).toBe(true);
    expect((await stat(path.join(dataDir, 'accounts.json'))).mode & 0o777).toBe(0o600);
  });

  it('refuses to add the same name twice, whatever its case, and keeps the first', async () => {
    await user(
      ['add', 'kim', '--role', 'owner', '--password-stdin', '--data-dir', dataDir],
      'correct horse\n',
    );
    const again = await user(
      ['add', 'KIM', '--role', 'view', '--password-stdin', '--data-dir', dataDir],
      'other words\n',
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^There is already an account 'kim' \(owner\); choose another name/);
    expect(await storedAccounts()).toHaveLength(1);
  });

  it('lists names, roles and dates, never a hash', async () => {
    await user(
      ['add', 'kim', '--role', 'owner', '--password-stdin', '--data-dir', dataDir],
      'correct horse\n',
    );
    await user(
      ['add', 'plug', '--role', 'device', '--password-stdin', '--data-dir', dataDir],
      'device secret\n',
    );
    const list = await user(['list', '--data-dir', dataDir]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(
      /^NAME +ROLE +ADDED +PREFIXES\nkim +owner +\d{4}-\d\d-\d\d \d\d:\d\d UTC\nplug +device +.* plug\/\n$/,
    );
    expect(list.stdout).not.toMatch(/scrypt|\$/);
  });

  it('adds a Tasmota plug with its three prefixes, and lists them', async () => {
    const run = await user(
      [
        'add',
        'plug1',
        '--role',
        'device',
        '--prefix',
        'tele/plug1',
        '--prefix',
        'stat/plug1,cmnd/plug1',
        '--password-stdin',
        '--data-dir',
        dataDir,
      ],
      'device secret\n',
    );
    expect(run).toMatchObject({ status: 0, stderr: expect.stringMatching(/^No owner account is left/) });
    expect(run.stdout).toBe(
      `Added plug1 (device, under tele/plug1/, stat/plug1/, cmnd/plug1/) to ${path.join(dataDir, 'accounts.json')}.\n`,
    );
    expect(await storedAccounts()).toMatchObject([
      { name: 'plug1', role: 'device', prefixes: ['tele/plug1/', 'stat/plug1/', 'cmnd/plug1/'] },
    ]);
    const list = await user(['list', '--data-dir', dataDir]);
    expect(list.stdout).toMatch(/\nplug1 +device +.* tele\/plug1\/, stat\/plug1\/, cmnd\/plug1\/\n$/);
  });

  it('refuses a device with a bad prefix among its prefixes before asking for a password', async () => {
    const run = await user([
      'add',
      'plug1',
      '--role',
      'device',
      '--prefix',
      'tele/plug1,cmnd/#',
      '--data-dir',
      dataDir,
    ]);
    expect(run).toMatchObject({
      status: 1,
      stderr: "The device prefix 'cmnd/#' cannot hold the MQTT wildcards + or #.\n",
    });
  });

  it('finds the data directory in HEARTH_DATA_DIR', async () => {
    await user(['add', 'kim', '--role', 'control', '--password-stdin'], 'correct horse\n', {
      HEARTH_DATA_DIR: dataDir,
    });
    expect(await storedAccounts()).toMatchObject([{ name: 'kim', role: 'control' }]);
  });

  it('changes what verifies with passwd', async () => {
    await user(
      ['add', 'kim', '--role', 'owner', '--password-stdin', '--data-dir', dataDir],
      'correct horse\n',
    );
    const passwd = await user(
      ['passwd', 'kim', '--password-stdin', '--data-dir', dataDir],
      'battery staple\r\n',
    );
    expect(passwd.status).toBe(0);
    const [kim] = await storedAccounts();
    expect(await verifyPassword('battery staple', kim?.hash ?? '')).toBe(true);
    expect(await verifyPassword('correct horse', kim?.hash ?? '')).toBe(false);
  });

  it('removes an account, warning when no owner is left', async () => {
    await user(
      ['add', 'kim', '--role', 'owner', '--password-stdin', '--data-dir', dataDir],
      'correct horse\n',
    );
    await user(
      ['add', 'tablet', '--role', 'view', '--password-stdin', '--data-dir', dataDir],
      'wall tablet\n',
    );
    const removed = await user(['remove', 'kim', '--data-dir', dataDir]);
    expect(removed.status).toBe(0);
    expect(removed.stderr).toMatch(/^No owner account is left/);
    expect(await storedAccounts()).toMatchObject([{ name: 'tablet' }]);
  });

  it('refuses to remove or re-password an account that does not exist', async () => {
    const removed = await user(['remove', 'sam', '--data-dir', dataDir]);
    expect(removed).toMatchObject({
      status: 1,
      stderr: "There is no account 'sam': there are no accounts yet.\n",
    });
    const passwd = await user(
      ['passwd', 'sam', '--password-stdin', '--data-dir', dataDir],
      'correct horse\n',
    );
    expect(passwd.status).toBe(1);
  });

  it('refuses a weak password, saying what it needs, and adds nothing', async () => {
    const run = await user(
      ['add', 'kim', '--role', 'owner', '--password-stdin', '--data-dir', dataDir],
      'short\n',
    );
    expect(run).toMatchObject({
      status: 1,
      stderr: 'The password has 5 characters; choose one of at least 8. Nothing changed.\n',
    });
    expect(await user(['list', '--data-dir', dataDir])).toMatchObject({
      stdout: expect.stringMatching(/^No accounts/),
    });
  });

  it('refuses a bad role with exit 1 and a misread command line with exit 64', async () => {
    const role = await user(['add', 'kim', '--role', 'admin', '--data-dir', dataDir]);
    expect(role.status).toBe(1);
    expect(role.stderr).toMatch(/There is no role 'admin'/);
    const usage = await user(['add', 'kim', '--data-dir', dataDir]);
    expect(usage.status).toBe(64);
    expect(usage.stderr).toMatch(
      /^add needs a role: --role owner\|control\|view\|device\.\n\nUsage: npm run user/,
    );
  });

  it('refuses to ask for a password when standard input is not a terminal', async () => {
    const run = await user(['add', 'kim', '--role', 'owner', '--data-dir', dataDir], 'correct horse\n');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/not a terminal.*--password-stdin/);
  });

  it('refuses, without touching it, an accounts file it cannot read', async () => {
    const file = path.join(dataDir, 'accounts.json');
    await writeFile(file, '{"version": 1, "accounts": [');
    const run = await user(
      ['add', 'kim', '--role', 'owner', '--password-stdin', '--data-dir', dataDir],
      'correct horse\n',
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/accounts\.json is not valid JSON/);
    expect(await readFile(file, 'utf8')).toBe('{"version": 1, "accounts": [');
  });
});
