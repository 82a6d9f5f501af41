import type { Page } from '@playwright/test';
import type { ThresholdRule } from '../src/core/thresholds.ts';
import { activeAlerts, deviceCard, expectMetric, loggedAlerts } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';

const LIMIT = 28;
const HYSTERESIS = 2;
const MIN_DURATION_MS = 2_000;

/** Adds "temperature above 28 °C (hysteresis 2) for at least 2 s, any device" in Settings › Alerts. */
async function addTemperatureRule(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Alerts' }).click();
  await dialog.getByRole('button', { name: 'Add a rule' }).click();
  const rule = dialog.getByRole('group', { name: 'Rule 1' });
  await rule.getByLabel('Reading').selectOption({ label: 'Temperature' });
  await rule.getByLabel('Device').selectOption({ label: 'All devices' });
  await rule.getByLabel('When').selectOption('above');
  // The limit is written in the unit on display, shown beside it.
  await expect(rule.locator('[data-rule-unit]').first()).toHaveText('°C');
  await rule.getByLabel('Limit').fill(String(LIMIT));
  await rule.getByLabel('Hysteresis').fill(String(HYSTERESIS));
  await rule.getByLabel('For at least (s)').fill(String(MIN_DURATION_MS / 1000));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Hearth holds alerts back for a moment after connecting, while retained messages settle. A
 * device that is offline from the start is alerted as soon as alerts go live: the sign that they have.
 */
async function untilAlertsAreLive(page: Page, offlineDevice: string) {
  await expect(activeAlerts(page, { kind: 'offline', device: offlineDevice })).toHaveCount(1, {
    timeout: 10_000,
  });
}

test('a temperature that stays above its limit raises one alert, which hovering at the limit does not repeat and which resolves once', async ({
  page,
  broker,
}) => {
  const greenhouse = uniqueDeviceName('greenhouse'); // hovers at the limit once it is past it
  const conservatory = uniqueDeviceName('conservatory'); // drops well back: the yardstick for time
  const porch = uniqueDeviceName('porch');
  await broker.publish(`house/${greenhouse}/temperature`, '25', { retain: true });
  await broker.publish(`house/${conservatory}/temperature`, '25', { retain: true });
  await broker.publish(`house/${porch}/status`, 'offline', { retain: true });

  await page.goto(broker.pageUrl());
  await expectMetric(deviceCard(page, greenhouse), 'temperature', 25);
  await addTemperatureRule(page);
  await untilAlertsAreLive(page, porch);
  const greenhouseAlert = activeAlerts(page, { kind: 'threshold', device: greenhouse });
  const conservatoryAlert = activeAlerts(page, { kind: 'threshold', device: conservatory });
  await expect(activeAlerts(page, { kind: 'threshold' })).toHaveCount(0);

  await test.step('both go past the limit: each raises one alert, not before the minimum duration', async () => {
    const crossedAt = Date.now();
    await broker.publish(`house/${greenhouse}/temperature`, '29');
    await broker.publish(`house/${conservatory}/temperature`, '29');
    await expect(greenhouseAlert).toHaveCount(1);
    expect(Date.now() - crossedAt, 'ms from crossing to alert').toBeGreaterThanOrEqual(MIN_DURATION_MS);
    await expect(greenhouseAlert).toContainText(`temperature above ${LIMIT} °C`);
    await expect(conservatoryAlert).toHaveCount(1);
  });

  await test.step('inside the hysteresis band the alert stays, however long and however often it crosses', async () => {
    const backAt = Date.now();
    await broker.publish(`house/${greenhouse}/temperature`, String(LIMIT - HYSTERESIS / 2));
    await broker.publish(`house/${conservatory}/temperature`, '25');
    // Once the conservatory's alert resolves, the greenhouse has been in the band for as long.
    await expect(conservatoryAlert).toHaveCount(0);
    expect(Date.now() - backAt, 'ms from recovery to resolution').toBeGreaterThanOrEqual(MIN_DURATION_MS);
    await expect(greenhouseAlert).toHaveCount(1);
    for (const hover of [28.5, 27.5, 29]) {
      await broker.publish(`house/${greenhouse}/temperature`, String(hover));
      await expectMetric(deviceCard(page, greenhouse), 'temperature', hover);
    }
    await expect(greenhouseAlert).toHaveCount(1);
    await page.getByRole('button', { name: /^Log\b/ }).click();
    await expect(loggedAlerts(page, { kind: 'threshold', device: conservatory })).toHaveCount(1);
    await expect(loggedAlerts(page, { kind: 'threshold', device: greenhouse })).toHaveCount(0);
  });

  await test.step('back below the band: the alert resolves, once', async () => {
    await broker.publish(`house/${greenhouse}/temperature`, '25');
    await expect(greenhouseAlert).toHaveCount(0);
    await expect(activeAlerts(page, { kind: 'threshold' })).toHaveCount(0);
    await expect(loggedAlerts(page, { kind: 'threshold', device: greenhouse })).toHaveCount(1);
  });
});

test('a temperature already past its limit when the dashboard opens raises the alert, on a rule saved before quantities', async ({
  page,
  broker,
}) => {
  const freezer = uniqueDeviceName('freezer');
  const porch = uniqueDeviceName('porch');
  // As a version before quantities saved it: a metric name and a native device id, no unit.
  const rule: Omit<ThresholdRule, 'quantity' | 'unit'> = {
    id: 'freezer-too-warm',
    metric: 'temperature',
    device: freezer,
    direction: 'above',
    limit: -18,
    hysteresis: 1,
    minDurationMs: 1_000,
  };
  await page.addInitScript(
    (settings) => localStorage.setItem('hearth.settings.v1', settings),
    JSON.stringify({ rules: [rule] }),
  );
  await broker.publish(`house/${freezer}/temperature`, '-12', { retain: true });
  await broker.publish(`house/${porch}/status`, 'offline', { retain: true });

  await page.goto(broker.pageUrl());
  await expectMetric(deviceCard(page, freezer), 'temperature', -12);
  await untilAlertsAreLive(page, porch);
  const alert = activeAlerts(page, { kind: 'threshold', device: freezer });
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('temperature above -18 °C');
});

test('a rule written in °F compares with a temperature sent in °C, and reads in the unit on display', async ({
  page,
  broker,
}) => {
  const loft = uniqueDeviceName('loft');
  const porch = uniqueDeviceName('porch');
  const rule: ThresholdRule = {
    id: 'loft-too-warm',
    quantity: 'temperature',
    metric: '',
    device: `generic/${loft}`,
    direction: 'above',
    limit: 82.4,
    hysteresis: 1.8,
    unit: '°F',
    minDurationMs: 0,
  };
  await page.addInitScript(
    (settings) => localStorage.setItem('hearth.settings.v1', settings),
    JSON.stringify({ rules: [rule] }),
  );
  await broker.publish(`house/${loft}/temperature`, '27.9', { retain: true });
  await broker.publish(`house/${porch}/status`, 'offline', { retain: true });

  await page.goto(broker.pageUrl());
  await expectMetric(deviceCard(page, loft), 'temperature', 27.9);
  await untilAlertsAreLive(page, porch);
  const alert = activeAlerts(page, { kind: 'threshold', device: loft });
  await expect(alert).toHaveCount(0);
  await broker.publish(`house/${loft}/temperature`, '28.5');
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('temperature above 28 °C');
});
