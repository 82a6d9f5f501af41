import type { Page } from '@playwright/test';
import { deviceCard, expectMetric, expectUnit, metric } from './dashboard.ts';
import { type Broker, expect, test, uniqueDeviceName } from './fixtures.ts';

/** Waits until the server's `/api/devices` knows the device with at least `readings` readings. */
async function untilServerRemembers(page: Page, broker: Broker, device: string, readings: number) {
  const url = new URL('/api/devices', broker.pageUrl()).toString();
  await expect
    .poll(
      async () => {
        const response = await page.request.get(url);
        if (!response.ok()) return `answered ${response.status()}`;
        const answer = (await response.json()) as { devices: Array<{ id: string; readings: unknown[] }> };
        return answer.devices.find((d) => d.id === device)?.readings.length ?? 0;
      },
      { message: `the server remembers ${device}`, timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(readings);
}

/** Waits until the server's `/api/events` of the last hour holds at least `count` events of the device. */
async function untilServerRecorded(page: Page, broker: Broker, device: string, count: number) {
  const url = new URL(`/api/events?from=${Date.now() - 3_600_000}&limit=1000`, broker.pageUrl()).toString();
  await expect
    .poll(
      async () => {
        const response = await page.request.get(url);
        if (!response.ok()) return `answered ${response.status()}`;
        const answer = (await response.json()) as { events: Array<{ device: string | null }> };
        return answer.events.filter((e) => e.device === `generic/${device}`).length;
      },
      { message: `the server recorded ${device}'s events`, timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(count);
}

// The Hearth server records the broker it serves: these journeys need the embedded broker (in the
// mosquitto project the page is pointed at another broker, whose house the server does not
// remember, and the page rightly leaves the server's memory alone).
test('a reading published while no screen was open, and never retained, shows on a fresh screen @embedded-only', async ({
  page,
  broker,
}) => {
  const cellar = uniqueDeviceName('cellar');
  // Not retained: the broker forgets them at once, only the server's recorder heard them.
  await broker.publish(`house/${cellar}/temperature`, '17.5');
  await broker.publish(`house/${cellar}/humidity`, '61');
  await untilServerRemembers(page, broker, cellar, 2);

  await page.goto(broker.pageUrl());
  const card = deviceCard(page, cellar);
  await expectMetric(card, 'temperature', 17.5);
  await expect(metric(card, 'temperature')).toHaveAttribute('data-value', '17.5');
  await expectUnit(card, 'temperature', '°C');
  await expectMetric(card, 'humidity', 61);
  await expect(metric(card, 'humidity')).toHaveAttribute('data-value', '61');
  // Remembered, not heard: the server's memory is no sign that the cellar is still there.
  await expect(card).not.toHaveAttribute('data-status', 'online');

  // A live reading takes over as from any device.
  await broker.publish(`house/${cellar}/temperature`, '18');
  await expectMetric(card, 'temperature', 18);
  await expect(card).toHaveAttribute('data-status', 'online');
});

test('the alert log lists what happened before the page opened, once, as the server recorded it @embedded-only', async ({
  page,
  broker,
}) => {
  const plug = uniqueDeviceName('garage-plug');
  const device = await broker.connectDevice(plug);
  await device.publish('power', '12');
  await device.announce('online');
  // Gone for a while and back, all before any screen opened (the recorder folds a second at a
  // time: a blink within one is no event).
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await device.announce('offline');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await device.announce('online');
  await untilServerRemembers(page, broker, plug, 1);
  await untilServerRecorded(page, broker, plug, 3);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(broker.pageUrl());
  await expect(deviceCard(page, plug)).toBeVisible();
  await page.getByRole('button', { name: /^Log\b/ }).click();
  const past = page.getByRole('list', { name: 'Before this page opened' });
  const rows = past.locator(`[data-alert-source="server"][data-alert-device="${plug}"]`);
  await expect(rows.and(page.locator('[data-alert-kind="offline"]'))).toHaveCount(1);
  await expect(rows.and(page.locator('[data-alert-kind="online"]')).first()).toBeVisible();
  await expect(rows.first()).toHaveAttribute('data-alert-convention', 'generic');
  await expect(rows.first()).toContainText(plug);
  await expect(rows.first()).toContainText('came online');
  await past.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('past-events-390.png') });
  const box = await past.boundingBox();
  expect(box?.width ?? 0, 'the list fits the phone').toBeLessThanOrEqual(390);
  await device.disconnect();
});
