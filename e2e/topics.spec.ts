import { deviceCard, expectMetric, metric } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';

test('subscribing to house/+/temperature shows temperatures and nothing else', async ({ page, broker }) => {
  const device = uniqueDeviceName('study');
  await broker.publish(`house/${device}/temperature`, '21.5', { retain: true });
  await broker.publish(`house/${device}/brightness`, '63', { retain: true });

  await page.goto(broker.pageUrl({ topics: 'house/+/temperature' }));
  const card = deviceCard(page, device);
  await expectMetric(card, 'temperature', 21.5);

  // The broker delivers in order: once the later temperature shows, the brightness before it
  // would have arrived too, had the dashboard subscribed to it.
  await broker.publish(`house/${device}/brightness`, '64');
  await broker.publish(`house/${device}/temperature`, '22.5');
  await expectMetric(card, 'temperature', 22.5);
  await expect(metric(card, 'brightness')).toHaveCount(0);
});

test('several comma-separated filters show the devices each one matches', async ({ page, broker }) => {
  const upstairs = uniqueDeviceName('upstairs');
  const downstairs = uniqueDeviceName('downstairs');
  const attic = uniqueDeviceName('attic');
  for (const device of [upstairs, downstairs, attic]) {
    await broker.publish(`house/${device}/temperature`, '18.5', { retain: true });
  }

  await page.goto(broker.pageUrl({ topics: `house/${upstairs}/#,house/${downstairs}/#` }));
  await expectMetric(deviceCard(page, upstairs), 'temperature', 18.5);
  await expectMetric(deviceCard(page, downstairs), 'temperature', 18.5);

  await broker.publish(`house/${attic}/temperature`, '19.5');
  await broker.publish(`house/${downstairs}/temperature`, '19.5');
  await expectMetric(deviceCard(page, downstairs), 'temperature', 19.5);
  await expect(deviceCard(page, attic)).toHaveCount(0);
});
