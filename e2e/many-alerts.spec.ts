import type { Page, TestInfo } from '@playwright/test';
import { activeAlerts, deviceDetail } from './dashboard.ts';
import { type Broker, expect, test, uniqueDeviceName } from './fixtures.ts';

/** A page that grows with the fleet is what this file guards against; a few thousand elements is the budget. */
const ELEMENTS_MAX = 3_000;
/** Messages sent before waiting for the broker's acknowledgements: fast, without flooding its queues. */
const PUBLISH_BURST = 250;

/** Devices a test here dropped, retired after it (see the afterEach below). */
const dropped: string[] = [];

/** `count` generic devices that each say `offline`, live (not retained), as a street of sensors losing power would. */
async function dropDevices(broker: Broker, base: string, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `${base}-${i}`);
  dropped.push(...names);
  for (let i = 0; i < names.length; i += PUBLISH_BURST) {
    await Promise.all(
      names.slice(i, i + PUBLISH_BURST).map((name) => broker.publish(`house/${name}/status`, 'offline')),
    );
  }
  return names;
}

// The Hearth server remembers every device it heard: a street of offline devices would follow
// every later test's fresh screen. Their owner retires them as Zigbee2MQTT does, with an empty
// retained message on their status topic, and the server forgets them.
test.afterEach(async ({ broker }) => {
  const names = dropped.splice(0);
  for (let i = 0; i < names.length; i += PUBLISH_BURST) {
    await Promise.all(
      names
        .slice(i, i + PUBLISH_BURST)
        .map((name) => broker.publish(`house/${name}/status`, '', { retain: true })),
    );
  }
});

/** The dashboard is listening: what is published from now on reaches it live. */
async function untilConnected(page: Page) {
  await expect(page.locator('[data-connection="connected"]')).toBeVisible({ timeout: 20_000 });
}

function offlineGroup(page: Page) {
  return page.locator('[data-alert-group="offline"]');
}

async function elementCount(page: Page): Promise<number> {
  // e2e code is typed for Node: the page's document is reached through globalThis.
  return page.evaluate(
    () =>
      (
        globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
      ).document.querySelectorAll('*').length,
  );
}

/** The page's JS heap after a full collection, in MiB, through the DevTools protocol. */
async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return Math.round((usedSize / 2 ** 20) * 10) / 10;
}

async function noteSize(page: Page, testInfo: TestInfo, devices: number) {
  const elements = await elementCount(page);
  const heap = await heapMiB(page);
  const description = `${devices} offline devices: ${elements} elements, ${heap} MiB heap`;
  testInfo.annotations.push({ type: 'page size', description });
  console.log(`[${testInfo.project.name}] ${description}`);
  return elements;
}

test('three devices offline are three alert rows of their own, as a handful always was', async ({
  page,
  broker,
}) => {
  test.setTimeout(60_000);
  await page.goto(broker.pageUrl());
  await untilConnected(page);
  const names = await dropDevices(broker, uniqueDeviceName('porch'), 3);

  for (const name of names) {
    const alert = activeAlerts(page, { kind: 'offline', device: name });
    await expect(alert).toHaveCount(1, { timeout: 10_000 });
    await expect(alert).toHaveAttribute('data-alert-convention', 'generic');
    await expect(alert).toContainText(name);
    await expect(alert.getByRole('button', { name: 'Acknowledge' })).toBeVisible();
  }
  await expect(page.locator('[data-alert-group]')).toHaveCount(0);
});

test('2,000 devices offline are one row that says so, opens a page at a time, finds any one and is acknowledged at once', async ({
  page,
  broker,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(broker.pageUrl());
  await untilConnected(page);
  const names = await dropDevices(broker, uniqueDeviceName('street'), 2_000);

  const group = offlineGroup(page);
  await expect(group).toHaveAttribute('data-alert-count', '2000', { timeout: 30_000 });
  await expect(group).toContainText('2,000 devices offline');
  await expect(activeAlerts(page, { kind: 'offline' })).toHaveCount(0);
  expect(await noteSize(page, testInfo, 2_000)).toBeLessThan(ELEMENTS_MAX);

  await test.step('opened, the group shows twenty alerts with their hooks, and the next twenty on the next page', async () => {
    await group.getByRole('button', { name: /^Show/ }).click();
    const rows = activeAlerts(page, { kind: 'offline' });
    await expect(rows).toHaveCount(20);
    const first = await rows.first().getAttribute('data-alert-device');
    expect(names).toContain(first);
    await expect(rows.first()).toHaveAttribute('data-alert-convention', 'generic');
    await expect(group).toContainText('1–20 of 2,000');
    await group.getByRole('button', { name: 'Next' }).click();
    await expect(group).toContainText('21–40 of 2,000');
    await expect(rows).toHaveCount(20);
    await expect(activeAlerts(page, { kind: 'offline', device: first ?? '' })).toHaveCount(0);
    expect(await elementCount(page)).toBeLessThan(ELEMENTS_MAX);
  });

  await test.step('any one device of the 2,000 is found by its name', async () => {
    const wanted = names[1234] ?? '';
    await group.getByRole('searchbox').fill(wanted);
    await expect(activeAlerts(page, { kind: 'offline', device: wanted })).toHaveCount(1);
    await expect(activeAlerts(page, { kind: 'offline' })).toHaveCount(1);
    await expect(group).toContainText('1 of 1 matching, 2,000 in all');
  });

  await test.step('one tap acknowledges all 2,000', async () => {
    await group.getByRole('button', { name: 'Acknowledge all' }).click();
    await expect(group.getByRole('button', { name: 'Acknowledge all' })).toHaveCount(0);
    await expect(activeAlerts(page, { kind: 'offline' }).first()).toHaveAttribute(
      'data-acknowledged',
      'true',
    );
    await expect(group).toHaveAttribute('data-alert-count', '2000');
  });
});

test('10,000 devices offline keep the page under a few thousand elements', async ({
  page,
  broker,
}, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(broker.pageUrl());
  await untilConnected(page);
  await dropDevices(broker, uniqueDeviceName('city'), 10_000);

  await expect(offlineGroup(page)).toHaveAttribute('data-alert-count', '10000', { timeout: 120_000 });
  await expect(offlineGroup(page)).toContainText('10,000 devices offline');
  expect(await noteSize(page, testInfo, 10_000)).toBeLessThan(ELEMENTS_MAX);
});

test('a 3,000-character name in an alert is cut with an ellipsis within a phone screen, and reads whole on its device', async ({
  page,
  broker,
}) => {
  test.setTimeout(60_000);
  const name = `${uniqueDeviceName('cellar')} ${'Cellar-humidity-sensor-under-the-stairs-'.repeat(75)}`.slice(
    0,
    3_000,
  );
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(broker.pageUrl());
  await untilConnected(page);
  await broker.publish(`house/${name}/status`, 'offline');

  const alert = activeAlerts(page, { kind: 'offline', device: name });
  await expect(alert).toHaveCount(1, { timeout: 10_000 });
  const shown = alert.getByRole('button', { name: /^cellar-/ });
  const text = (await shown.textContent()) ?? '';
  expect(text.length, 'characters laid out').toBeLessThan(260);
  expect(text.endsWith('…'), 'the name ends clipped').toBe(true);
  const fits = await shown.evaluate((el) => ({
    right: el.getBoundingClientRect().right,
    clipped: el.scrollWidth > el.clientWidth,
  }));
  expect(fits.right, 'the name within the screen').toBeLessThanOrEqual(390);
  expect(fits.clipped, 'cut by CSS to its box too').toBe(true);
  const box = await alert.boundingBox();
  expect(box && box.x + box.width, 'the alert within the screen').toBeLessThanOrEqual(390);

  await shown.click();
  const detail = deviceDetail(page, name);
  await expect(detail).toBeVisible();
  await detail.getByRole('button', { name: /whole name/i }).click();
  expect((await detail.locator('[data-whole-name]').textContent()) === name, 'the whole name').toBe(true);
});
