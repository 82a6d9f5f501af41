import type { Page } from '@playwright/test';
import { deviceCard, deviceName, expectConnection, expectMetric } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';

/** Renames a device from its card menu, as a user does: Actions → Rename… → the name → Save. */
async function renameFromCard(page: Page, device: string, alias: string) {
  await deviceCard(page, device)
    .getByRole('button', { name: `Actions for ${device}` })
    .click();
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  const dialog = page.getByRole('dialog', { name: `Rename ${device}` });
  await dialog.getByRole('textbox', { name: 'Name shown' }).fill(alias);
  await dialog.getByRole('button', { name: 'Save' }).click();
}

test('a device renamed on one screen is called so on every screen: another open one within 2 s, after a reload, and on a new tablet', async ({
  page,
  broker,
  browser,
}) => {
  // Three screens load the dashboard one after another.
  test.setTimeout(90_000);
  const hall = uniqueDeviceName('hall');
  await broker.publish(`house/${hall}/temperature`, '21.5', { retain: true });
  const otherScreen = await browser.newContext();
  try {
    const other = await otherScreen.newPage();
    await Promise.all([page.goto(broker.pageUrl()), other.goto(broker.pageUrl())]);
    await expectConnection(page, 'connected', { timeout: 20_000 });
    await expectConnection(other, 'connected', { timeout: 20_000 });
    await expectMetric(deviceCard(page, hall), 'temperature', 21.5);
    await expectMetric(deviceCard(other, hall), 'temperature', 21.5);

    await renameFromCard(page, hall, 'Hall radiator');
    await expect(deviceName(deviceCard(page, hall))).toHaveText('Hall radiator');
    await expect
      .poll(() => deviceName(deviceCard(other, hall)).textContent(), {
        message: 'the other screen shows the new name',
        timeout: 2000,
        intervals: [100],
      })
      .toBe('Hall radiator');

    await page.reload();
    await expect(deviceName(deviceCard(page, hall))).toHaveText('Hall radiator');
  } finally {
    await otherScreen.close();
  }

  // A tablet whose storage is empty gets the name from the server.
  const newTablet = await browser.newContext();
  try {
    const fresh = await newTablet.newPage();
    await fresh.goto(broker.pageUrl());
    await expectConnection(fresh, 'connected', { timeout: 20_000 });
    await expect(deviceName(deviceCard(fresh, hall))).toHaveText('Hall radiator');
  } finally {
    await newTablet.close();
  }
});

test('with no Hearth server behind the page, a rename is kept in the browser across a reload', async ({
  page,
  broker,
}) => {
  // Static hosting: every /api path is unknown, so the layout lives in this browser.
  await page.route('**/api/**', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  const porch = uniqueDeviceName('porch');
  await broker.publish(`house/${porch}/temperature`, '12.5', { retain: true });
  await page.goto(broker.pageUrl());
  await expectConnection(page, 'connected', { timeout: 20_000 });
  await expectMetric(deviceCard(page, porch), 'temperature', 12.5);

  await renameFromCard(page, porch, 'Porch light');
  await expect(deviceName(deviceCard(page, porch))).toHaveText('Porch light');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('hearth.layout.v1')))
    .toContain('Porch light');

  await page.reload();
  await expect(deviceName(deviceCard(page, porch))).toHaveText('Porch light');
});

test('a dark theme chosen for the screen applies before the first paint and follows the setting', async ({
  page,
  broker,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(broker.pageUrl({ theme: 'dark' }));
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#0f172a');
  await expect(page.locator('body'), 'the page is dark').not.toHaveCSS(
    'background-color',
    'rgb(248, 250, 252)',
  );

  // Following the system: the page turns dark when the system does, without a reload.
  await page.goto(broker.pageUrl());
  await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
});

test('changes made one after another and followed at once by a reload are all kept', async ({
  page,
  broker,
}) => {
  const hall = uniqueDeviceName('hall');
  const porch = uniqueDeviceName('porch');
  await broker.publish(`house/${hall}/temperature`, '20.5', { retain: true });
  await broker.publish(`house/${porch}/temperature`, '9.5', { retain: true });
  // The server is slow to answer the first change, so the second waits in the page behind it.
  let held = false;
  let answered = false;
  await page.route('**/api/layout', async (route) => {
    if (route.request().method() === 'POST' && !held) {
      held = true;
      await new Promise((resolve) => setTimeout(resolve, 4000));
      answered = true;
    }
    await route.continue().catch(() => {});
  });
  await page.goto(broker.pageUrl());
  await expectMetric(deviceCard(page, hall), 'temperature', 20.5);
  await expectMetric(deviceCard(page, porch), 'temperature', 9.5);

  await renameFromCard(page, hall, 'Hall radiator');
  await renameFromCard(page, porch, 'Porch lamp');
  await expect(deviceName(deviceCard(page, porch))).toHaveText('Porch lamp');
  expect(held && !answered, 'the first change is still on its way').toBe(true);
  await page.reload();
  // Once the server has both, a screen that opens now shows both.
  await expect.poll(() => answered, { timeout: 10_000 }).toBe(true);
  await expect
    .poll(async () =>
      JSON.stringify(await (await page.request.get(new URL('/api/layout', broker.pageUrl()).href)).json()),
    )
    .toContain('Porch lamp');
  await page.reload();
  await expect(deviceName(deviceCard(page, hall))).toHaveText('Hall radiator');
  await expect(deviceName(deviceCard(page, porch))).toHaveText('Porch lamp');
});
