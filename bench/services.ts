import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrokerKind } from './options.ts';
import { findFreePort, sleep, stopChild, trackChild, waitForPort } from './processes.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const HEARTH_ENTRY = 'src/server/main.ts';
const HEARTH_READY_TEXT = 'Hearth is running at';
/** Generous: the server builds the dashboard first when dist/ is missing or stale. */
const HEARTH_READY_TIMEOUT_MS = 180_000;
const MOSQUITTO_READY_TIMEOUT_MS = 15_000;
const OUTPUT_KEPT_CHARS = 8_000;

/** Where publishers (TCP) and pages (WebSocket) reach one broker. */
export interface BrokerEndpoints {
  kind: BrokerKind;
  tcpUrl: string;
  wsUrl: string;
}

export interface RunningService<T> {
  readonly info: T;
  stop(): Promise<void>;
}

export interface HearthInfo {
  /** The dashboard, with a trailing slash. */
  pageUrl: string;
  /** The server's process id, for its CPU time and memory. */
  pid: number;
  /** Its embedded broker. */
  broker: BrokerEndpoints;
}

/** How the bench runs the server: by default for the page benchmark, with the recorder off. */
export interface HearthServerOptions {
  /** Record into this data directory (and `database`, else SQLite in it) instead of not at all. */
  recorder?: { dataDir: string; database?: string };
}

/**
 * The product server on free loopback ports: built dashboard, embedded aedes, no simulator, and
 * the recorder off unless asked for.
 */
export async function startHearthServer(
  options: HearthServerOptions = {},
): Promise<RunningService<HearthInfo>> {
  if (!existsSync(path.resolve(REPO_ROOT, HEARTH_ENTRY))) {
    throw new Error(`${HEARTH_ENTRY} does not exist yet; the bench needs the Hearth server to run.`);
  }
  const httpPort = await findFreePort();
  const mqttPort = await findFreePort();
  const ownDataDir = options.recorder === undefined;
  const dataDir = options.recorder?.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'hearth-bench-')));
  const recorderArgs =
    options.recorder === undefined
      ? // The page benchmark measures the dashboard: the recorder (measured on its own with
        // --recorder) would share the two cores with the browser and blur the comparison.
        ['--no-recorder']
      : options.recorder.database === undefined
        ? []
        : ['--database', options.recorder.database];
  // `node --import tsx` rather than the tsx command: no relaying parent, so the pid is the server.
  const child = spawnService(process.execPath, [
    '--import',
    'tsx',
    HEARTH_ENTRY,
    '--port',
    String(httpPort),
    '--host',
    '127.0.0.1',
    '--mqtt-port',
    String(mqttPort),
    '--no-simulator',
    ...recorderArgs,
    '--data-dir',
    dataDir,
  ]);
  await whenReady('Hearth server', child, HEARTH_READY_TIMEOUT_MS, [httpPort, mqttPort], HEARTH_READY_TEXT);
  return {
    info: {
      pageUrl: `http://127.0.0.1:${httpPort}/`,
      pid: child.pid ?? 0,
      broker: {
        kind: 'aedes',
        tcpUrl: `mqtt://127.0.0.1:${mqttPort}`,
        wsUrl: `ws://127.0.0.1:${httpPort}/mqtt`,
      },
    },
    async stop() {
      await stopChild(child);
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Mosquitto with a throwaway config: loopback only, nothing persisted, no queue limit. */
export async function startMosquitto(): Promise<RunningService<BrokerEndpoints>> {
  const executable = process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto';
  const tcpPort = await findFreePort();
  const wsPort = await findFreePort();
  const configDir = await mkdtemp(path.join(tmpdir(), 'hearth-bench-mosquitto-'));
  const configFile = path.join(configDir, 'mosquitto.conf');
  // 2.0.11 refuses to start with only a WebSocket listener, and binds that one to every
  // interface unless told `socket_domain ipv4`.
  await writeFile(
    configFile,
    [
      'persistence false',
      'allow_anonymous true',
      'max_queued_messages 0',
      'log_dest stderr',
      'log_type error',
      `listener ${tcpPort} 127.0.0.1`,
      'socket_domain ipv4',
      `listener ${wsPort} 127.0.0.1`,
      'socket_domain ipv4',
      'protocol websockets',
      '',
    ].join('\n'),
  );
  const removeConfig = () => rm(configDir, { recursive: true, force: true });
  const child = spawnService(executable, ['-c', configFile]);
  try {
    await whenReady('mosquitto', child, MOSQUITTO_READY_TIMEOUT_MS, [tcpPort, wsPort]);
  } catch (error) {
    await removeConfig();
    throw error;
  }
  return {
    info: { kind: 'mosquitto', tcpUrl: `mqtt://127.0.0.1:${tcpPort}`, wsUrl: `ws://127.0.0.1:${wsPort}` },
    async stop() {
      await stopChild(child);
      await removeConfig();
    },
  };
}

interface ServiceChild extends ChildProcess {
  /** The last few thousand characters it printed, for error messages. */
  recentOutput(): string;
}

function spawnService(command: string, args: string[]): ServiceChild {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  trackChild(child);
  let output = '';
  const record = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT_CHARS);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  return Object.assign(child, { recentOutput: () => output });
}

/** Resolves once `child` printed `readyText` (if given) and every port accepts TCP. */
async function whenReady(
  name: string,
  child: ServiceChild,
  timeoutMs: number,
  ports: number[],
  readyText?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const failure = (why: string) =>
    new Error(`${name} ${why}. It printed:\n${child.recentOutput().trim() || '(nothing)'}`);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  try {
    while (readyText !== undefined && !child.recentOutput().includes(readyText)) {
      if (exited()) throw failure(`exited (code ${child.exitCode}) before it was ready`);
      if (Date.now() > deadline) throw failure(`was not ready after ${timeoutMs} ms`);
      await sleep(100);
    }
    for (const port of ports) {
      if (exited()) throw failure(`exited (code ${child.exitCode}) before it was ready`);
      await waitForPort(port, Math.max(0, deadline - Date.now()));
    }
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
