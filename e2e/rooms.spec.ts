import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { deviceCard, expectMetric } from './dashboard.ts';
import { type Broker, expect, test, uniqueDeviceName } from './fixtures.ts';
import { nodeTopics, sensorIn } from './support/roomSensor.ts';

// A house arranged by room: cards put in rooms from their menu, rooms reordered, cards dragged
// by mouse and moved by keyboard. The layout lives on the worker's Hearth server, shared by its
// tests: every room and device here is the test's own.

/** A sensor on a four-level topic (no room suggested), with its temperature. */
async function plainSensor(broker: Broker, prefix: string, celsius: number): Promise<string> {
  const id = uniqueDeviceName('sensor');
  await broker.publish(`${prefix}/site/${id}/temperature`, String(celsius), { retain: true });
  return id;
}

/** A room's section of the grid, by the name it is headed with. */
function room(page: Page, name: string): Locator {
  return page
    .locator('section[data-room-id]')
    .filter({ has: page.getByRole('heading', { name, exact: true, level: 3 }) });
}

/** The room names in the order the grid shows them. */
async function roomOrder(page: Page): Promise<string[]> {
  return page.locator('section[data-room-id] > div > h3').allTextContents();
}

/** A card's menu → Move to room → New room… of this name. */
async function moveToNewRoom(page: Page, card: Locator, roomName: string) {
  await card.getByRole('button', { name: /^Actions for / }).click();
  const menu = page.getByRole('menu');
  await menu.getByRole('menuitem', { name: 'Move to room' }).click();
  await menu.getByRole('menuitem', { name: 'New room…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Room name').fill(roomName);
  await dialog.getByRole('button', { name: 'Save' }).click();
}

test('rooms made from the card menu show as sections in the order the house is arranged, after a reload too', async ({
  page,
  broker,
}) => {
  const prefix = `rooms-${randomBytes(3).toString('hex')}`;
  const [kitchen, hall] = [`Kitchen ${prefix}`, `Hall ${prefix}`];
  const toaster = await plainSensor(broker, prefix, 24);
  const door = await plainSensor(broker, prefix, 17);
  await page.goto(broker.pageUrl({ topics: `${prefix}/#` }));
  await expectMetric(deviceCard(page, door), 'temperature', 17);

  await moveToNewRoom(page, deviceCard(page, toaster), kitchen);
  await moveToNewRoom(page, deviceCard(page, door), hall);
  await expect(room(page, kitchen).locator(deviceCard(page, toaster))).toBeVisible();
  await expect(room(page, hall).locator(deviceCard(page, door))).toBeVisible();
  await expect(room(page, hall).locator('[data-room-summary]')).toHaveText('17.0 °C');
  const before = await roomOrder(page);
  expect(before.indexOf(kitchen)).toBeLessThan(before.indexOf(hall));

  await page.getByRole('button', { name: 'Arrange' }).click();
  await page.getByRole('button', { name: `Move ${hall} up` }).click();
  await expect(page.getByRole('button', { name: 'Undo move of Hall' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect
    .poll(async () => (await roomOrder(page)).filter((name) => name.endsWith(prefix)))
    .toEqual([hall, kitchen]);

  await page.reload();
  await expect(room(page, hall).locator(deviceCard(page, door))).toBeVisible();
  expect((await roomOrder(page)).filter((name) => name.endsWith(prefix))).toEqual([hall, kitchen]);
});

test('a card moves to another room by keyboard and by mouse drag, and stays there after a reload', async ({
  page,
  broker,
}) => {
  const suffix = randomBytes(3).toString('hex');
  const [hall, kitchen] = [`Hall ${suffix}`, `Kitchen ${suffix}`];
  const coat = await sensorIn(broker, hall, 18);
  const mirror = await sensorIn(broker, hall, 19);
  const fridge = await sensorIn(broker, kitchen, 4);
  await page.goto(broker.pageUrl({ topics: nodeTopics([coat, mirror, fridge]) }));
  await expectMetric(deviceCard(page, fridge), 'temperature', 4);
  await expect(room(page, hall).locator(deviceCard(page, mirror))).toBeVisible();
  await page.getByRole('button', { name: 'Arrange' }).click();

  // Keyboard: grab, step down into the kitchen, drop; each step is announced.
  const handle = deviceCard(page, mirror).locator('[data-drag-handle]');
  await handle.focus();
  await page.keyboard.press('Space');
  await expect(handle).toHaveAttribute('aria-pressed', 'true');
  const announced = page.locator('[aria-live="assertive"]');
  await expect(announced).toContainText(`in ${hall}`);
  for (let step = 0; step < 4 && !((await announced.textContent()) ?? '').includes(kitchen); step++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(announced).toContainText(`in ${kitchen}`);
  await page.keyboard.press('Space');
  await expect(room(page, kitchen).locator(deviceCard(page, mirror))).toBeVisible();
  await expect(page.getByRole('button', { name: `Undo move of ${mirror}` })).toBeVisible();

  // Mouse: press the handle, drag past the threshold in steps onto the kitchen, let go.
  const grip = await deviceCard(page, coat).locator('[data-drag-handle]').boundingBox();
  const onto = await deviceCard(page, fridge).boundingBox();
  if (grip === null || onto === null) throw new Error('the handle and the target card are on screen');
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(onto.x + onto.width * 0.75, onto.y + onto.height / 2, { steps: 12 });
  await expect(page.locator('[data-drop-indicator]')).toBeVisible();
  await page.mouse.up();
  await expect(room(page, kitchen).locator(deviceCard(page, coat))).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();

  await page.reload();
  await expect(room(page, kitchen).locator(deviceCard(page, coat))).toBeVisible();
  await expect(room(page, kitchen).locator(deviceCard(page, mirror))).toBeVisible();
  // The hall has no card left: out of the grid until it has one again.
  await expect(room(page, hall)).toHaveCount(0);
});
