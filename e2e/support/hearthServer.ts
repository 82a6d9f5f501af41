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
  /** Stops the server, runs `whileDown`, and starts it again on the same ports, even if `whileDown` throws. */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `src/server/main.ts` on free ports, without the simulator, so only tests publish. */
export async function startHearthServer(): Promise<HearthServer> {
  const httpPort = await findFreePort();
  const mqttPort = await findFreePort();
  const launch = () =>
    startService({
      name: 'Hearth server',
      // `node --import tsx` is what the tsx command runs, minus a relaying parent process.
      command: process.execPath,
      args: hearthServerArgs(httpPort, mqttPort),
      cwd: REPO_ROOT,
      readyOutput: 'Hearth is running at',
      readyPorts: [httpPort, mqttPort],
      readyTimeoutMs: READY_TIMEOUT_MS,
    });
  let service: RunningService = await launch();
  return {
    httpPort,
    mqttPort,
    pageUrl: `http://127.0.0.1:${httpPort}/`,
    wsUrl: `ws://127.0.0.1:${httpPort}/mqtt`,
    tcpUrl: `mqtt://127.0.0.1:${mqttPort}`,
    async restart(whileDown) {
      await service.stop();
      try {
        await whileDown?.();
      } finally {
        service = await launch();
      }
    },
    stop: () => service.stop(),
  };
}

/** How the tests start a Hearth server: on loopback, on these ports, without the simulator. */
export function hearthServerArgs(httpPort: number, mqttPort: number): string[] {
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
  ];
}
