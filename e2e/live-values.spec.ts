import { chart, chartPoints, deviceCard, expectConnection, expectMetric } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';

test('a device appears with the numbers it publishes, and they update live', async ({ page, broker }) => {
  const device = uniqueDeviceName('living-room');
  await broker.publish(`house/${device}/temperature`, '21.5', { retain: true });
  await broker.publish(`house/${device}/brightness`, '63', { retain: true });

  await page.goto(broker.pageUrl());
  await expectConnection(page, 'connected');
  const card = deviceCard(page, device);
  await expect(card).toBeVisible();
  await expectMetric(card, 'temperature', 21.5);
  await expectMetric(card, 'brightness', 63);

  await broker.publish(`house/${device}/temperature`, '22.5');
  await broker.publish(`house/${device}/brightness`, '-0.5');
  await expectMetric(card, 'temperature', 22.5);
  await expectMetric(card, 'brightness', -0.5);
});

test('a reading sent with its unit shows the number and the unit', async ({ page, broker }) => {
  const device = uniqueDeviceName('office');
  await broker.publish(`house/${device}/temperature`, '{"value":21.5,"unit":"°C"}', { retain: true });
  await broker.publish(`house/${device}/co2`, '{"value":412,"unit":"ppm"}', { retain: true });

  await page.goto(broker.pageUrl());
  const card = deviceCard(page, device);
  await expectMetric(card, 'temperature', 21.5);
  await expectMetric(card, 'co2', 412);
  await expect(card).toContainText('°C');
  await expect(card).toContainText('ppm');
});

test('a JSON object on the device topic sets every metric it names', async ({ page, broker }) => {
  const device = uniqueDeviceName('kitchen');
  await broker.publish(`house/${device}`, '{"temperature":19.5,"brightness":40}', { retain: true });

  await page.goto(broker.pageUrl());
  const card = deviceCard(page, device);
  await expectMetric(card, 'temperature', 19.5);
  await expectMetric(card, 'brightness', 40);

  await broker.publish(`house/${device}`, '{"temperature":20.5}');
  await expectMetric(card, 'temperature', 20.5);
  await expectMetric(card, 'brightness', 40);
});

test('the temperature and brightness charts grow with each reading', async ({ page, broker }) => {
  const device = uniqueDeviceName('bedroom');
  await broker.publish(`house/${device}/temperature`, '20.5', { retain: true });
  await broker.publish(`house/${device}/brightness`, '10', { retain: true });

  await page.goto(broker.pageUrl());
  const card = deviceCard(page, device);
  await expectMetric(card, 'temperature', 20.5);
  await expectMetric(card, 'brightness', 10);

  for (const name of ['temperature', 'brightness'] as const) {
    await expect(chart(card, name).locator('svg')).toBeVisible();
    await expect.poll(() => chartPoints(chart(card, name)), { message: `${name} chart points` }).toBe(1);
  }

  const readings = [
    { temperature: 21.5, brightness: 20 },
    { temperature: 22.5, brightness: 30 },
    { temperature: 23.5, brightness: 40 },
  ];
  for (const [index, reading] of readings.entries()) {
    await broker.publish(`house/${device}/temperature`, String(reading.temperature));
    await broker.publish(`house/${device}/brightness`, String(reading.brightness));
    await expectMetric(card, 'temperature', reading.temperature);
    await expectMetric(card, 'brightness', reading.brightness);
    for (const name of ['temperature', 'brightness'] as const) {
      await expect
        .poll(() => chartPoints(chart(card, name)), { message: `${name} chart points` })
        .toBe(index + 2);
    }
  }
  for (const name of ['temperature', 'brightness'] as const) {
    await expect(chart(card, name).locator('svg path').first()).toBeAttached();
  }
});
