import type { Locator, Page } from '@playwright/test';
import { activeAlerts, chart, deviceCard, deviceDetail, deviceName } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';

/** Phone, portrait tablet and landscape tablet: the page must fit each without scrolling sideways. */
const SCREENS = [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
  { width: 390, height: 844 },
] as const;

/** Past this many characters a name on screen is cut (NAME_SHOWN_MAX in src/core/clip.ts, plus slack). */
const SHOWN_TEXT_MAX = 260;

/** The little of the browser's DOM these checks read: e2e code is typed for Node. */
interface PageElement {
  tagName: string;
  className: unknown;
  attributes: Iterable<{ name: string; value: string }>;
  getBoundingClientRect(): { right: number };
}
interface PageGlobals {
  innerWidth: number;
  document: {
    documentElement: { scrollWidth: number };
    body: { textContent: string | null };
    querySelectorAll(selector: string): Iterable<PageElement>;
  };
}

/** Attributes a browser shows (a tooltip, a placeholder) or reads aloud: each is text laid out or spoken. */
const SHOWN_ATTRIBUTES = ['title', 'aria-label', 'aria-description', 'alt', 'placeholder'];

/** A name no other test uses, padded with `filler` to exactly `length` characters. */
function longName(base: string, length: number, filler: string): string {
  const head = `${uniqueDeviceName(base)} `;
  return head + filler.repeat(Math.ceil(length / filler.length)).slice(0, length - head.length);
}

/** Fails with the widest elements named, so a failure says which view grew. */
async function expectNoSidewaysScroll(page: Page, screen: string) {
  const overflow = await page.evaluate(() => {
    const { document, innerWidth: width } = globalThis as unknown as PageGlobals;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide };
  });
  expect(
    overflow.scrollWidth,
    `page width at ${screen} (widest: ${overflow.wide.join(' | ')})`,
  ).toBeLessThanOrEqual(overflow.innerWidth);
}

/** The text a person sees in an element: cut short, ending in an ellipsis. */
async function expectClipped(element: Locator, what: string) {
  const text = ((await element.textContent()) ?? '').trimEnd();
  // Lengths and the last character only: a failure must not print 60,000 characters.
  expect(text.length, `${what}: characters laid out`).toBeLessThanOrEqual(SHOWN_TEXT_MAX);
  expect(text.slice(-1), `${what} ends clipped`).toBe('…');
}

test('device names of 3,000 and 60,000 characters stay within the screen, clipped, and read whole in the device detail', async ({
  page,
  broker,
}) => {
  // Three names of up to 60,000 characters cross the broker and the page: slow on a shared machine.
  test.setTimeout(120_000);
  const hallway = longName('hallway', 3_000, 'Hallway-thermometer-by-the-stairs-');
  const zigbee = longName('living', 60_000, 'Living room sensor ');
  const porch = longName('porch', 60_000, 'porch');
  await broker.publish(`house/${hallway}/temperature`, '21.5', { retain: true });
  await broker.publish(`zigbee2mqtt/${zigbee}`, '{"temperature":22.5,"humidity":41}', { retain: true });
  await broker.publish(`house/${porch}/temperature`, '9.5', { retain: true });
  await broker.publish(`house/${porch}/status`, 'offline', { retain: true });

  await page.setViewportSize(SCREENS[0]);
  await page.goto(broker.pageUrl({ topics: 'house/#,zigbee2mqtt/#' }));
  const temperature = chart(page, 'temperature');
  for (const name of [hallway, zigbee, porch]) {
    await expect(deviceCard(page, name)).toBeVisible({ timeout: 20_000 });
    await expect(temperature.locator(`[data-series-device="${name}"]`)).toHaveCount(1);
  }
  await expect(activeAlerts(page, { kind: 'offline', device: porch })).toHaveCount(1, { timeout: 10_000 });

  await test.step('no view lays out a long name whole, in text or in a title or label', async () => {
    for (const name of [hallway, zigbee, porch]) {
      await expectClipped(deviceName(deviceCard(page, name)), 'card heading');
      await expectClipped(temperature.locator(`[data-series-device="${name}"]`), 'legend entry');
    }
    // data-* attributes are left alone: they are the page's contract for scripts, whole native ids.
    const longest = await page.evaluate((shown) => {
      const { document } = globalThis as unknown as PageGlobals;
      let most = { length: 0, where: '' };
      for (const el of document.querySelectorAll('*')) {
        for (const attribute of el.attributes) {
          if (shown.includes(attribute.name) && attribute.value.length > most.length)
            most = { length: attribute.value.length, where: `${el.tagName} ${attribute.name}` };
        }
      }
      return { ...most, text: document.body.textContent?.length ?? 0 };
    }, SHOWN_ATTRIBUTES);
    expect(longest.length, `longest title or label (${longest.where})`).toBeLessThanOrEqual(
      SHOWN_TEXT_MAX + 40,
    );
    // Two 60,000-character names whole would be 120,000 characters to lay out on each change.
    expect(longest.text, 'characters of text on the page').toBeLessThan(20_000);
  });

  for (const screen of SCREENS) {
    const size = `${screen.width}x${screen.height}`;
    await test.step(`the page fits ${size}`, async () => {
      await page.setViewportSize(screen);
      await expect(deviceCard(page, hallway)).toBeVisible();
      await expectNoSidewaysScroll(page, size);
      for (const name of [hallway, zigbee, porch]) {
        const box = await deviceCard(page, name).boundingBox();
        expect(box && box.x + box.width, `card within ${size}`).toBeLessThanOrEqual(screen.width);
      }
    });
  }

  await test.step('the device detail shows the whole name on demand, wrapped', async () => {
    for (const screen of [SCREENS[2], SCREENS[0]]) {
      await page.setViewportSize(screen);
      for (const name of [zigbee, hallway]) {
        await deviceName(deviceCard(page, name)).getByRole('button').click();
        const detail = deviceDetail(page, name);
        await expect(detail).toBeVisible();
        await expectClipped(detail.getByRole('heading', { level: 2 }), 'detail heading');
        await detail.getByRole('button', { name: /whole name/i }).click();
        const whole = await detail.locator('[data-whole-name]').textContent();
        expect(whole === name, 'the whole name, every character').toBe(true);
        await expectNoSidewaysScroll(page, `${screen.width}x${screen.height} with the detail open`);
        await detail.getByRole('button', { name: 'Back' }).click();
        await expect(detail).toBeHidden();
      }
    }
  });

  await test.step('the rule pickers in Settings offer the devices by clipped names', async () => {
    await page.setViewportSize(SCREENS[2]);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('tab', { name: 'Alerts' }).click();
    await dialog.getByRole('button', { name: 'Add a rule' }).click();
    const devices = dialog.getByRole('group', { name: 'Rule 1' }).getByLabel('Device');
    const options = await devices.locator('option').allTextContents();
    expect(
      options.some((o) => o.startsWith(zigbee.slice(0, 40))),
      'the Zigbee device is offered',
    ).toBe(true);
    expect(Math.max(...options.map((o) => o.length)), 'longest option').toBeLessThanOrEqual(SHOWN_TEXT_MAX);
    const fits = await dialog.evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits, 'the settings dialog fits the phone').toBe(true);
    await expectNoSidewaysScroll(page, '390x844 with Settings open');
  });
});
