import type { Page } from '@playwright/test';
import { activeAlerts, deviceCard, loggedAlerts } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';

/** Alerts go live a moment after connecting; a device offline from the start is the sign. */
async function untilAlertsAreLive(page: Page, offlineDevice: string) {
  await expect(activeAlerts(page, { kind: 'offline', device: offlineDevice })).toHaveCount(1, {
    timeout: 10_000,
  });
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
