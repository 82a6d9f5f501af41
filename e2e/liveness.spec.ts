import type { Page } from '@playwright/test';
import { activeAlerts, deviceCard, expectConnection, expectMetric } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';
import { setRenderersRunning } from './support/rendererSleep.ts';

/**
 * Records every status a card takes and every alert that appears, from the first paint of each
 * page load, so a test can say "never" rather than "not at the moment it looked".
 */
/** What the recorder reads of the page: e2e code is typed without the browser's DOM. */
interface PageElement {
  getAttribute(name: string): string | null;
}
interface PageScope {
  __seen: string[];
  document: { querySelectorAll(selector: string): Iterable<PageElement> };
  MutationObserver: new (
    callback: () => void,
  ) => { observe(target: unknown, options: Record<string, boolean>): void };
}

/**
 * Records every status a card takes and every alert that appears, from the first paint of each
 * page load, so a test can say "never" rather than "not at the moment it looked".
 */
async function recordWhatTheScreenSays(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const scope = globalThis as unknown as PageScope;
    const seen: string[] = [];
    scope.__seen = seen;
    const look = () => {
      for (const card of scope.document.querySelectorAll('[data-device-id][data-status]')) {
        const line = `status ${card.getAttribute('data-device-id')} ${card.getAttribute('data-status')}`;
        if (!seen.includes(line)) seen.push(line);
      }
      for (const alert of scope.document.querySelectorAll('[data-alert][data-alert-kind]')) {
        const line = `alert ${alert.getAttribute('data-alert-device')} ${alert.getAttribute('data-alert-kind')}`;
        if (!seen.includes(line)) seen.push(line);
      }
    };
    new scope.MutationObserver(look).observe(scope.document, {
      subtree: true,
      childList: true,
      attributes: true,
    });
  });
}

function screenSaid(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as PageScope).__seen);
}

test('a device that went silent stays silent when a reload replays its retained value: its alert stays', async ({
  page,
  broker,
}) => {
  test.setTimeout(60_000);
  const name = uniqueDeviceName('attic-sensor');
  await recordWhatTheScreenSays(page);
  await page.goto(broker.pageUrl({ staleAfter: 3 }));
  await expectConnection(page, 'connected');
  // Published while the page listens: a live reading, which the broker also keeps.
  await broker.publish(`house/${name}/temperature`, '19.5', { retain: true });
  const card = deviceCard(page, name);
  await expectMetric(card, 'temperature', 19.5);
  await expect(card).toHaveAttribute('data-status', 'stale', { timeout: 15_000 });
  await expect(activeAlerts(page, { kind: 'stale', device: name })).toHaveCount(1);

  await test.step('a reload subscribes again and the broker replays 19.5', async () => {
    await page.reload();
    await expectConnection(page, 'connected');
    await expectMetric(card, 'temperature', 19.5);
    // Past the catch-up after connecting, and past another stale period.
    await page.waitForTimeout(6500);
    await expect(card).toHaveAttribute('data-status', 'stale');
    await expect(activeAlerts(page, { kind: 'stale', device: name })).toHaveCount(1);
    const said = await screenSaid(page);
    expect(said, 'what the reloaded page showed').not.toContain(`status ${name} online`);
  });

  await test.step('a live reading is a sign of life', async () => {
    await broker.publish(`house/${name}/temperature`, '19.6');
    await expect(card).toHaveAttribute('data-status', 'online');
    await expect(activeAlerts(page, { device: name })).toHaveCount(0);
  });
});

test('a device known only from what the broker kept is not called online, and goes stale if it stays silent', async ({
  page,
  broker,
}) => {
  const name = uniqueDeviceName('cellar-sensor');
  await broker.publish(`house/${name}/temperature`, '11.5', { retain: true });
  await recordWhatTheScreenSays(page);
  await page.goto(broker.pageUrl({ staleAfter: 3 }));
  const card = deviceCard(page, name);
  await expectMetric(card, 'temperature', 11.5);
  await expect(card).toHaveAttribute('data-status', 'unknown');
  await expect(card).toHaveAttribute('data-status', 'stale', { timeout: 15_000 });
  await expect(activeAlerts(page, { kind: 'stale', device: name })).toHaveCount(1);
  expect(await screenSaid(page)).not.toContain(`status ${name} online`);
});

test('after the tablet sleeps longer than the stale time, no device that kept talking is called silent', async ({
  page,
  broker,
  browser,
}) => {
  test.setTimeout(60_000);
  const talking = uniqueDeviceName('hall-sensor');
  const silent = uniqueDeviceName('shed-sensor');
  await recordWhatTheScreenSays(page);
  await page.goto(broker.pageUrl({ staleAfter: 5 }));
  await expectConnection(page, 'connected');

  let value = 20;
  const keepTalking = setInterval(() => {
    value = value === 20 ? 20.1 : 20;
    void broker.publish(`house/${talking}/temperature`, String(value)).catch(() => {});
  }, 500);
  try {
    // The hall's readings reaching the page prove its subscription is in place.
    await expect(deviceCard(page, talking)).toHaveAttribute('data-status', 'online');
    await broker.publish(`house/${silent}/temperature`, '9');
    await expect(deviceCard(page, silent)).toHaveAttribute('data-status', 'stale', { timeout: 15_000 });
    await expect(activeAlerts(page, { kind: 'stale', device: silent })).toHaveCount(1);

    await test.step('the tablet sleeps 11 s, twice the stale time, while the hall sensor talks on', async () => {
      await setRenderersRunning(browser, false);
      try {
        await new Promise((resolve) => setTimeout(resolve, 11_000));
      } finally {
        await setRenderersRunning(browser, true);
      }
    });

    await test.step('it wakes: no false alert, and the silent shed keeps its one alert', async () => {
      await page.waitForTimeout(6000);
      const said = await screenSaid(page);
      expect(said, 'what the page showed after waking').not.toContain(`status ${talking} stale`);
      expect(said).not.toContain(`alert ${talking} stale`);
      await expect(deviceCard(page, talking)).toHaveAttribute('data-status', 'online');
      await expect(activeAlerts(page, { kind: 'stale', device: silent })).toHaveCount(1);
      await expect(page.locator('[data-missed-from]')).toBeVisible();
    });
  } finally {
    clearInterval(keepTalking);
  }
});
