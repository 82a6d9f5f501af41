import { EventEmitter } from 'node:events';
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer, type SecureContextOptions } from 'node:tls';
import { Aedes } from 'aedes';
import { Level } from 'level';
import { WebSocketServer } from 'ws';
import type { InboundMessage } from '../core/message.ts';
import { attachBrokerAccess, type BrokerAccess, type BrokerAccessOptions } from './accounts/brokerAccess.ts';
import { learnFromDiscovery } from './accounts/commandTopics.ts';
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
  /** Opens MQTT over TLS (MQTTS) with this certificate and key; resolves as listenTcp does. */
  listenTls(port: number, host: string, tls: SecureContextOptions): Promise<TcpListenResult>;
  /**
   * The accounts' rules, when the broker was started with `access`: who may connect, publish and
   * subscribe. Null for a broker open to everyone (tests, and the recorder's own broker).
   */
  readonly access: BrokerAccess | null;
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
   * Where retained messages are kept across restarts; absent, only in memory. Persistent
   * sessions and their queued QoS 1 messages live as long as the process.
   */
  persistenceDir?: string;
  /** Messages queued at most for one client while it is away; newer ones are not queued. */
  queueMax?: number;
  /** A persistent session unused this long is forgotten with its queue. */
  sessionExpiryMs?: number;
  /** How often forgotten sessions are looked for. */
  expiryCheckMs?: number;
  /**
   * The accounts every client is checked against (see accounts/brokerAccess.ts); absent, every
   * client is admitted and may do anything.
   */
  access?: BrokerAccessOptions;
}

/**
 * As Mosquitto's `max_queued_messages`: a screen that never comes back (a phone whose browser
 * data was wiped) must not make the broker keep every QoS 1 message for it.
 */
export const QUEUED_MESSAGES_MAX = 1000;
/** A tablet asleep over a long weekend still gets its messages; a screen gone for a week does not. */
export const SESSION_EXPIRY_MS = 7 * 24 * 3600_000;
const EXPIRY_CHECK_MS = 3600_000;

/** Raised when the broker's persistence directory cannot be opened; `message` says what to do. */
export class BrokerPersistenceError extends Error {}

/**
 * Starts an aedes broker (MQTT 3.1.1 and 5: retained messages, Last Will, QoS 0-2, persistent
 * sessions that queue QoS 1 messages for a sleeping tablet). With a `persistenceDir`, its
 * retained messages are kept in a LevelDB there and survive a restart; without, in memory.
 */
export async function createEmbeddedBroker(options: EmbeddedBrokerOptions = {}): Promise<EmbeddedBroker> {
  const db = options.persistenceDir === undefined ? null : await openPersistence(options.persistenceDir);
  // Sessions and their queues live in aedes' own memory persistence: its LevelDB persistence
  // (aedes-persistence-level 9.2) lost QoS 1 messages to connected persistent sessions in bursts
  // (48 of 50 delivered, measured), and a screen must never miss a live message. Retained
  // messages, which a restart must not forget, are mirrored to the LevelDB (see keepRetained).
  const aedes = await Aedes.createBroker();
  if (db !== null) await keepRetained(aedes, db);
  const sessions = boundSessions(aedes, db, options);
  const access = options.access === undefined ? null : attachBrokerAccess(aedes, options.access);
  if (options.access !== undefined) await learnRetainedDiscovery(aedes, options.access);
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

  const listen = (server: TcpServer, port: number, host: string) =>
    new Promise<TcpListenResult>((resolve) => {
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
  const handleSocket = (socket: Duplex) => {
    // A peer vanishing mid-handshake must not take the process down.
    socket.on('error', () => socket.destroy());
    aedes.handle(socket);
  };
  const attached: Array<{ server: HttpServer; onUpgrade: UpgradeListener }> = [];
  const tcpServers: TcpServer[] = [];
  const publishListeners = new Set<(message: InboundMessage) => void>();
  aedes.on('publish', (packet) => {
    if (publishListeners.size === 0 || packet.topic.startsWith('$SYS/')) return;
    const payload = toBytes(packet.payload);
    const message: InboundMessage = {
      topic: packet.topic,
      payload,
      retained: false,
      receivedAt: Date.now(),
      ...(packet.retain && payload.byteLength === 0 ? { clearsRetained: true as const } : {}),
    };
    for (const listener of publishListeners) listener(message);
  });

  return {
    access,

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
        const admitted = access?.principalForUpgrade(request) ?? { ok: true };
        if (!admitted.ok) {
          // Before any WebSocket handshake: the browser sees the connection refused, and the page
          // asks /api/session to learn that it must sign in again.
          const body = `${admitted.reason}\n`;
          socket.end(
            `HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
          );
          return;
        }
        webSockets.handleUpgrade(request, socket, head, (ws) => webSockets.emit('connection', ws, request));
      };
      server.on('upgrade', onUpgrade);
      attached.push({ server, onUpgrade });
    },

    listenTcp(port, host) {
      return listen(createTcpServer(handleSocket), port, host);
    },

    listenTls(port, host, tls) {
      const server = createTlsServer(tls, handleSocket);
      // A client that fails the TLS handshake (a plain MQTT client on 8883, a scanner) is no error of ours.
      server.on('tlsClientError', () => {});
      return listen(server, port, host);
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
      await sessions.stop();
      await db?.close();
    },
  };
}

/**
 * The command topics that retained Home Assistant discovery configs announce, read once at start:
 * after a restart a `control` screen can switch what was announced before it, without waiting for
 * the devices to announce again. The broker vouches for what it kept.
 */
async function learnRetainedDiscovery(aedes: Aedes, access: BrokerAccessOptions): Promise<void> {
  const { persistence } = aedes as unknown as { persistence: RetainedStore };
  const prefix = access.commandTopics.discoveryPrefix;
  for await (const packet of persistence.createRetainedStreamCombi([`${prefix}/#`])) {
    const outcome = learnFromDiscovery(access.commandTopics, packet.topic, toBytes(packet.payload), {
      kind: 'broker',
    });
    if (outcome.kind === 'full' || outcome.kind === 'unreadable')
      access.log(`Discovery config "${packet.topic.slice(0, 200)}" not taken in: ${outcome.reason}`);
  }
}

/** A retained message as the LevelDB keeps it: the payload in base64, its QoS. */
interface KeptRetained {
  payload: string;
  qos: 0 | 1 | 2;
}

/**
 * Keeps the broker's retained messages on disk: loads them into the broker at start, then writes
 * each retained publish (an empty one deletes) as the broker takes it. LevelDB applies one
 * process's writes in the order they were made, so the last publish of a topic wins.
 */
async function keepRetained(aedes: Aedes, db: Level<string, string>): Promise<void> {
  const store = db.sublevel<string, string>('hearth-retained', { valueEncoding: 'utf8' });
  const persistence = (aedes as unknown as { persistence: { storeRetained(packet: object): Promise<void> } })
    .persistence;
  for await (const [topic, json] of store.iterator()) {
    let kept: KeptRetained;
    try {
      kept = JSON.parse(json) as KeptRetained;
    } catch {
      continue;
    }
    await persistence.storeRetained({
      cmd: 'publish',
      topic,
      payload: Buffer.from(kept.payload, 'base64'),
      qos: kept.qos,
      retain: true,
      dup: false,
    });
  }
  aedes.on('publish', (packet) => {
    // A Last Will published for a client that vanished is kept like any retained publish.
    if (!packet.retain || packet.topic.startsWith('$SYS/')) return;
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const write =
      payload.byteLength === 0
        ? store.del(packet.topic)
        : store.put(
            packet.topic,
            JSON.stringify({ payload: Buffer.from(payload).toString('base64'), qos: packet.qos }),
          );
    write.catch((error: Error) =>
      console.error(`MQTT broker: cannot keep a retained message on disk: ${error.message}`),
    );
  });
}

type PreConnect = (
  client: unknown,
  packet: { clientId?: string; clean?: boolean },
  done: (error: Error | null, ok: boolean) => void,
) => void;

/** The part of an aedes persistence that queues messages for sessions (callback or promise style). */
interface SessionQueue {
  outgoingEnqueueCombi(subs: Array<{ clientId: string }>, packet: unknown, done?: unknown): unknown;
  outgoingClearMessageId(client: { id: string }, packet: unknown, done?: (error?: Error) => void): unknown;
  cleanSubscriptions(client: { id: string }, done: (error?: Error) => void): unknown;
}

/**
 * Keeps persistent sessions bounded: at most `queueMax` messages queued per client (what comes
 * later is not queued, as with Mosquitto), and a session unused for `sessionExpiryMs` forgotten
 * with its subscriptions and queue. When each session was last used is kept beside the broker's
 * own state, so a restart does not make abandoned sessions immortal.
 */
function boundSessions(
  aedes: Aedes,
  db: Level<string, string> | null,
  options: EmbeddedBrokerOptions,
): { stop(): Promise<void> } {
  const queueMax = options.queueMax ?? QUEUED_MESSAGES_MAX;
  const expiryMs = options.sessionExpiryMs ?? SESSION_EXPIRY_MS;
  const persistence = (aedes as unknown as { persistence: SessionQueue }).persistence;
  const queued = new Map<string, number>();
  const enqueue = persistence.outgoingEnqueueCombi.bind(persistence);
  // Connected clients are never capped: aedes delivers to them from this same queue.
  const connected = (aedes as unknown as { clients: Record<string, unknown> }).clients;
  persistence.outgoingEnqueueCombi = (subs, packet, done) => {
    const room = subs.filter((sub) => {
      if (connected[sub.clientId] !== undefined) return true;
      const count = queued.get(sub.clientId) ?? 0;
      if (count >= queueMax) return false;
      queued.set(sub.clientId, count + 1);
      return true;
    });
    return enqueue(room, packet, done);
  };
  const clear = persistence.outgoingClearMessageId.bind(persistence);
  persistence.outgoingClearMessageId = (client, packet, done) => {
    const count = queued.get(client.id);
    if (count !== undefined) {
      if (count <= 1) queued.delete(client.id);
      else queued.set(client.id, count - 1);
    }
    return clear(client, packet, done);
  };

  // When each persistent session went away, and which were forgotten: in the broker's LevelDB
  // (a key space of its own), or in memory for a broker without a data directory.
  const away = db?.sublevel<string, string>('hearth-session-away', { valueEncoding: 'utf8' }) ?? null;
  const awayInMemory = new Map<string, string>();
  const expired = new Set<string>();
  const put = (id: string, value: string) => {
    if (away === null) awayInMemory.set(id, value);
    else void away.put(id, value).catch(() => {});
  };
  const remove = (id: string) => {
    if (away === null) awayInMemory.delete(id);
    else void away.del(id).catch(() => {});
  };
  const entries = async (): Promise<Array<[string, string]>> => {
    if (away === null) return [...awayInMemory];
    const all: Array<[string, string]> = [];
    for await (const entry of away.iterator()) all.push(entry);
    return all;
  };
  aedes.on('client', (client) => {
    expired.delete(client.id);
    remove(client.id);
  });
  aedes.on('clientDisconnect', (client) => {
    if (!(client as unknown as { clean?: boolean }).clean) put(client.id, String(Date.now()));
  });
  // A forgotten session that comes back starts clean: what was still queued for it goes, and it
  // hears that the broker kept nothing (so it subscribes again).
  const preConnect = (aedes as unknown as { preConnect: PreConnect }).preConnect;
  (aedes as unknown as { preConnect: PreConnect }).preConnect = (client, packet, done) => {
    if (typeof packet.clientId === 'string' && expired.has(packet.clientId)) packet.clean = true;
    preConnect(client, packet, done);
  };

  const sweep = async () => {
    const now = Date.now();
    for (const [id, value] of await entries()) {
      if (value === 'expired') {
        expired.add(id);
        continue;
      }
      if (now - Number(value) < expiryMs) continue;
      // Without its subscriptions nothing more is queued for it.
      await new Promise<void>((resolve) => persistence.cleanSubscriptions({ id }, () => resolve()));
      queued.delete(id);
      expired.add(id);
      put(id, 'expired');
    }
  };
  // At once, so sessions forgotten before a restart are known before anyone connects.
  let sweeping: Promise<void> = sweep().catch(() => {});
  const timer = setInterval(() => {
    sweeping = sweeping.then(sweep).catch(() => {});
  }, options.expiryCheckMs ?? EXPIRY_CHECK_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await sweeping;
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
