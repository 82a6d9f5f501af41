import { EventEmitter } from 'node:events';
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes } from 'aedes';
import aedesPersistenceLevel from 'aedes-persistence-level';
import { Level } from 'level';
import { WebSocketServer } from 'ws';
import type { InboundMessage } from '../core/message.ts';
import { PacketFrameStream } from './packetFrameStream.ts';

/** Where the dashboard (and anything else on the HTTP port) reaches the broker over WebSocket. */
export const MQTT_WS_PATH = '/mqtt';

/**
 * Subprotocols we answer to: `mqtt` is the registered name; `mqttv3.1` is what MQTT 3.1 clients
 * still offer. A browser refuses the connection unless the server picks one it offered.
 */
const MQTT_SUBPROTOCOLS = ['mqtt', 'mqttv3.1'];

/** The largest WebSocket message accepted; bounds memory per connection, far above sensor payloads. */
const WS_MESSAGE_MAX_BYTES = 4 * 1024 * 1024;

/** Outcome of opening the plain MQTT (TCP) listener: a taken port is expected, not exceptional. */
export type TcpListenResult =
  | { ok: true; host: string; port: number }
  | { ok: false; reason: 'port-in-use' | 'failed'; message: string };

/** The MQTT broker living inside the Hearth server process. */
export interface EmbeddedBroker {
  /**
   * Serves MQTT over WebSocket on `server` at {@link MQTT_WS_PATH}. Other upgrade requests are left
   * alone, so Vite's hot-reload socket can share the server in development.
   */
  attachWebSocket(server: HttpServer): void;
  /** Opens plain MQTT over TCP; resolves with what happened instead of throwing. */
  listenTcp(port: number, host: string): Promise<TcpListenResult>;
  /**
   * Calls `listener` with every publish the broker handles, as the recorder reads it: live
   * (`retained: false`) whatever its retain flag, since a client publishing is news, not the
   * broker's memory. The broker's own `$SYS/` topics are left out. Returns the unsubscribe.
   */
  onPublish(listener: (message: InboundMessage) => void): () => void;
  /** Calls `listener` with every retained message the broker holds (`retained: true`), then resolves. */
  forEachRetained(listener: (message: InboundMessage) => void): Promise<void>;
  /** Ends every session (publishing Wills of clients that did not disconnect) and all listeners. */
  close(): Promise<void>;
}

export interface EmbeddedBrokerOptions {
  /**
   * Where retained messages and persistent sessions (with their queued QoS 1 messages) are kept
   * across restarts; absent, the broker keeps them in memory for the life of the process.
   */
  persistenceDir?: string;
}

/** Raised when the broker's persistence directory cannot be opened; `message` says what to do. */
export class BrokerPersistenceError extends Error {}

/**
 * Starts an aedes broker (MQTT 3.1.1 and 5: retained messages, Last Will, QoS 0-2). With a
 * `persistenceDir`, its retained messages and persistent sessions live in a LevelDB there and
 * survive a restart (what a house's broker promises its sleeping tablets); without, in memory.
 */
export async function createEmbeddedBroker(options: EmbeddedBrokerOptions = {}): Promise<EmbeddedBroker> {
  const db = options.persistenceDir === undefined ? null : await openPersistence(options.persistenceDir);
  const aedes = await Aedes.createBroker(db === null ? {} : { persistence: aedesPersistenceLevel(db) });
  // aedes reports persistence failures as 'error' events; unheard, they would end the process.
  EventEmitter.prototype.on.call(aedes, 'error', (error: Error) => {
    console.error(`MQTT broker error: ${error.message}`);
  });

  const webSockets = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MESSAGE_MAX_BYTES,
    handleProtocols: (offered) => MQTT_SUBPROTOCOLS.find((name) => offered.has(name)) ?? false,
  });
  webSockets.on('connection', (socket, request: IncomingMessage) => {
    aedes.handle(new PacketFrameStream(socket), request);
  });

  const attached: Array<{ server: HttpServer; onUpgrade: UpgradeListener }> = [];
  const tcpServers: TcpServer[] = [];
  const publishListeners = new Set<(message: InboundMessage) => void>();
  aedes.on('publish', (packet) => {
    if (publishListeners.size === 0 || packet.topic.startsWith('$SYS/')) return;
    const message: InboundMessage = {
      topic: packet.topic,
      payload: toBytes(packet.payload),
      retained: false,
      receivedAt: Date.now(),
    };
    for (const listener of publishListeners) listener(message);
  });

  return {
    onPublish(listener) {
      publishListeners.add(listener);
      return () => publishListeners.delete(listener);
    },

    async forEachRetained(listener) {
      // aedes types leave its persistence out; every persistence has this stream.
      const { persistence } = aedes as unknown as { persistence: RetainedStore };
      const stream = persistence.createRetainedStreamCombi(['#']);
      for await (const packet of stream) {
        if (packet.topic.startsWith('$SYS/')) continue;
        listener({
          topic: packet.topic,
          payload: toBytes(packet.payload),
          retained: true,
          receivedAt: Date.now(),
        });
      }
    },

    attachWebSocket(server) {
      const onUpgrade: UpgradeListener = (request, socket, head) => {
        if (!isMqttWebSocketPath(request)) return;
        socket.on('error', () => socket.destroy());
        webSockets.handleUpgrade(request, socket, head, (ws) => webSockets.emit('connection', ws, request));
      };
      server.on('upgrade', onUpgrade);
      attached.push({ server, onUpgrade });
    },

    listenTcp(port, host) {
      return new Promise((resolve) => {
        const server = createTcpServer((socket) => {
          // A peer vanishing mid-handshake must not take the process down.
          socket.on('error', () => socket.destroy());
          aedes.handle(socket);
        });
        server.once('error', (error: NodeJS.ErrnoException) => {
          const reason = error.code === 'EADDRINUSE' ? 'port-in-use' : 'failed';
          resolve({ ok: false, reason, message: error.message });
        });
        server.listen(port, host, () => {
          tcpServers.push(server);
          const address = server.address();
          const bound = typeof address === 'object' && address ? address : { address: host, port };
          resolve({ ok: true, host: bound.address, port: bound.port });
        });
      });
    },

    async close() {
      for (const { server, onUpgrade } of attached) server.off('upgrade', onUpgrade);
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      // Sessions are over; do not wait out each browser's closing handshake.
      for (const socket of webSockets.clients) socket.terminate();
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
      await Promise.all(
        tcpServers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
      publishListeners.clear();
      await db?.close();
    },
  };
}

/**
 * Opens the LevelDB that holds the broker's state. LevelDB allows one process per directory:
 * a second Hearth on the same data directory is told so in words, not with a lock file's errno.
 */
async function openPersistence(dir: string): Promise<Level<string, string>> {
  const db = new Level<string, string>(dir);
  try {
    await db.open();
  } catch (error) {
    const cause = error instanceof Error ? (error.cause ?? error) : error;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : null;
    if (code === 'LEVEL_LOCKED')
      throw new BrokerPersistenceError(`another Hearth is using ${dir}; stop it or pick another --data-dir`);
    const reason = error instanceof Error ? error.message : String(error);
    throw new BrokerPersistenceError(`cannot open the broker's store in ${dir}: ${reason}`);
  }
  return db;
}

interface RetainedStore {
  createRetainedStreamCombi(patterns: string[]): AsyncIterable<{ topic: string; payload: Buffer | string }>;
}

function toBytes(payload: Buffer | string | Uint8Array): Uint8Array {
  return typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
}

type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Whether a request is for the broker's WebSocket endpoint (query strings allowed). */
export function isMqttWebSocketPath(request: IncomingMessage): boolean {
  return (request.url ?? '/').split('?')[0] === MQTT_WS_PATH;
}
