import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from './freePort.ts';
import { type RunningService, startService } from './serviceProcess.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const READY_TIMEOUT_MS = 30_000;

/** The Hearth server: the built dashboard over HTTP, and its embedded broker on /mqtt and TCP. */
export interface HearthServer {
  readonly httpPort: number;
  readonly mqttPort: number;
  /** Where the dashboard is served, with a trailing slash. */
  readonly pageUrl: string;
  /** The embedded broker over WebSocket, as the dashboard reaches it by default. */
  readonly wsUrl: string;
  /** The embedded broker over TCP, as a device reaches it. */
  readonly tcpUrl: string;
  /** Its data directory (history database, broker persistence): kept across restarts. */
  readonly dataDir: string;
  /** Stops the server, runs `whileDown`, and starts it again on the same ports, even if `whileDown` throws. */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `src/server/main.ts` on free ports, without the simulator, so only tests publish, with a
 * data directory of its own (removed at stop) unless one is given; `extraArgs` go after ours.
 */
export async function startHearthServer(
  options: { dataDir?: string; extraArgs?: readonly string[] } = {},
): Promise<HearthServer> {
  const httpPort = await findFreePort();
  const mqttPort = await findFreePort();
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'hearth-e2e-')));
  const launch = () =>
    startService({
      name: 'Hearth server',
      // `node --import tsx` is what the tsx command runs, minus a relaying parent process.
      command: process.execPath,
      args: [...hearthServerArgs(httpPort, mqttPort, dataDir), ...(options.extraArgs ?? [])],
      cwd: REPO_ROOT,
      readyOutput: 'Hearth is running at',
      readyPorts: [httpPort, mqttPort],
      readyTimeoutMs: READY_TIMEOUT_MS,
    });
  let service: RunningService;
  try {
    service = await launch();
  } catch (error) {
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    httpPort,
    mqttPort,
    pageUrl: `http://127.0.0.1:${httpPort}/`,
    wsUrl: `ws://127.0.0.1:${httpPort}/mqtt`,
    tcpUrl: `mqtt://127.0.0.1:${mqttPort}`,
    dataDir,
    async restart(whileDown) {
      await service.stop();
      try {
        await whileDown?.();
      } finally {
        service = await launch();
      }
    },
    async stop() {
      await service.stop();
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * How the tests start a Hearth server: on loopback, on these ports, without the simulator, its
 * history and broker persistence in `dataDir` (never the repository's ./data, which two servers
 * cannot share).
 */
export function hearthServerArgs(httpPort: number, mqttPort: number, dataDir: string): string[] {
  return [
    '--import',
    'tsx',
    'src/server/main.ts',
    '--port',
    String(httpPort),
    '--host',
    '127.0.0.1',
    '--mqtt-port',
    String(mqttPort),
    '--no-simulator',
    '--data-dir',
    dataDir,
  ];
}
