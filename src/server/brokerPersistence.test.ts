import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, connectAsync, type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboundMessage } from '../core/message.ts';
import { createEmbeddedBroker, type EmbeddedBroker, type EmbeddedBrokerOptions } from './broker.ts';

let dir: string;
const brokers: EmbeddedBroker[] = [];
const clients: MqttClient[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearth-broker-'));
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.end(true);
  for (const broker of brokers.splice(0)) await broker.close();
  await rm(dir, { recursive: true, force: true });
});

/** A broker on `dir` listening on a free TCP port; returns its mqtt:// URL. */
async function startBroker(
  options: Omit<EmbeddedBrokerOptions, 'persistenceDir'> = {},
): Promise<{ broker: EmbeddedBroker; url: string }> {
  const broker = await createEmbeddedBroker({ persistenceDir: dir, ...options });
  brokers.push(broker);
  const tcp = await broker.listenTcp(0, '127.0.0.1');
  if (!tcp.ok) throw new Error(tcp.message);
  return { broker, url: `mqtt://127.0.0.1:${tcp.port}` };
}

async function stopBroker(broker: EmbeddedBroker): Promise<void> {
  brokers.splice(brokers.indexOf(broker), 1);
  await broker.close();
}

async function connectClient(url: string, options: Parameters<typeof connectAsync>[1] = {}) {
  const client = await connectAsync(url, { reconnectPeriod: 0, ...options });
  clients.push(client);
  return client;
}

function nextMessage(client: MqttClient): Promise<{ topic: string; payload: string; retain: boolean }> {
  return new Promise((resolve) => {
    client.once('message', (topic, payload, packet) =>
      resolve({ topic, payload: payload.toString(), retain: packet.retain }),
    );
  });
}

describe('a broker with a persistence directory', () => {
  it('still holds a retained message after a restart', async () => {
    const first = await startBroker();
    const publisher = await connectClient(first.url);
    await publisher.publishAsync('homeassistant/sensor/hall/config', '{"name":"Hall"}', {
      retain: true,
      qos: 1,
    });
    publisher.end(true);
    await stopBroker(first.broker);

    const second = await startBroker();
    const subscriber = await connectClient(second.url);
    const message = nextMessage(subscriber);
    await subscriber.subscribeAsync('homeassistant/#');
    expect(await message).toEqual({
      topic: 'homeassistant/sensor/hall/config',
      payload: '{"name":"Hall"}',
      retain: true,
    });
  });

  it('delivers a QoS 1 message sent while a persistent session was away', async () => {
    const { url } = await startBroker();
    const tablet = await connectClient(url, { clientId: 'hearth-tablet', clean: false });
    await tablet.subscribeAsync('house/#', { qos: 1 });
    tablet.end(true);
    const publisher = await connectClient(url);
    await publisher.publishAsync('house/door', 'open', { qos: 1 });
    publisher.end(true);

    // Listening before the connection completes: the queued message follows the CONNACK at once.
    const woken = connect(url, { clientId: 'hearth-tablet', clean: false, reconnectPeriod: 0 });
    clients.push(woken);
    const message = nextMessage(woken);
    expect(await message).toMatchObject({ topic: 'house/door', payload: 'open' });
  });

  it('keeps a Last Will that was retained, and forgets a retained message deleted, across a restart', async () => {
    const first = await startBroker();
    const device = await connectClient(first.url, {
      will: { topic: 'house/shed/status', payload: Buffer.from('offline'), retain: true, qos: 1 },
    });
    const publisher = await connectClient(first.url);
    await publisher.publishAsync('house/attic/temperature', '12', { retain: true, qos: 1 });
    await publisher.publishAsync('house/attic/temperature', '', { retain: true, qos: 1 });
    device.stream.destroy();
    const seen = await connectClient(first.url);
    const will = nextMessage(seen);
    await seen.subscribeAsync('house/shed/status');
    expect(await will).toMatchObject({ payload: 'offline' });
    await stopBroker(first.broker);

    const second = await startBroker();
    await vi.waitFor(async () => {
      const kept: string[] = [];
      await second.broker.forEachRetained((message) =>
        kept.push(`${message.topic}=${new TextDecoder().decode(message.payload)}`),
      );
      expect(kept).toEqual(['house/shed/status=offline']);
    });
  });

  it('queues at most queueMax messages for a session that is away, then delivers those', async () => {
    const { url } = await startBroker({ queueMax: 3 });
    const tablet = await connectClient(url, { clientId: 'hearth-phone', clean: false });
    await tablet.subscribeAsync('house/#', { qos: 1 });
    tablet.end(true);
    const publisher = await connectClient(url);
    for (let i = 1; i <= 6; i++) await publisher.publishAsync('house/door', `open ${i}`, { qos: 1 });

    const woken = connect(url, { clientId: 'hearth-phone', clean: false, reconnectPeriod: 0 });
    clients.push(woken);
    const heard: string[] = [];
    woken.on('message', (_topic, payload) => heard.push(payload.toString()));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard).toEqual(['open 1', 'open 2', 'open 3']);
  });

  it('never caps what a connected persistent session receives, however many are in flight', async () => {
    const { url } = await startBroker({ queueMax: 3 });
    const screen = await connectClient(url, { clientId: 'hearth-wall', clean: false });
    await screen.subscribeAsync('house/#', { qos: 1 });
    const heard: string[] = [];
    screen.on('message', (_topic, payload) => heard.push(payload.toString()));
    const publisher = await connectClient(url);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        publisher.publishAsync(`house/d${i}/status`, 'offline', { qos: 1 }),
      ),
    );
    await vi.waitFor(() => expect(heard).toHaveLength(50));
  });

  it('forgets a session away longer than its expiry, with its queue, also across a restart', async () => {
    const first = await startBroker({ sessionExpiryMs: 150, expiryCheckMs: 50 });
    const tablet = await connectClient(first.url, { clientId: 'hearth-gone', clean: false });
    await tablet.subscribeAsync('house/#', { qos: 1 });
    tablet.end(true);
    const publisher = await connectClient(first.url);
    await publisher.publishAsync('house/door', 'open', { qos: 1 });
    publisher.end(true);
    await stopBroker(first.broker);

    // Away before the restart counts after it.
    const second = await startBroker({ sessionExpiryMs: 150, expiryCheckMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const back = await connectClient(second.url, { clientId: 'hearth-gone', clean: false });
    const heard: string[] = [];
    back.on('message', (_topic, payload) => heard.push(payload.toString()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual([]);
    const publisher2 = await connectClient(second.url);
    await publisher2.publishAsync('house/door', 'closed', { qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Its subscription went with it.
    expect(heard).toEqual([]);
  });

  it('refuses a directory another broker holds, saying what to do', async () => {
    await startBroker();
    await expect(createEmbeddedBroker({ persistenceDir: dir })).rejects.toThrow(
      `another Hearth is using ${dir}; stop it or pick another --data-dir`,
    );
  });
});

describe('what the recorder reads from the broker', () => {
  it('hears every client publish as live, retained flag or not, and no $SYS topic', async () => {
    const { broker, url } = await startBroker();
    const heard: InboundMessage[] = [];
    broker.onPublish((message) => heard.push(message));
    const publisher = await connectClient(url);
    await publisher.publishAsync('house/kitchen/temperature', '21.4', { retain: true, qos: 1 });
    await publisher.publishAsync('house/kitchen/humidity', '40', { qos: 1 });
    // The broker tells its listeners as it forwards, which may come just after the PUBACK.
    await vi.waitFor(() => expect(heard.length).toBeGreaterThanOrEqual(2));

    // A retained publish is stored before it is forwarded, so the two may arrive in either order.
    expect(
      heard
        .map((message) => [message.topic, new TextDecoder().decode(message.payload), message.retained])
        .sort(),
    ).toEqual([
      ['house/kitchen/humidity', '40', false],
      ['house/kitchen/temperature', '21.4', false],
    ]);
  });

  it('replays the retained store as retained messages', async () => {
    const { broker, url } = await startBroker();
    const publisher = await connectClient(url);
    await publisher.publishAsync('tele/plug/LWT', 'Online', { retain: true, qos: 1 });
    await publisher.publishAsync('house/hall/temperature', '20', { qos: 1 });
    // The broker stores a retained message as it forwards it, which may end just after the PUBACK.
    await vi.waitFor(async () => {
      const replayed: InboundMessage[] = [];
      await broker.forEachRetained((message) => replayed.push(message));
      expect(replayed.map((message) => [message.topic, message.retained])).toEqual([['tele/plug/LWT', true]]);
    });
  });
});
