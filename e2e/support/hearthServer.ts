import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from './freePort.ts';
import { type RunningService, startService } from './serviceProcess.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const READY_TIMEOUT_MS = 30_000;

/**
 * The Hearth server: the built dashboard over HTTP, and its embedded broker on /mqtt and TCP, or
 * (with `externalBroker`) the recorder of another broker, which the server names to dashboards.
 */
export interface HearthServer {
  readonly httpPort: number;
  /** The TCP port of the broker it records: its embedded one's, or the external broker's. */
  readonly mqttPort: number;
  /** Where the dashboard is served, with a trailing slash. */
  readonly pageUrl: string;
  /** Its broker over WebSocket, as the dashboard reaches it by default. */
  readonly wsUrl: string;
  /** Its broker over TCP, as a device reaches it. */
  readonly tcpUrl: string;
  /** Its data directory (history database, broker persistence): kept across restarts. */
  readonly dataDir: string;
  /** Stops the server, runs `whileDown`, and starts it again on the same ports, even if `whileDown` throws. */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** A broker the server records from instead of running its own (`--broker`, `--broker-ws`). */
export interface ExternalBroker {
  /** mqtt:// as the recorder reaches it. */
  readonly tcpUrl: string;
  /** ws:// as the server tells dashboards to reach it. */
  readonly wsUrl: string;
}

/**
 * Starts `src/server/main.ts` on free ports, without the simulator, so only tests publish, with a
 * data directory of its own (removed at stop) unless one is given; `extraArgs` go after ours.
 * With `externalBroker` it records that broker: no embedded broker, so no `--mqtt-port` (the
 * server refuses it with `--broker`) and only the HTTP port to wait for.
 */
export async function startHearthServer(
  options: { dataDir?: string; extraArgs?: readonly string[]; externalBroker?: ExternalBroker } = {},
): Promise<HearthServer> {
  const { externalBroker } = options;
  const httpPort = await findFreePort();
  const mqttPort = externalBroker ? Number(new URL(externalBroker.tcpUrl).port) : await findFreePort();
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'hearth-e2e-')));
  const args = externalBroker
    ? externalBrokerServerArgs(httpPort, externalBroker, dataDir)
    : hearthServerArgs(httpPort, mqttPort, dataDir);
  const launch = () =>
    startService({
      name: 'Hearth server',
      // `node --import tsx` is what the tsx command runs, minus a relaying parent process.
      command: process.execPath,
      args: [...args, ...(options.extraArgs ?? [])],
      cwd: REPO_ROOT,
      readyOutput: 'Hearth is running at',
      readyPorts: externalBroker ? [httpPort] : [httpPort, mqttPort],
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
    wsUrl: externalBroker?.wsUrl ?? `ws://127.0.0.1:${httpPort}/mqtt`,
    tcpUrl: externalBroker?.tcpUrl ?? `mqtt://127.0.0.1:${mqttPort}`,
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
  return [...serverArgs(httpPort, dataDir), '--mqtt-port', String(mqttPort)];
}

/** As `hearthServerArgs`, recording `broker` instead of running the embedded one. */
function externalBrokerServerArgs(httpPort: number, broker: ExternalBroker, dataDir: string): string[] {
  return [...serverArgs(httpPort, dataDir), '--broker', broker.tcpUrl, '--broker-ws', broker.wsUrl];
}

function serverArgs(httpPort: number, dataDir: string): string[] {
  return [
    '--import',
    'tsx',
    'src/server/main.ts',
    '--port',
    String(httpPort),
    '--host',
    '127.0.0.1',
    '--no-simulator',
    '--data-dir',
    dataDir,
  ];
}
