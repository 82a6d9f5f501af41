import { activeAlerts, deviceCard, expectMetric } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';

test('a device that drops off the network shows offline with an alert, which clears when it returns', async ({
  page,
  broker,
}) => {
  const name = uniqueDeviceName('hall-sensor');
  const device = await broker.connectDevice(name);
  await device.announce('online');
  await device.publish('temperature', '20.5', { retain: true });

  await page.goto(broker.pageUrl());
  const card = deviceCard(page, name);
  await expect(card).toHaveAttribute('data-status', 'online');
  await expectMetric(card, 'temperature', 20.5);
  await expect(activeAlerts(page, { device: name })).toHaveCount(0);

  await test.step('the device loses power: the broker publishes its Last Will', async () => {
    await device.drop();
    await expect(card).toHaveAttribute('data-status', 'offline');
    const alert = activeAlerts(page, { kind: 'offline', device: name });
    await expect(alert).toHaveCount(1);
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(name);
    await expectMetric(card, 'temperature', 20.5);
  });

  await test.step('the device comes back online: the alert is resolved', async () => {
    const returned = await broker.connectDevice(name);
    await returned.announce('online');
    await expect(card).toHaveAttribute('data-status', 'online');
    await expect(activeAlerts(page, { device: name })).toHaveCount(0);
    await page.getByRole('button', { name: /^Log\b/ }).click();
    await expect(page.getByRole('list', { name: 'Resolved alerts' })).toContainText(name);
  });
});

test('the first alert takes the place of "all devices are reporting": the cards below it do not move', async ({
  page,
  broker,
}) => {
  const name = uniqueDeviceName('porch-sensor');
  const device = await broker.connectDevice(name);
  await device.announce('online');
  await device.publish('temperature', '18.5', { retain: true });

  await page.setViewportSize({ width: 1280, height: 800 });
  // Only this device: another test's alert would change the panel meanwhile.
  await page.goto(broker.pageUrl({ topics: `house/${name}/#` }));
  const card = deviceCard(page, name);
  await expect(card).toHaveAttribute('data-status', 'online');
  await expect(page.getByText('All devices are reporting.')).toBeVisible();
  const before = await card.boundingBox();

  await device.drop();
  await expect(activeAlerts(page, { kind: 'offline', device: name })).toBeVisible();
  const after = await card.boundingBox();
  expect(before).not.toBeNull();
  expect(after?.y, 'the card stays where it was when the alert appears').toBeCloseTo(
    before?.y ?? Number.NaN,
    0,
  );
});

test('a device that goes quiet is marked stale with an alert, and recovers when it speaks', async ({
  page,
  broker,
}) => {
  const name = uniqueDeviceName('garage-sensor');
  await broker.publish(`house/${name}/temperature`, '12.5', { retain: true });

  await page.goto(broker.pageUrl({ staleAfter: 3 }));
  const card = deviceCard(page, name);
  await expectMetric(card, 'temperature', 12.5);
  await expect(card).not.toHaveAttribute('data-status', 'stale');
  await expect(activeAlerts(page, { device: name })).toHaveCount(0);

  await test.step('three seconds of silence', async () => {
    await expect(card).toHaveAttribute('data-status', 'stale', { timeout: 10_000 });
    const alert = activeAlerts(page, { kind: 'stale', device: name });
    await expect(alert).toHaveCount(1);
    await expect(alert).toContainText(name);
    await expectMetric(card, 'temperature', 12.5);
  });

  await test.step('a new reading', async () => {
    await broker.publish(`house/${name}/temperature`, '13.5');
    await expectMetric(card, 'temperature', 13.5);
    await expect(card).not.toHaveAttribute('data-status', 'stale');
    await expect(activeAlerts(page, { kind: 'stale', device: name })).toHaveCount(0);
  });
});
