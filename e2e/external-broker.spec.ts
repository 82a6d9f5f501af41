import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import type { APIRequestContext } from '@playwright/test';
import type { ApiDevicesResponse } from '../src/core/historyApi.ts';
import { deviceCard, expectConnection, expectMetric, metric } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';
import { type HearthServer, startHearthServer } from './support/hearthServer.ts';

/** The server's `/api/devices`, or what it answered instead. */
async function serverDevices(
  request: APIRequestContext,
  server: HearthServer,
): Promise<ApiDevicesResponse | string> {
  const response = await request.get(new URL('/api/devices', server.pageUrl).toString());
  if (!response.ok()) return `answered ${response.status()}`;
  return (await response.json()) as ApiDevicesResponse;
}

/** How many readings the server remembers of a device (0 while it knows none). */
async function rememberedReadings(
  request: APIRequestContext,
  server: HearthServer,
  device: string,
): Promise<number | string> {
  const answer = await serverDevices(request, server);
  if (typeof answer === 'string') return answer;
  return answer.devices.find((d) => d.id === device)?.readings.length ?? 0;
}

/** What a server answers a WebSocket handshake for MQTT at `url`: its HTTP status, 101 if it upgrades. */
function webSocketHandshake(url: string): Promise<number | 'no answer' | 'connection failed'> {
  return new Promise((resolve) => {
    const request = get(url, {
      timeout: 5000,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Protocol': 'mqtt',
      },
    });
    request.once('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('upgrade', (_response, socket) => {
      socket.destroy();
      resolve(101);
    });
    request.once('timeout', () => {
      request.destroy();
      resolve('no answer');
    });
    request.once('error', () => resolve('connection failed'));
  });
}

// A house with its own broker: Hearth records it and sends dashboards there, and runs none itself.
test('a Hearth recording another broker sends a fresh screen to it, with a reading that broker never kept @mosquitto-only', async ({
  page,
  broker,
  mosquitto,
}) => {
  test.setTimeout(120_000);
  if (mosquitto === undefined) throw new Error('the broker fixture skips this test without Mosquitto');
  const recorder = await startHearthServer({
    externalBroker: { tcpUrl: mosquitto.tcpUrl, wsUrl: mosquitto.wsUrl },
  });
  try {
    await test.step('the server records Mosquitto and names it to dashboards', async () => {
      // It says it is running before its recorder has subscribed: a device speaks until it is heard.
      const probe = uniqueDeviceName('probe');
      await expect
        .poll(
          async () => {
            await broker.publish(`house/${probe}/temperature`, '1', { qos: 0 });
            return rememberedReadings(page.request, recorder, probe);
          },
          { message: 'the server hears Mosquitto', timeout: 30_000, intervals: [500] },
        )
        .toBeGreaterThanOrEqual(1);
      const answer = await serverDevices(page.request, recorder);
      expect(typeof answer === 'string' ? answer : answer.broker).toBe(mosquitto.wsUrl);
    });

    await test.step('its /mqtt is no broker', async () => {
      const response = await page.request.get(new URL('/mqtt', recorder.pageUrl).toString());
      expect(response.status()).toBe(404);
      expect(await response.text()).toContain('No broker here');
      // A screen trying this server's own broker (before it hears the server name another, or by
      // a saved setting) is told at once, not left waiting for its connect timeout.
      expect(await webSocketHandshake(new URL('/mqtt', recorder.pageUrl).toString())).toBe(404);
    });

    const shed = uniqueDeviceName('shed');
    await test.step('a reading is published once, not retained, with no screen open', async () => {
      await broker.publish(`house/${shed}/temperature`, '12.5', { retain: false });
      await expect
        .poll(() => rememberedReadings(page.request, recorder, shed), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(1);
    });

    await test.step('a fresh screen with no ?broker= connects to Mosquitto and shows it', async () => {
      await page.goto(recorder.pageUrl);
      await expectConnection(page, 'connected', { timeout: 45_000 });
      const card = deviceCard(page, shed);
      await expectMetric(card, 'temperature', 12.5);
      await expect(metric(card, 'temperature')).toHaveAttribute('data-value', '12.5');
      // Heard live through Mosquitto, the broker the server named.
      await broker.publish(`house/${shed}/temperature`, '13.5');
      await expectMetric(card, 'temperature', 13.5);
      await expect(card).toHaveAttribute('data-status', 'online');
      await page.screenshot({ path: test.info().outputPath('external-broker-1280.png') });
    });
  } finally {
    await recorder.stop();
  }
});
