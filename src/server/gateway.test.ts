import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedBroker, type EmbeddedBroker } from './broker.ts';
import { type Gateway, startGateway } from './gateway.ts';
import type { GatewayEvent } from './gatewayEvent.ts';

let broker: EmbeddedBroker;
let brokerUrl: string;
let dashboard: MqttClient;
let retained: Map<string, string>;
let gateway: Gateway | null;

beforeEach(async () => {
  broker = await createEmbeddedBroker();
  const tcp = await broker.listenTcp(0, '127.0.0.1');
  if (!tcp.ok) throw new Error(tcp.message);
  brokerUrl = `mqtt://127.0.0.1:${tcp.port}`;
  dashboard = await connectAsync(brokerUrl, { reconnectPeriod: 0 });
  retained = new Map();
  // The latest payload per topic, as the broker would keep it.
  dashboard.on('message', (topic, payload) => retained.set(topic, payload.toString()));
  await dashboard.subscribeAsync(['zigbee2mqtt/#', 'tele/#', 'homie/#']);
  gateway = null;
});

afterEach(async () => {
  await gateway?.stop();
  await dashboard.endAsync(true);
  await broker.close();
});

describe('startGateway', () => {
  it('runs the Zigbee2MQTT bridge beside the rooms, and stops both with their offline state', async () => {
    gateway = await startGateway(
      {
        brokerUrl,
        rooms: ['kitchen', 'garage'],
        intervalMs: 50,
        dropEveryMs: 0,
        conventions: ['zigbee2mqtt'],
      },
      () => {},
    );
    expect(gateway.rooms).toEqual(['kitchen', 'garage']);
    expect(gateway.deviceKeys).toEqual([
      'zigbee2mqtt/kitchen',
      'zigbee2mqtt/garage',
      'zigbee2mqtt/zigbee2mqtt-bridge',
    ]);
    await waitFor(() => retained.has('zigbee2mqtt/garage') && retained.has('zigbee2mqtt/kitchen'));
    expect(retained.get('zigbee2mqtt/bridge/state')).toBe('{"state":"online"}');
    expect(retained.get('zigbee2mqtt/kitchen/availability')).toBe('{"state":"online"}');

    await gateway.stop();
    gateway = null;
    await waitFor(() => retained.get('zigbee2mqtt/bridge/state') === '{"state":"offline"}');
    expect(retained.get('zigbee2mqtt/kitchen/availability')).toBe('{"state":"offline"}');
    expect(retained.get('zigbee2mqtt/garage/availability')).toBe('{"state":"offline"}');
  });
});

describe('startGateway with several conventions', () => {
  it('gives every convention every room, each its own device, and stops them all', async () => {
    gateway = await startGateway(
      { brokerUrl, rooms: ['kitchen'], intervalMs: 50, dropEveryMs: 0, conventions: ['tasmota', 'homie'] },
      () => {},
    );
    expect(gateway.conventions).toEqual(['tasmota', 'homie']);
    expect(gateway.deviceKeys).toEqual(['tasmota/kitchen', 'homie/kitchen']);
    await waitFor(
      () => retained.has('tele/kitchen/SENSOR') && retained.has('homie/kitchen/sensor/temperature'),
    );
    // Readings may pass a greeting still on its way; the greeting ends ready all the same.
    await waitFor(() => retained.get('homie/kitchen/$state') === 'ready');
    expect(retained.get('tele/kitchen/LWT')).toBe('Online');

    await gateway.stop();
    gateway = null;
    await waitFor(() => retained.get('tele/kitchen/LWT') === 'Offline');
    await waitFor(() => retained.get('homie/kitchen/$state') === 'disconnected');
  });

  it('names each room with its convention in the log, where one room name is several devices', async () => {
    const logged: GatewayEvent[] = [];
    gateway = await startGateway(
      { brokerUrl, rooms: ['kitchen'], intervalMs: 50, dropEveryMs: 0, conventions: ['generic', 'shelly'] },
      (event) => logged.push(event),
    );
    expect(logged.map((event) => `${event.kind} ${event.room}`).sort()).toEqual([
      'connected generic/kitchen',
      'connected shelly/kitchen',
    ]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
