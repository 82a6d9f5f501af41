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

test.describe('a broker that demands a password', () => {
  test.skip(({ brokerKind }) => brokerKind !== 'mosquitto', 'only the Mosquitto project has such a listener');

  test('refusing an anonymous dashboard shows an error that says so', async ({ page, broker, mosquitto }) => {
    const brokerUrl = mosquitto?.authRequiredWsUrl;
    if (brokerUrl === undefined) throw new Error('the Mosquitto project runs without Mosquitto');

    await page.goto(broker.pageUrl({ broker: brokerUrl }));
    await expectConnection(page, 'error', { timeout: 5_000 });
    await expect(connectionIndicator(page)).toContainText(
      /not authori[sz]ed|credentials|password|user ?name/i,
    );
  });
});
