import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedBroker, type EmbeddedBroker } from './broker.ts';
import { genericSpeaker } from './conventionSpeakers/genericSpeaker.ts';
import { homeseerSpeaker } from './conventionSpeakers/homeseerSpeaker.ts';
import type { ConventionSpeaker } from './conventionSpeakers/speaker.ts';
import { tasmotaSpeaker } from './conventionSpeakers/tasmotaSpeaker.ts';
import type { GatewayEvent } from './gatewayEvent.ts';
import type { GatewayOptions } from './gatewayOptions.ts';
import { bracketIpv6Host, SimulatedRoom } from './simulatedRoom.ts';

let broker: EmbeddedBroker;
let dashboard: MqttClient;
let options: GatewayOptions;
let events: GatewayEvent[];
let messages: Array<{ topic: string; payload: string; retain: boolean }>;
const rooms: SimulatedRoom[] = [];

beforeEach(async () => {
  broker = await createEmbeddedBroker();
  const tcp = await broker.listenTcp(0, '127.0.0.1');
  if (!tcp.ok) throw new Error(tcp.message);
  options = {
    brokerUrl: `mqtt://127.0.0.1:${tcp.port}`,
    rooms: ['kitchen'],
    intervalMs: 50,
    dropEveryMs: 0,
  };
  dashboard = await connectAsync(options.brokerUrl, { reconnectPeriod: 0 });
  messages = [];
  dashboard.on('message', (topic, payload, packet) => {
    messages.push({ topic, payload: payload.toString(), retain: packet.retain });
  });
  await dashboard.subscribeAsync(['house/#', 'tele/#', 'stat/#', 'HS4-PC/#']);
  events = [];
});

afterEach(async () => {
  await Promise.all(rooms.splice(0).map((room) => room.stop()));
  await dashboard.endAsync(true);
  await broker.close();
});

async function startRoom(
  name: string,
  speaker: ConventionSpeaker = genericSpeaker(name),
): Promise<SimulatedRoom> {
  const room = new SimulatedRoom(
    speaker,
    options,
    (event) => events.push(event),
    () => 0.5,
  );
  rooms.push(room);
  await room.start();
  return room;
}

const statuses = () => messages.filter((message) => message.topic.endsWith('/status')).map((m) => m.payload);

describe('SimulatedRoom', () => {
  it('announces itself online, then publishes readings as plain numbers', async () => {
    await startRoom('kitchen');
    await waitFor(() => messages.filter((m) => m.topic === 'house/kitchen/temperature').length >= 2);

    expect(messages[0]).toEqual({ topic: 'house/kitchen/status', payload: 'online', retain: false });
    const temperature = messages.find((m) => m.topic === 'house/kitchen/temperature');
    const brightness = messages.find((m) => m.topic === 'house/kitchen/brightness');
    expect(temperature?.payload).toMatch(/^\d{1,2}\.\d$/);
    expect(brightness?.payload).toMatch(/^\d+$/);
    expect(events).toEqual([{ kind: 'connected', room: 'kitchen' }]);
  });

  it('leaves its online status retained for dashboards that open later', async () => {
    await startRoom('garage');
    const late = await connectAsync(options.brokerUrl, { reconnectPeriod: 0 });
    const retained = new Promise<string>((resolve) =>
      late.once('message', (_t, payload) => resolve(`${payload}`)),
    );
    await late.subscribeAsync('house/garage/status');

    expect(await retained).toBe('online');
    await late.endAsync(true);
  });

  it('goes offline through its Last Will when it drops, and comes back online', async () => {
    const room = await startRoom('bedroom');
    await waitFor(() => statuses().length === 1);
    room.drop(200);
    await waitFor(() => statuses().length === 2);
    expect(statuses()).toEqual(['online', 'offline']);
    expect(room.isConnected).toBe(false);

    await waitFor(() => statuses().length === 3);
    expect(statuses()).toEqual(['online', 'offline', 'online']);
    expect(events.map((event) => event.kind)).toEqual(['connected', 'dropped', 'back']);
  });

  it('publishes a retained offline itself when stopped cleanly', async () => {
    const room = await startRoom('kitchen');
    await waitFor(() => statuses().length === 1);
    await room.stop();
    await waitFor(() => statuses().length === 2);

    expect(statuses()).toEqual(['online', 'offline']);
  });

  it('says once that the broker went away, and reconnects when it returns', async () => {
    await startRoom('kitchen');
    await broker.close();
    await waitFor(() => events.length === 2);
    expect(events[1]).toEqual({ kind: 'connection-lost', room: 'kitchen' });

    const port = Number(new URL(options.brokerUrl).port);
    broker = await createEmbeddedBroker();
    await broker.listenTcp(port, '127.0.0.1');
    await waitFor(() => events.length === 3, 5000);
    expect(events[2]).toEqual({ kind: 'reconnected', room: 'kitchen' });
  });
});

describe('SimulatedRoom speaking Tasmota', () => {
  const lwt = () => messages.filter((m) => m.topic === 'tele/kitchen/LWT').map((m) => m.payload);

  it('says Online on its LWT, then publishes SENSOR and STATE', async () => {
    await startRoom('kitchen', tasmotaSpeaker('kitchen'));
    await waitFor(() => messages.some((m) => m.topic === 'tele/kitchen/SENSOR'));

    expect(messages[0]).toEqual({ topic: 'tele/kitchen/LWT', payload: 'Online', retain: false });
    const sensor = JSON.parse(messages.find((m) => m.topic === 'tele/kitchen/SENSOR')?.payload ?? '{}');
    expect(sensor).toMatchObject({ DS18B20: { Temperature: expect.any(Number) }, TempUnit: 'C' });
    expect(messages.find((m) => m.topic === 'tele/kitchen/STATE')?.payload).toContain('"POWER":"OFF"');
  });

  it('switches its relay on cmnd/<room>/POWER and echoes on stat/<room>/POWER', async () => {
    const room = await startRoom('kitchen', tasmotaSpeaker('kitchen'));
    await waitFor(() => lwt().length === 1);
    await dashboard.publishAsync('cmnd/kitchen/POWER', 'ON');
    await waitFor(() => messages.some((m) => m.topic === 'stat/kitchen/POWER' && m.payload === 'ON'));

    expect(room.relayOn).toBe(true);
    expect(events).toContainEqual({
      kind: 'switched',
      room: 'kitchen',
      on: true,
      topic: 'cmnd/kitchen/POWER',
    });
    await waitFor(() => messages.some((m) => m.topic === 'tele/kitchen/STATE' && m.payload.includes('"ON"')));
  });

  it('goes Offline through its Will when it drops, keeps its relay, and says Offline itself on a clean stop', async () => {
    const room = await startRoom('kitchen', tasmotaSpeaker('kitchen'));
    await waitFor(() => lwt().length === 1);
    await dashboard.publishAsync('cmnd/kitchen/POWER', 'ON');
    await waitFor(() => room.relayOn);
    room.drop(200);
    await waitFor(() => lwt().length === 3);
    expect(lwt()).toEqual(['Online', 'Offline', 'Online']);
    await waitFor(() => messages.filter((m) => m.topic === 'stat/kitchen/POWER').at(-1)?.payload === 'ON');

    await room.stop();
    await waitFor(() => lwt().length === 4);
    expect(lwt().at(-1)).toBe('Offline');
  });
});

describe('SimulatedRoom speaking HomeSeer', () => {
  it('connects without a Will, and says so when it drops', async () => {
    const room = await startRoom('kitchen', homeseerSpeaker('kitchen'));
    await waitFor(() => messages.some((m) => m.topic === 'HS4-PC/mcsMQTT/Main_Floor/kitchen/Temperature'));
    room.drop(60_000);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(events.at(-1)).toMatchObject({ kind: 'dropped', hasWill: false });
    expect(messages.filter((m) => m.topic.endsWith('/Light')).map((m) => m.payload)).toEqual(['0']);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('bracketIpv6Host', () => {
  it('puts back the brackets MQTT.js drops from an IPv6 WebSocket host', () => {
    expect(bracketIpv6Host('ws://::1:8080/mqtt', { hostname: '::1' })).toBe('ws://[::1]:8080/mqtt');
  });

  it('leaves names and IPv4 addresses alone', () => {
    expect(bracketIpv6Host('ws://127.0.0.1:8080/mqtt', { hostname: '127.0.0.1' })).toBe(
      'ws://127.0.0.1:8080/mqtt',
    );
    expect(bracketIpv6Host('wss://hearth.local:443/mqtt', { hostname: 'hearth.local' })).toBe(
      'wss://hearth.local:443/mqtt',
    );
  });
});
