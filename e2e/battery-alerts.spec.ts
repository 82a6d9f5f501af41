import type { Page } from '@playwright/test';
import { activeAlerts, deviceCard, loggedAlerts } from './dashboard.ts';
import { type Broker, expect, test, uniqueDeviceName } from './fixtures.ts';

/** Alerts go live a moment after connecting; a device offline from the start is the sign. */
async function untilAlertsAreLive(page: Page, offlineDevice: string) {
  await expect(activeAlerts(page, { kind: 'offline', device: offlineDevice })).toHaveCount(1, {
    timeout: 10_000,
  });
}

/** Waits until the server's `/api/devices` remembers the device's readings. */
async function untilServerRemembers(page: Page, broker: Broker, device: string) {
  const url = new URL('/api/devices', broker.pageUrl()).toString();
  await expect
    .poll(
      async () => {
        const response = await page.request.get(url);
        if (!response.ok()) return 0;
        const answer = (await response.json()) as { devices: Array<{ id: string; readings: unknown[] }> };
        return answer.devices.find((d) => d.id === device)?.readings.length ?? 0;
      },
      { message: `the server remembers ${device}`, timeout: 15_000 },
    )
    .toBeGreaterThan(0);
}

test('a battery at 15 % or under raises one alert, kept while it wavers under 20 %, resolved by a new battery', async ({
  page,
  broker,
}) => {
  const door = uniqueDeviceName('door-sensor');
  const porch = uniqueDeviceName('porch');
  await broker.publish(`house/${door}/battery`, '40', { retain: true });
  await broker.publish(`house/${porch}/status`, 'offline', { retain: true });

  await page.goto(broker.pageUrl());
  await expect(deviceCard(page, door)).toBeVisible();
  await untilAlertsAreLive(page, porch);
  const alert = activeAlerts(page, { kind: 'battery', device: door });
  await expect(alert).toHaveCount(0);

  await broker.publish(`house/${door}/battery`, '14');
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText(door);
  await expect(alert).toContainText('battery at 14 %');

  await broker.publish(`house/${door}/battery`, '18');
  await broker.publish(`house/${door}/battery`, '12');
  await expect(alert).toHaveCount(1);

  await broker.publish(`house/${door}/battery`, '100');
  await expect(alert).toHaveCount(0);
  await page.getByRole('button', { name: /^Log\b/ }).click();
  await expect(loggedAlerts(page, { kind: 'battery', device: door })).toHaveCount(1);
});

test('a fresh screen shows a USB-powered Shelly H&T at 0 % with no battery alert, whatever the server remembers', async ({
  page,
  broker,
}) => {
  const sensor = uniqueDeviceName('shellyplusht');
  const porch = uniqueDeviceName('porch');
  // What a Shelly H&T Gen3 on its USB supply sends: a battery of 0 %, and external power present.
  await broker.publish(
    `${sensor}/status/devicepower:0`,
    '{"id":0,"battery":{"V":0,"percent":0},"external":{"present":true}}',
    { retain: true },
  );
  await broker.publish(`house/${porch}/status`, 'offline', { retain: true });
  if (broker.kind === 'embedded') {
    // The server records the broker it serves: a fresh screen gets its memory, then the broker's copy.
    await untilServerRemembers(page, broker, sensor);
  }

  await page.goto(broker.pageUrl({ topics: `${sensor}/#,house/#` }));
  const card = deviceCard(page, sensor);
  await expect(card.locator('[data-metric="battery"]')).toHaveAttribute('data-value', '0');
  await untilAlertsAreLive(page, porch);
  await expect(activeAlerts(page, { kind: 'battery', device: sensor })).toHaveCount(0);
  await expect(card.locator('[data-battery-low]')).toHaveCount(0);
  await page.getByRole('button', { name: /^Log\b/ }).click();
  await expect(loggedAlerts(page, { kind: 'battery', device: sensor })).toHaveCount(0);
});
