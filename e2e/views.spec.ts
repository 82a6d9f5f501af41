import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { HOMIE_THERMOSTAT } from '../src/core/conventions/fixtures/homie.ts';
import { deviceCard, expectMetric, numberControl, publishForm } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';
import { publishAll, renamed } from './support/renamedFixtures.ts';
import { nodeTopics, sensorIn } from './support/roomSensor.ts';

// A view is what one screen shows (a hall tablet's, a garage screen's), made in settings and
// opened anywhere with ?view=<name>. The layout lives on the Hearth server, shared by the
// worker's tests: every name here is the test's own, and each page hears only its own devices.

/** Settings → Views → a new view by this name, left open to edit. */
async function createView(page: Page, name: string) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('tab', { name: 'Views' }).click();
  await dialog.getByLabel('New view').fill(name);
  await dialog.getByRole('button', { name: 'Create view' }).click();
  const view = dialog
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: `Copy view ${name}` }) });
  await expect(view).toBeVisible();
  return view;
}

test('a view of one room shows only that room’s devices, on any screen, and the header switches back to everything', async ({
  page,
  broker,
  browser,
}) => {
  const suffix = randomBytes(3).toString('hex');
  const [kitchen, hall] = [`Kitchen ${suffix}`, `Hall ${suffix}`];
  const kitchenSensor = await sensorIn(broker, kitchen, 21.5, `${kitchen} sensor`);
  const hallSensor = await sensorIn(broker, hall, 18, `${hall} sensor`);
  const topics = { topics: nodeTopics([kitchenSensor, hallSensor]) };
  await page.goto(broker.pageUrl(topics));
  await expectMetric(deviceCard(page, hallSensor), 'temperature', 18);

  const name = `Kitchen tablet ${suffix}`;
  const view = await createView(page, name);
  await view.getByRole('checkbox', { name: 'All rooms' }).uncheck();
  await view.getByRole('checkbox', { name: hall, exact: true }).uncheck();
  await expect(view.getByRole('checkbox', { name: kitchen, exact: true })).toBeChecked();

  // A fresh browser, as a tablet whose storage was cleared: the view comes from the server.
  const tablet = await (await browser.newContext()).newPage();
  await tablet.goto(broker.pageUrl({ ...topics, view: name }));
  await expectMetric(deviceCard(tablet, kitchenSensor), 'temperature', 21.5);
  await expect(deviceCard(tablet, hallSensor)).toHaveCount(0);

  const picker = tablet.getByRole('combobox', { name: 'View' });
  await expect(picker.locator('option:checked')).toHaveText(name);
  await picker.selectOption({ label: 'Everything' });
  await expectMetric(deviceCard(tablet, hallSensor), 'temperature', 18);
  expect(new URL(tablet.url()).searchParams.get('view')).toBeNull();
  await tablet.context().close();
});

test('a read-only view shows no controls, no publishing and no Arrange', async ({ page, broker }) => {
  const thermostat = uniqueDeviceName('thermostat');
  await publishAll(
    broker,
    HOMIE_THERMOSTAT.map((message) => renamed(message, { 'thermostat-1': thermostat })),
  );
  const topics = { topics: `homie/${thermostat}/#` };
  await page.goto(broker.pageUrl(topics));
  const card = deviceCard(page, thermostat);
  await expect(numberControl(card, 'heater/setpoint')).toBeVisible();

  const name = `Hall screen ${randomBytes(3).toString('hex')}`;
  const view = await createView(page, name);
  await view.getByRole('checkbox', { name: /^Read-only/ }).check();
  await expect(view.getByRole('button', { name: `${name}: close` })).toContainText('read-only');

  await page.goto(broker.pageUrl({ ...topics, view: name }));
  await expectMetric(card, 'heater/setpoint', 20.5);
  await expect(page.locator('[data-control]')).toHaveCount(0);
  await expect(publishForm(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Arrange' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Actions for/ })).toHaveCount(0);
});

test('an unknown view says which views exist and shows everything', async ({ page, broker }) => {
  const sensor = await sensorIn(broker, `Porch ${randomBytes(3).toString('hex')}`, 9.5);
  const missing = `Nowhere ${randomBytes(3).toString('hex')}`;
  await page.goto(broker.pageUrl({ topics: nodeTopics([sensor]), view: missing }));
  await expectMetric(deviceCard(page, sensor), 'temperature', 9.5);
  await expect(page.getByRole('alert').filter({ hasText: `No view called "${missing}"` })).toBeVisible();
});
