import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import {
  chart,
  chartPoints,
  dataAgeNote,
  deviceCard,
  expectConnection,
  expectMetric,
  kioskLayout,
  updatePrompt,
} from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';
import { deployedBuild, startRedeployableHearth } from './support/redeployableHearth.ts';
import { savedMetricValue } from './support/savedHistory.ts';
import { activeServiceWorker, controllingServiceWorker } from './support/serviceWorker.ts';
import { emulateTabletScreen, switchScreen } from './support/tabletScreen.ts';

/** The promise: a tablet left open runs a new version within this long of a deploy. */
const DEPLOY_REACHES_TABLET_MS = 60 * 60 * 1000;
/** KIOSK_IDLE_MS in src/app/ReloadPrompt.tsx: untouched this long, a kiosk applies an update. */
const KIOSK_IDLE_MS = 30 * 1000;

test('after a reload the service worker controls the page', async ({ page, broker }) => {
  await page.goto(broker.pageUrl());
  expect(await activeServiceWorker(page), 'service worker once installed').toMatch(/\/sw\.js$/);

  await page.reload();
  expect(await controllingServiceWorker(page), 'service worker in control').toMatch(/\/sw\.js$/);
});

test('offline, a reload still shows the app with the last values, marked with their time', async ({
  page,
  broker,
}) => {
  await emulateTabletScreen(page);
  const device = await broker.connectDevice(uniqueDeviceName('hallway'));
  await page.goto(broker.pageUrl());
  await expectConnection(page, 'connected');
  await activeServiceWorker(page);

  // Retained, so it reaches the page however late it subscribes; the readings after it are not.
  await device.announce('online');
  const card = deviceCard(page, device.name);
  await expect(card).toHaveAttribute('data-status', 'online');
  const firstReadingAt = Date.now();
  await device.publish('temperature', '19.5');
  await device.publish('humidity', '48');
  await expectMetric(card, 'temperature', 19.5);
  await expectMetric(card, 'humidity', 48);

  // The screen going off is when a tablet saves what it has.
  await switchScreen(page, 'off');
  await expect.poll(() => savedMetricValue(page, device.name, 'humidity'), { message: 'saved' }).toBe(48);

  await page.context().setOffline(true);
  await page.reload();
  await expectMetric(card, 'temperature', 19.5);
  await expectMetric(card, 'humidity', 48);
  await reportOffline(page);
  await expect(dataAgeNote(page)).toHaveText(/^Offline, showing data from \d{1,2}:\d{2}\b/);
  const dataFrom = Number(await dataAgeNote(page).getAttribute('data-data-age'));
  expect(dataFrom, 'the time the values are from').toBeGreaterThanOrEqual(firstReadingAt);
  expect(dataFrom, 'the time the values are from').toBeLessThanOrEqual(Date.now());
});

test('after a reload, readings that were not retained are back on the card and the chart before any new message', async ({
  page,
  broker,
}) => {
  await emulateTabletScreen(page);
  const device = await broker.connectDevice(uniqueDeviceName('study'));
  await page.goto(broker.pageUrl());
  await expectConnection(page, 'connected');

  await device.announce('online');
  const card = deviceCard(page, device.name);
  await expect(card).toHaveAttribute('data-status', 'online');
  for (const temperature of [20.5, 21, 21.5]) {
    await device.publish('temperature', String(temperature));
    await expectMetric(card, 'temperature', temperature);
  }
  await expect
    .poll(() => chartPoints(chart(page, 'temperature')), { message: 'points drawn' })
    .toBeGreaterThan(0);

  await switchScreen(page, 'off');
  await expect
    .poll(() => savedMetricValue(page, device.name, 'temperature'), { message: 'saved' })
    .toBe(21.5);

  // The broker holds none of these readings: after the reload they can only come from the page's own history.
  await page.reload();
  await expectMetric(card, 'temperature', 21.5);
  await expect
    .poll(() => chartPoints(chart(page, 'temperature')), { message: 'restored points drawn' })
    .toBeGreaterThan(0);
});

// No broker is involved: these run in the embedded project only (see the projects' grepInvert).
test.describe('without the broker', { tag: '@embedded-only' }, () => {
  test('Chrome finds the app installable', async ({ hearth, launchOptions }) => {
    // Chrome never offers to install from an incognito profile, which every new context is.
    const profile = await mkdtemp(path.join(tmpdir(), 'hearth-profile-'));
    const context = await chromium.launchPersistentContext(profile, launchOptions);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(hearth.pageUrl);
      await activeServiceWorker(page);

      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.errors, 'manifest errors').toEqual([]);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors, 'installability errors').toEqual([]);
      expect(errors, 'errors thrown in the page').toEqual([]);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });

  test('a kiosk tablet loads a new version by itself, once nobody touches the screen', async ({ page }) => {
    const server = await startRedeployableHearth();
    try {
      // Page time is the test's to move: nobody waits an hour for a deploy to arrive.
      await page.clock.install();
      await page.goto(`${server.pageUrl}?kiosk=1`);
      await activeServiceWorker(page);
      // A tablet that has loaded Hearth before runs it under the service worker.
      await page.reload();
      expect(await controllingServiceWorker(page), 'service worker in control').not.toBeNull();
      await expect(deployedBuild(page)).toHaveCount(0);

      await server.deploy('next');
      await page.clock.fastForward(DEPLOY_REACHES_TABLET_MS);
      await expect(updatePrompt(page)).toBeVisible();
      // Nobody touches the screen: the kiosk reloads into the new version on its own.
      await page.clock.fastForward(KIOSK_IDLE_MS);
      await expect(deployedBuild(page)).toHaveAttribute('content', 'next');
      await expect(kioskLayout(page)).toBeVisible();
      await expect(updatePrompt(page)).toHaveCount(0);
    } finally {
      await server.stop();
    }
  });
});

/**
 * Chromium forgets its emulated offline state in `navigator.onLine` when a page reloads, though
 * every request still fails; a tablet that is really offline knows it. This tells the new page
 * again, through a DevTools session that stays open as long as the page.
 */
async function reportOffline(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: true,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
}

test('a reading that was not retained survives a reload made right after it arrived', async ({
  page,
  broker,
}) => {
  const name = uniqueDeviceName('hall');
  await page.goto(broker.pageUrl());
  await expectConnection(page, 'connected');

  await broker.publish(`house/${name}/temperature`, '19.25', { retain: false });
  const card = deviceCard(page, name);
  await expectMetric(card, 'temperature', 19.25);

  // No waiting for a periodic save and no hidden tab: a plain reload, as a person would do it.
  await page.reload();
  await expectMetric(card, 'temperature', 19.25);
});
