import { randomBytes } from 'node:crypto';
import { HOME_ASSISTANT } from '../src/core/conventions/fixtures/homeAssistant.ts';
import { deviceCard, expectConnection, expectMetric } from './dashboard.ts';
import { expect, test } from './fixtures.ts';
import { publishAll, renamedFixtures } from './support/renamedFixtures.ts';

// The house's memory (issue 10): restarting `npm start` forgets nothing the embedded broker and
// the recorder were told. Only the embedded broker lives and restarts with the Hearth server.

test('after a restart of the server a fresh screen shows a device announced once by a retained discovery config, with its last reading @embedded-only', async ({
  browser,
  broker,
}) => {
  // Two screens and a restart of the whole server.
  test.slow();
  const suffix = randomBytes(3).toString('hex');
  const station = renamedFixtures(HOME_ASSISTANT, {
    'ws-0815': `ws-${suffix}`,
    'Garden weather station': `Garden station ${suffix}`,
    'garden/weather': `garden-${suffix}/weather`,
  });
  // The config is retained, as Home Assistant discovery is; the reading is not.
  await publishAll(broker, [station.deviceConfig, station.deviceState]);

  const before = await browser.newPage();
  await before.goto(broker.pageUrl({ topics: '#' }));
  await expectConnection(before, 'connected', { timeout: 20_000 });
  const seen = before.locator('[data-device-id]', { hasText: `Garden station ${suffix}` });
  await expect(seen).toHaveCount(1);
  const id = await seen.getAttribute('data-device-id');
  expect(id).not.toBeNull();
  await expectMetric(deviceCard(before, id ?? ''), 'temperature', 12.5);
  await before.close();
  // The recorder writes once a second: give it time to write the reading before the stop.
  await new Promise((resolve) => setTimeout(resolve, 1500));

  await broker.restartBroker();

  // A new screen in a new browser context: nothing in its IndexedDB, no session of its own.
  const context = await browser.newContext();
  try {
    const after = await context.newPage();
    await after.goto(broker.pageUrl({ topics: '#' }));
    await expectConnection(after, 'connected', { timeout: 20_000 });
    const card = deviceCard(after, id ?? '');
    await expect(card).toContainText(`Garden station ${suffix}`);
    // Never retained: only the server's memory of the house can show it.
    await expectMetric(card, 'temperature', 12.5);
  } finally {
    await context.close();
    // Leave no retained config behind for later tests.
    await broker.publish(station.deviceConfig.topic, '', { retain: true });
  }
});
