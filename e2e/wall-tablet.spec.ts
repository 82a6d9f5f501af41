import type { Locator } from '@playwright/test';
import { deviceCard, deviceDetail, expectMetric, kioskLayout, metric } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';
import { emulateTabletScreen, switchScreen, wakeLocks } from './support/tabletScreen.ts';

/** A value read from three metres away; the ordinary dashboard prints them at 24 px. */
const GLANCEABLE_VALUE_MIN_PX = 40;

// A wall tablet: landscape, and touched rather than clicked.
test.use({ viewport: { width: 1280, height: 800 }, hasTouch: true });

test('from across the room, a kiosk shows each value big and no charts panel', async ({ page, broker }) => {
  const device = uniqueDeviceName('kitchen');
  await broker.publish(`house/${device}/temperature`, '21.5', { retain: true });

  await page.goto(broker.pageUrl({ kiosk: 1 }));
  const card = deviceCard(page, device);
  await expectMetric(card, 'temperature', 21.5);
  await expect(kioskLayout(page)).toBeVisible();
  expect(await fontSizePx(metric(card, 'temperature')), 'value size').toBeGreaterThanOrEqual(
    GLANCEABLE_VALUE_MIN_PX,
  );
  await expect(page.getByRole('heading', { name: 'Charts', exact: true })).toHaveCount(0);
  await expect(page.locator('[data-chart]')).toHaveCount(0);
});

test('on a kiosk, tapping a device opens its charts full screen and tapping again goes back', async ({
  page,
  broker,
}) => {
  const device = uniqueDeviceName('bathroom');
  await broker.publish(`house/${device}/temperature`, '23.5', { retain: true });

  await page.goto(broker.pageUrl({ kiosk: 1 }));
  const card = deviceCard(page, device);
  await expectMetric(card, 'temperature', 23.5);

  await card.tap();
  const detail = deviceDetail(page, device);
  await expect(detail).toBeVisible();
  const temperature = detail.locator('section').filter({ hasText: 'temperature' });
  await expect(temperature).toContainText('23.5');
  await expect(temperature.locator('svg path').first(), 'temperature chart').toBeAttached();

  await temperature.tap();
  await expect(detail).toHaveCount(0);
  await expect(card).toBeVisible();
});

test('a kiosk keeps the screen awake, and asks again each time the screen comes back on', async ({
  page,
  broker,
}) => {
  await emulateTabletScreen(page);
  await page.goto(broker.pageUrl({ kiosk: 1 }));
  await expect(kioskLayout(page)).toBeVisible();
  await expect
    .poll(() => wakeLocks(page), { message: 'wake lock on load' })
    .toEqual({
      requested: ['screen'],
      held: 1,
    });

  // Hidden, the page loses its wake lock; it must take it again when it is visible.
  await switchScreen(page, 'off');
  await expect
    .poll(() => wakeLocks(page), { message: 'wake lock while off' })
    .toEqual({
      requested: ['screen'],
      held: 0,
    });
  await switchScreen(page, 'on');
  await expect
    .poll(() => wakeLocks(page), { message: 'wake lock back on' })
    .toEqual({
      requested: ['screen', 'screen'],
      held: 1,
    });
});

/** The rendered font size of an element, in CSS pixels. */
function fontSizePx(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const { getComputedStyle } = globalThis as unknown as {
      getComputedStyle(node: unknown): { fontSize: string };
    };
    return Number.parseFloat(getComputedStyle(node).fontSize);
  });
}

test('a kiosk link is for that visit only: saving a setting there keeps the next plain visit ordinary', async ({
  page,
  broker,
}) => {
  await page.goto(broker.pageUrl({ kiosk: 1 }));
  await expect(kioskLayout(page)).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('A device is stale after (seconds of silence)').fill('90');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(kioskLayout(page), 'the link still decides this visit').toBeVisible();

  await page.goto(broker.pageUrl());
  await expect(page.getByRole('heading', { name: 'Charts', exact: true })).toBeVisible();
  await expect(kioskLayout(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(
    dialog.getByLabel('A device is stale after (seconds of silence)'),
    'the change was saved',
  ).toHaveValue('90');
});
