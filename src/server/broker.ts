import { EventEmitter } from 'node:events';
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes } from 'aedes';
import { WebSocketServer } from 'ws';
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
  /** Ends every session (publishing Wills of clients that did not disconnect) and all listeners. */
  close(): Promise<void>;
}

/**
 * Starts an in-memory aedes broker (MQTT 3.1.1 and 5: retained messages, Last Will, QoS 0-2).
 * State lives only as long as the process, which suits a home dashboard's own broker.
 */
export async function createEmbeddedBroker(): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker();
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

  return {
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
    },
  };
}

type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Whether a request is for the broker's WebSocket endpoint (query strings allowed). */
export function isMqttWebSocketPath(request: IncomingMessage): boolean {
  return (request.url ?? '/').split('?')[0] === MQTT_WS_PATH;
}
