import type { Page } from '@playwright/test';
import {
  deviceCard,
  expectConnection,
  expectMetric,
  expectUnreadableCount,
  metric,
  numberPattern,
  readUnreadableCount,
  unreadableCount,
  unreadableText,
} from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';

const MARKUP_NAME = '<img src=x onerror=alert(1)>';
const KIB = 1024;

test('a device named with markup is shown as that text, not run as markup', async ({
  page,
  broker,
  pageProblems,
}) => {
  await broker.publish(`house/${MARKUP_NAME}/temperature`, '21.5', { retain: true });

  await page.goto(broker.pageUrl());
  const card = deviceCard(page, MARKUP_NAME);
  await expectMetric(card, 'temperature', 21.5);
  await expect(card.getByText(MARKUP_NAME, { exact: true })).toBeVisible();
  await expectNoInjectedImage(page);

  // A second reading re-renders the card; the markup must stay text then as well.
  await broker.publish(`house/${MARKUP_NAME}/temperature`, '22.5');
  await expectMetric(card, 'temperature', 22.5);
  await expectNoInjectedImage(page);
  expect(pageProblems.dialogs).toEqual([]);
});

/** The dashboard's own logo is an img; one made from a device name would have src="x" or an onerror. */
async function expectNoInjectedImage(page: Page) {
  await expect(deviceCard(page, MARKUP_NAME).locator('img')).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('[onerror]')).toHaveCount(0);
}

test('unreadable payloads are counted while the last good value stays', async ({ page, broker }) => {
  const device = uniqueDeviceName('cellar');
  const metricTopic = `house/${device}/temperature`;
  await broker.publish(metricTopic, '21.5', { retain: true });

  await page.goto(broker.pageUrl());
  const card = deviceCard(page, device);
  await expectMetric(card, 'temperature', 21.5);

  const garbage: { what: string; topic: string; payload: string | Buffer }[] = [
    { what: 'letters', topic: metricTopic, payload: 'abc' },
    { what: 'an empty payload', topic: metricTopic, payload: '' },
    { what: 'NaN', topic: metricTopic, payload: 'NaN' },
    { what: 'Infinity', topic: metricTopic, payload: 'Infinity' },
    { what: 'truncated JSON', topic: `house/${device}`, payload: '{"temperature": 2' },
    {
      what: 'binary bytes',
      topic: metricTopic,
      payload: Buffer.from([0x00, 0xff, 0xfe, 0x80, 0xc3, 0x28, 0x01]),
    },
    {
      what: 'a 70 KiB payload',
      topic: metricTopic,
      payload: `{"value":99,"unit":"°C","padding":"${'x'.repeat(70 * KIB)}"}`,
    },
  ];
  // Soft checks, so one payload the dashboard gets wrong does not hide how it handles the rest.
  let shown = 0;
  for (const { what, topic, payload } of garbage) {
    await test.step(what, async () => {
      await broker.publish(topic, payload);
      await expect
        .soft(unreadableCount(card), `${what} is counted as unreadable`)
        .toHaveText(unreadableText(shown + 1));
      await expect
        .soft(metric(card, 'temperature'), `temperature after ${what}`)
        .toHaveText(numberPattern(21.5));
      shown = await readUnreadableCount(card);
    });
  }

  await test.step('a good reading after all that', async () => {
    await broker.publish(metricTopic, '23.5');
    await expectMetric(card, 'temperature', 23.5);
    await expectConnection(page, 'connected');
    await expectUnreadableCount(card, garbage.length);
    await expect(deviceCard(page, 'house'), 'no device named after the topic prefix').toHaveCount(0);
  });
});
