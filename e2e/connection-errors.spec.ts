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
  const indicator = connectionIndicator(page);
  await expect(indicator).toBeVisible();
  await expect(indicator).toContainText(`127.0.0.1:${closedPort}`);
});

test('a broker that refuses anonymous clients shows an error that says so', async ({
  page,
  broker,
  mosquitto,
}) => {
  test.skip(mosquitto === undefined, 'only Mosquitto here has a listener that demands a password');
  if (mosquitto === undefined) return;

  await page.goto(broker.pageUrl({ broker: mosquitto.authRequiredWsUrl }));
  await expectConnection(page, 'error', { timeout: 5_000 });
  await expect(connectionIndicator(page)).toContainText(/not authori[sz]ed|credentials|password|user ?name/i);
});
