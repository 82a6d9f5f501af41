import { type WebSocket, WebSocketServer } from 'ws';
import { findFreePort } from './freePort.ts';

/** What a client's MQTT CONNECT packet carried: the credentials, if any. */
export interface RecordedConnect {
  clientId: string;
  username: string | undefined;
  password: string | undefined;
}

/**
 * A stranger's MQTT-over-WebSocket endpoint: it records every CONNECT it receives and refuses it
 * as "not authorized" (CONNACK code 5), as a broker that wants credentials would.
 */
export interface ConnectRecorder {
  /** Where to point a dashboard: ws://127.0.0.1:<port>/mqtt */
  readonly url: string;
  /** Every CONNECT received so far, oldest first. */
  readonly connects: readonly RecordedConnect[];
  close(): Promise<void>;
}

const CONNACK_NOT_AUTHORIZED = Buffer.from([0x20, 0x02, 0x00, 0x05]);

export async function startConnectRecorder(): Promise<ConnectRecorder> {
  const port = await findFreePort();
  const connects: RecordedConnect[] = [];
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port,
    handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.on('connection', (socket: WebSocket) => {
    // A client may split a packet over several WebSocket messages, or join several in one.
    let pending = Buffer.alloc(0);
    socket.on('message', (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      for (let packet = nextPacket(pending); packet !== null; packet = nextPacket(pending)) {
        pending = pending.subarray(packet.length);
        const connect = readConnect(packet);
        if (connect === null) continue;
        connects.push(connect);
        socket.send(CONNACK_NOT_AUTHORIZED);
      }
    });
  });
  return {
    url: `ws://127.0.0.1:${port}/mqtt`,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

/** The first whole MQTT packet in `bytes`, or null until all of it has arrived. */
function nextPacket(bytes: Buffer): Buffer | null {
  let remaining = 0;
  let multiplier = 1;
  for (let at = 1; at <= 4; at++) {
    const byte = bytes[at];
    if (byte === undefined) return null;
    remaining += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    if ((byte & 0x80) === 0) {
      const length = at + 1 + remaining;
      return bytes.length >= length ? bytes.subarray(0, length) : null;
    }
  }
  return null;
}

/**
 * Reads an MQTT 3.1.1 CONNECT packet (what the dashboard sends), or null for any other packet.
 * Layout: fixed header, remaining length, "MQTT", level, flags, keep-alive, then the client id,
 * the will (if flagged), the username (flag 0x80) and the password (flag 0x40).
 */
function readConnect(packet: Buffer): RecordedConnect | null {
  if (packet[0] !== 0x10) return null;
  let at = 1;
  while ((packet[at] ?? 0) & 0x80) at++;
  at++;
  const readString = (): Buffer => {
    const length = packet.readUInt16BE(at);
    const value = packet.subarray(at + 2, at + 2 + length);
    at += 2 + length;
    return value;
  };
  readString(); // protocol name
  at++; // protocol level
  const flags = packet[at] ?? 0;
  at += 3; // flags, keep-alive
  const clientId = readString().toString('utf8');
  if (flags & 0x04) {
    readString(); // will topic
    readString(); // will message
  }
  const username = flags & 0x80 ? readString().toString('utf8') : undefined;
  const password = flags & 0x40 ? readString().toString('utf8') : undefined;
  return { clientId, username, password };
}
