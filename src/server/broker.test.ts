import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createEmbeddedBroker, type EmbeddedBroker, MQTT_WS_PATH } from './broker.ts';

let httpServer: HttpServer;
let broker: EmbeddedBroker;
let wsUrl: string;
let tcpUrl: string;
const clients: MqttClient[] = [];
const sockets: WebSocket[] = [];

beforeEach(async () => {
  broker = await createEmbeddedBroker();
  httpServer = createServer((_request, response) => response.writeHead(404).end());
  broker.attachWebSocket(httpServer);
  httpServer.listen(0, '127.0.0.1');
  await once(httpServer, 'listening');
  wsUrl = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}${MQTT_WS_PATH}`;
  const tcp = await broker.listenTcp(0, '127.0.0.1');
  if (!tcp.ok) throw new Error(tcp.message);
  tcpUrl = `mqtt://127.0.0.1:${tcp.port}`;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.end(true);
  for (const socket of sockets.splice(0)) {
    socket.on('error', () => {}); // terminating a socket still connecting reports an error
    socket.terminate();
  }
  await broker.close();
  httpServer.closeAllConnections();
  await new Promise((resolve) => httpServer.close(resolve));
});

async function connectClient(url: string, options: Parameters<typeof connectAsync>[1] = {}) {
  const client = await connectAsync(url, { reconnectPeriod: 0, ...options });
  clients.push(client);
  return client;
}

describe('MQTT over WebSocket', () => {
  it('sends a small publish to a subscriber as a single WebSocket frame', async () => {
    const frames = await rawSubscriber('house/#');
    const publisher = await connectClient(tcpUrl);
    await publisher.publishAsync('house/kitchen/temperature', '21.4');
    await waitFor(() => frames.length > 0);
    await delay(50);

    expect(frames).toHaveLength(1);
    expect(splitPackets(frames[0] as Buffer)).toEqual([{ type: 'publish', length: frames[0]?.length }]);
  });

  it('sends a burst of publishes as frames that each hold whole packets', async () => {
    const frames = await rawSubscriber('house/#');
    const publisher = await connectClient(tcpUrl);
    const count = 50;
    await Promise.all(
      Array.from({ length: count }, (_, i) => publisher.publishAsync('house/kitchen/brightness', `${i}`)),
    );
    const packets = () => frames.flatMap(splitPackets);
    await waitFor(() => packets().length >= count);

    expect(packets().every((packet) => packet.type === 'publish')).toBe(true);
    expect(frames.length).toBeLessThanOrEqual(count);
  });

  it('delivers messages to an MQTT.js client connected over WebSocket', async () => {
    const subscriber = await connectClient(wsUrl);
    await subscriber.subscribeAsync('house/+/brightness');
    const received = nextMessage(subscriber);
    const publisher = await connectClient(wsUrl);
    await publisher.publishAsync('house/bedroom/brightness', '42', { qos: 1 });

    expect(await received).toEqual({ topic: 'house/bedroom/brightness', payload: '42', retain: false });
  });

  it('answers with the mqtt subprotocol a browser offers', async () => {
    const socket = new WebSocket(wsUrl, ['mqtt']);
    sockets.push(socket);
    await once(socket, 'open');
    expect(socket.protocol).toBe('mqtt');
  });

  it('closes a connection that sends a text frame, as MQTT requires', async () => {
    const socket = new WebSocket(wsUrl, ['mqtt']);
    sockets.push(socket);
    await once(socket, 'open');
    socket.send('not mqtt');
    await once(socket, 'close');
  });

  it('leaves upgrade requests for other paths to other listeners', async () => {
    httpServer.on('upgrade', (request, socket) => {
      if (request.url === '/elsewhere') socket.end('HTTP/1.1 418 I am a teapot\r\n\r\n');
    });
    const socket = new WebSocket(wsUrl.replace(MQTT_WS_PATH, '/elsewhere'));
    sockets.push(socket);
    const [, response] = await once(socket, 'unexpected-response');
    expect(response.statusCode).toBe(418);
  });
});

describe('MQTT 3.1.1 session rules', () => {
  it('gives a late subscriber the retained message of a topic', async () => {
    const gateway = await connectClient(tcpUrl);
    await gateway.publishAsync('house/garage/status', 'online', { qos: 1, retain: true });
    const dashboard = await connectClient(wsUrl);
    const received = nextMessage(dashboard);
    await dashboard.subscribeAsync('house/+/status');

    expect(await received).toEqual({ topic: 'house/garage/status', payload: 'online', retain: true });
  });

  it('publishes the Last Will when a client vanishes without saying goodbye', async () => {
    const dashboard = await connectClient(wsUrl);
    await dashboard.subscribeAsync('house/+/status');
    const room = await connectClient(wsUrl, {
      will: { topic: 'house/garage/status', payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    const received = nextMessage(dashboard);
    room.stream.destroy();

    expect(await received).toEqual({ topic: 'house/garage/status', payload: 'offline', retain: false });
    const late = await connectClient(wsUrl);
    const retained = nextMessage(late);
    await late.subscribeAsync('house/garage/status');
    expect(await retained).toEqual({ topic: 'house/garage/status', payload: 'offline', retain: true });
  });

  it('drops the Last Will when a client disconnects cleanly', async () => {
    const dashboard = await connectClient(wsUrl);
    await dashboard.subscribeAsync('house/#');
    const messages: string[] = [];
    dashboard.on('message', (topic) => messages.push(topic));
    const room = await connectClient(wsUrl, {
      will: { topic: 'house/garage/status', payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    await room.endAsync();
    await delay(100);

    expect(messages).toEqual([]);
  });
});

describe('plain MQTT over TCP', () => {
  it('reports a taken port as a result instead of throwing', async () => {
    const first = await broker.listenTcp(0, '127.0.0.1');
    if (!first.ok) throw new Error(first.message);
    const second = await broker.listenTcp(first.port, '127.0.0.1');

    expect(second).toMatchObject({ ok: false, reason: 'port-in-use' });
  });
});

/** A bare WebSocket MQTT client, so the test sees frames exactly as a browser receives them. */
async function rawSubscriber(filter: string): Promise<Buffer[]> {
  const socket = new WebSocket(wsUrl, ['mqtt']);
  sockets.push(socket);
  await once(socket, 'open');
  // One packet at a time, so CONNACK and SUBACK cannot share a frame and muddle the count.
  socket.send(connectPacket('raw-frame-counter'));
  await once(socket, 'message');
  socket.send(subscribePacket(filter));
  await once(socket, 'message');
  const frames: Buffer[] = [];
  socket.on('message', (data: Buffer) => frames.push(data));
  return frames;
}

/** Splits a frame into MQTT packets; throws if a packet does not end inside the frame. */
function splitPackets(frame: Buffer): Array<{ type: string; length: number }> {
  const packets: Array<{ type: string; length: number }> = [];
  let offset = 0;
  while (offset < frame.length) {
    let remaining = 0;
    let multiplier = 1;
    let cursor = offset + 1;
    let byte: number;
    do {
      byte = frame[cursor++] ?? 0;
      remaining += (byte & 0x7f) * multiplier;
      multiplier *= 128;
    } while (byte & 0x80);
    const length = cursor - offset + remaining;
    if (offset + length > frame.length) throw new Error('a packet spans two frames');
    packets.push({ type: (frame[offset] ?? 0) >> 4 === 3 ? 'publish' : 'other', length });
    offset += length;
  }
  return packets;
}

function connectPacket(clientId: string): Buffer {
  const variableHeader = Buffer.from([0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 0x02, 0, 60]);
  return packet(0x10, Buffer.concat([variableHeader, utf8String(clientId)]));
}

function subscribePacket(filter: string): Buffer {
  return packet(0x82, Buffer.concat([Buffer.from([0, 1]), utf8String(filter), Buffer.from([0])]));
}

function packet(firstByte: number, body: Buffer): Buffer {
  if (body.length > 127) throw new Error('test packets stay under 128 bytes');
  return Buffer.concat([Buffer.from([firstByte, body.length]), body]);
}

function utf8String(text: string): Buffer {
  const bytes = Buffer.from(text);
  return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
}

function nextMessage(client: MqttClient): Promise<{ topic: string; payload: string; retain: boolean }> {
  return new Promise((resolve) => {
    client.once('message', (topic, payload, packet) => {
      resolve({ topic, payload: payload.toString(), retain: packet.retain });
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(5);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
