import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from './freePort.ts';
import { type RunningService, startService } from './serviceProcess.ts';

const READY_TIMEOUT_MS = 15_000;
const SEARCHED_PATHS = ['/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto', '/usr/bin/mosquitto'];

/** A Mosquitto broker of our own, on 127.0.0.1 only, forgetting everything when it stops. */
export interface MosquittoBroker {
  /** Plain MQTT, as a device reaches it. */
  readonly tcpUrl: string;
  /** WebSockets, open to anyone, as the dashboard reaches it. */
  readonly wsUrl: string;
  /** WebSockets that refuse every client without a user name and password. */
  readonly authRequiredWsUrl: string;
  /** Stops the broker, runs `whileDown`, and starts it again on the same ports, even if `whileDown` throws. */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** The mosquitto executable: `MOSQUITTO_PATH`, or where Debian and source builds put it. */
export function findMosquitto(): { found: string } | { searched: readonly string[] } {
  const candidates = process.env.MOSQUITTO_PATH ? [process.env.MOSQUITTO_PATH] : SEARCHED_PATHS;
  const found = candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  return found === undefined ? { searched: candidates } : { found };
}

export async function startMosquitto(executable: string): Promise<MosquittoBroker> {
  const tcpPort = await findFreePort();
  const wsPort = await findFreePort();
  const authWsPort = await findFreePort();
  const configDir = await mkdtemp(path.join(tmpdir(), 'hearth-mosquitto-'));
  const configFile = path.join(configDir, 'mosquitto.conf');
  // Mosquitto 2.0.11 will not start with only WebSocket listeners, and binds a WebSocket
  // listener to every interface unless it is told `socket_domain ipv4`.
  await writeFile(
    configFile,
    [
      'per_listener_settings true',
      'persistence false',
      'log_dest stdout',
      'log_type error',
      'log_type warning',
      'log_type notice',
      '',
      `listener ${tcpPort} 127.0.0.1`,
      'socket_domain ipv4',
      'allow_anonymous true',
      '',
      `listener ${wsPort} 127.0.0.1`,
      'socket_domain ipv4',
      'protocol websockets',
      'allow_anonymous true',
      '',
      // No password file: with anonymous clients refused, every connection here is refused.
      `listener ${authWsPort} 127.0.0.1`,
      'socket_domain ipv4',
      'protocol websockets',
      'allow_anonymous false',
      '',
    ].join('\n'),
  );
  const launch = () =>
    startService({
      name: 'mosquitto',
      command: executable,
      args: ['-c', configFile],
      readyPorts: [tcpPort, wsPort, authWsPort],
      readyTimeoutMs: READY_TIMEOUT_MS,
    });
  let service: RunningService;
  try {
    service = await launch();
  } catch (error) {
    await rm(configDir, { recursive: true, force: true });
    throw error;
  }
  return {
    tcpUrl: `mqtt://127.0.0.1:${tcpPort}`,
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    authRequiredWsUrl: `ws://127.0.0.1:${authWsPort}`,
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
      await rm(configDir, { recursive: true, force: true });
    },
  };
}
