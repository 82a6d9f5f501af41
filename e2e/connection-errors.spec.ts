import type { Locator, Page } from '@playwright/test';
import { connectionIndicator, expectConnection } from './dashboard.ts';
import { expect, test } from './fixtures.ts';
import { findFreePort } from './support/freePort.ts';

test('a broker address where nothing listens shows an error and its cause within 3 seconds', async ({
  page,
  broker,
}) => {
  const closedPort = await findFreePort();

  await page.goto(broker.pageUrl({ broker: `ws://127.0.0.1:${closedPort}/mqtt` }));
  await expectConnection(page, 'error', { timeout: 3_000 });
  await expect(connectionIndicator(page)).toBeVisible();
  const cause = visibleMention(page, `127.0.0.1:${closedPort}`);
  await expect(cause).toBeVisible();
  await expect(cause).toContainText(/could not|cannot|can't|unable|refused|unreachable/i);
});

// Only the Mosquitto project has a listener that demands a password.
test.describe('a broker that demands a password', { tag: '@mosquitto-only' }, () => {
  test('refusing an anonymous dashboard shows an error that says so', async ({ page, broker, mosquitto }) => {
    const brokerUrl = mosquitto?.authRequiredWsUrl;
    if (brokerUrl === undefined) throw new Error('the Mosquitto project runs without Mosquitto');

    await page.goto(broker.pageUrl({ broker: brokerUrl }));
    await expectConnection(page, 'error', { timeout: 5_000 });
    await expect(visibleMention(page, /not authori[sz]ed|credentials|password|user ?name/i)).toBeVisible();
  });
});

/** The first visible words on the page that say `text`: where a user reads what went wrong. */
function visibleMention(page: Page, text: string | RegExp): Locator {
  return page.getByText(text).filter({ visible: true }).first();
}
