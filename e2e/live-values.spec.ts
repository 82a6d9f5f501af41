import {
  chart,
  chartLegendNames,
  chartPoints,
  deviceCard,
  expectConnection,
  expectMetric,
  expectUnit,
} from './dashboard.ts';
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
  await expectUnit(card, 'temperature', '°C');
  await expectUnit(card, 'co2', 'ppm');
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

test('the temperature and illuminance charts grow with each reading, naming the device', async ({
  page,
  broker,
}) => {
  const device = uniqueDeviceName('bedroom');
  await broker.publish(`house/${device}/temperature`, '20.5', { retain: true });
  await broker.publish(`house/${device}/brightness`, '10', { retain: true });

  await page.goto(broker.pageUrl());
  const card = deviceCard(page, device);
  await expectMetric(card, 'temperature', 20.5);
  await expectMetric(card, 'brightness', 10);

  // The seed's brightness is an illuminance: its chart is the illuminance chart.
  const charts = { temperature: chart(page, 'temperature'), brightness: chart(page, 'illuminance') };
  const drawn = { temperature: 0, brightness: 0 };
  for (const name of ['temperature', 'brightness'] as const) {
    await expect
      .poll(() => chartPoints(charts[name]), { message: `${name} chart points` })
      .toBeGreaterThan(0);
    await expect(charts[name].locator('svg path').first()).toBeAttached();
    await expect(chartLegendNames(charts[name]).filter({ hasText: device })).toHaveAttribute(
      'data-series-device',
      device,
    );
    drawn[name] = await chartPoints(charts[name]);
  }

  const readings = [
    { temperature: 21.5, brightness: 20 },
    { temperature: 22.5, brightness: 30 },
    { temperature: 23.5, brightness: 40 },
  ];
  // Each reading waits for the charts to redraw, so readings are far enough apart to be drawn
  // as points of their own rather than merged into one time bucket.
  for (const reading of readings) {
    await broker.publish(`house/${device}/temperature`, String(reading.temperature));
    await broker.publish(`house/${device}/brightness`, String(reading.brightness));
    await expectMetric(card, 'temperature', reading.temperature);
    await expectMetric(card, 'brightness', reading.brightness);
    for (const name of ['temperature', 'brightness'] as const) {
      const before = drawn[name];
      await expect
        .poll(() => chartPoints(charts[name]), { message: `${name} chart grows past ${before} points` })
        .toBeGreaterThan(before);
      drawn[name] = await chartPoints(charts[name]);
    }
  }
});

test('a card far from the window keeps its numbers current, and its sparkline and "last seen" catch up when it is scrolled to', async ({
  page,
  broker,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const device = uniqueDeviceName('far-hallway');
  // Enough other cards that this one can be far out of view.
  for (let i = 0; i < 40; i++)
    await broker.publish(`house/${uniqueDeviceName(`filler-${i}`)}/temperature`, '20', { retain: true });
  await broker.publish(`house/${device}/temperature`, '18.5', { retain: true });

  await page.goto(broker.pageUrl());
  await expectConnection(page, 'connected');
  const card = deviceCard(page, device);
  await expectMetric(card, 'temperature', 18.5);
  const sparkline = card.locator('svg.h-7 path');
  await expect(sparkline).toHaveCount(0); // one value draws no line yet

  // Scroll the card at least two windows away, whichever side of the page it is on.
  const start = await card.boundingBox();
  if (start === null) throw new Error('the card has no box');
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, start.y > 800 * 3 ? -100_000 : 100_000);
  await expect
    .poll(async () => {
      const box = await card.boundingBox();
      return box === null ? 0 : Math.max(box.y - 800, -(box.y + box.height));
    })
    .toBeGreaterThan(1600);

  // A sparkline is redrawn at most every two seconds: these readings come after the next slot.
  await page.waitForTimeout(2100);
  const sentAt = Date.now();
  await broker.publish(`house/${device}/temperature`, '19.5');
  await expectMetric(card, 'temperature', 19.5);
  // History keeps one sample per quarter second: the next reading is a point of its own.
  await page.waitForTimeout(400);
  await broker.publish(`house/${device}/temperature`, '20.5');
  // The number is kept current off screen too (scripts and tests read it there).
  await expectMetric(card, 'temperature', 20.5);

  await card.scrollIntoViewIfNeeded();
  await expect(sparkline).toHaveCount(1);
  await expect
    .poll(async () => Number(await card.locator('[data-last-seen]').getAttribute('data-last-seen')))
    .toBeGreaterThanOrEqual(Math.floor(sentAt / 1000) * 1000 - 1000);
});

test('the last of two quick readings joins the sparkline within seconds, without waiting for another reading', async ({
  page,
  broker,
}) => {
  const device = uniqueDeviceName('burst-porch');
  await page.goto(broker.pageUrl());
  await expectConnection(page, 'connected');
  await broker.publish(`house/${device}/temperature`, '20');
  const card = deviceCard(page, device);
  await expectMetric(card, 'temperature', 20);
  // History keeps one sample per quarter second: the next reading is a point of its own.
  await page.waitForTimeout(400);
  await broker.publish(`house/${device}/temperature`, '21');
  await expectMetric(card, 'temperature', 21);
  // One value draws no line; the second, sent within the sparkline's two seconds, must show.
  await expect(card.locator('svg.h-7 path')).toHaveCount(1, { timeout: 5000 });
});
