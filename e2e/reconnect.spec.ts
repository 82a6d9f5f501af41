import { deviceCard, expectConnection, expectMetric, expectUnreadableCount } from './dashboard.ts';
import { test, uniqueDeviceName } from './fixtures.ts';

test('after the broker restarts the dashboard reconnects, resubscribes, and takes each message once', async ({
  page,
  broker,
}) => {
  const device = uniqueDeviceName('porch');
  const topic = `house/${device}/temperature`;
  await broker.publish(topic, '15.5', { retain: true });

  await page.goto(broker.pageUrl());
  await expectConnection(page, 'connected');
  const card = deviceCard(page, device);
  await expectMetric(card, 'temperature', 15.5);
  // An unreadable message is counted, not drawn over, so the count shows whether a message
  // was taken once or twice.
  await broker.publish(topic, 'not a number');
  await expectUnreadableCount(card, 1);

  await broker.restartBroker({
    whileDown: async () => {
      await expectConnection(page, 'reconnecting');
    },
  });
  await expectConnection(page, 'connected', { timeout: 15_000 });

  // The restarted broker remembers no subscriptions and no retained messages, so this value
  // reaches the page only if it subscribed again. Retained, so it arrives even if the page
  // subscribes a moment after it was published.
  await broker.publish(topic, '16.5', { retain: true });
  await expectMetric(card, 'temperature', 16.5);

  await broker.publish(topic, 'still not a number');
  await broker.publish(topic, '17.5');
  await expectMetric(card, 'temperature', 17.5);
  await expectUnreadableCount(card, 2);
});
