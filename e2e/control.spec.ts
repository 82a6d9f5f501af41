import type { Page } from '@playwright/test';
import { HOMIE_THERMOSTAT } from '../src/core/conventions/fixtures/homie.ts';
import { TASMOTA } from '../src/core/conventions/fixtures/tasmota.ts';
import {
  deviceCard,
  deviceName,
  expectMetric,
  expectSwitchState,
  metric,
  notices,
  numberControl,
  publishForm,
  switchControl,
} from './dashboard.ts';
import { type Broker, expect, test as hearthTest, uniqueDeviceName } from './fixtures.ts';
import { type BrokerListener, listenOnBroker } from './support/brokerListener.ts';
import { publishAll, renamed, renamedFixtures } from './support/renamedFixtures.ts';

const EVERYTHING = { topics: '#' };

/** Hearth's test fixtures, plus a listener of the test's own on the broker, as a device would be. */
const test = hearthTest.extend<{ listen: (filter: string) => Promise<BrokerListener> }>({
  listen: async ({ broker: _, hearth, mosquitto }, use) => {
    const listeners: BrokerListener[] = [];
    await use(async (filter) => {
      const listener = await listenOnBroker((mosquitto ?? hearth).tcpUrl, filter);
      listeners.push(listener);
      return listener;
    });
    await Promise.all(listeners.map((listener) => listener.close()));
  },
});

/** What a listener heard, as "topic payload" lines. */
function heardLines(listener: BrokerListener): string[] {
  return listener.heard.map((message) => `${message.topic} ${message.payload}`);
}

/** A Tasmota plug that is online with its relay off, and a card showing it. */
async function openWithPlug(page: Page, broker: Broker) {
  const topic = uniqueDeviceName('kitchen_plug');
  const plug = renamedFixtures(TASMOTA, { kitchen_plug: topic });
  await publishAll(broker, [plug.lwtOnline]);
  await page.goto(broker.pageUrl(EVERYTHING));
  const card = deviceCard(page, topic);
  await expect(card).toHaveAttribute('data-status', 'online');
  // The plug's periodic STATE says its relay is off; its name comes with its STATUS.
  await publishAll(broker, [plug.status, plug.state]);
  await expect(deviceName(card)).toHaveText('Kitchen plug');
  return { topic, card, relay: switchControl(card, 'POWER') };
}

test('switching a Tasmota relay sends cmnd/<device>/POWER and shows the state the plug echoes', async ({
  page,
  broker,
  listen,
}) => {
  const { topic, card, relay } = await openWithPlug(page, broker);
  const commands = await listen(`cmnd/${topic}/#`);
  await expectSwitchState(relay, 'off');
  await expect(relay).toHaveAttribute('aria-checked', 'false');
  // The relay shows once, as the switch, with the state the plug reports in words.
  const reported = metric(card, 'switch');
  await expect(reported).toHaveCount(1);
  await expect(reported).toHaveText('Off');

  await relay.click();
  await expect
    .poll(() => heardLines(commands), { message: 'commands sent' })
    .toEqual([`cmnd/${topic}/POWER ON`]);
  // Until the plug answers, the switch shows what was asked for, as pending.
  await expectSwitchState(relay, 'pending');
  await expect(relay).toHaveAttribute('aria-checked', 'true');
  await broker.publish(`stat/${topic}/POWER`, 'ON');
  await expectSwitchState(relay, 'on');
  await expect(relay).toHaveAttribute('aria-checked', 'true');
  await expect(reported).toHaveText('On');

  await relay.click();
  await expect
    .poll(() => heardLines(commands), { message: 'commands sent' })
    .toEqual([`cmnd/${topic}/POWER ON`, `cmnd/${topic}/POWER OFF`]);
  await expectSwitchState(relay, 'pending');
  await broker.publish(`stat/${topic}/POWER`, 'OFF');
  await expectSwitchState(relay, 'off');
  await expect(relay).toHaveAttribute('aria-checked', 'false');
  await expect(notices(page)).toHaveCount(0);
});

test('a relay whose plug never confirms goes back to what the plug reports, with a notice saying so', async ({
  page,
  broker,
  listen,
}) => {
  const { topic, relay } = await openWithPlug(page, broker);
  const commands = await listen(`cmnd/${topic}/#`);
  await expectSwitchState(relay, 'off');

  await relay.click();
  await expect
    .poll(() => heardLines(commands), { message: 'commands sent' })
    .toEqual([`cmnd/${topic}/POWER ON`]);
  await expectSwitchState(relay, 'pending');

  // No echo: after a few seconds the switch shows the plug's own state again, and says why.
  await expectSwitchState(relay, 'off', { timeout: 7_000 });
  await expect(relay).toHaveAttribute('aria-checked', 'false');
  const notice = notices(page).filter({ hasText: 'Kitchen plug' });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(/did not confirm Power → on within \d+ s; it still reports off/);
});

test('setting a Homie thermostat set point sends it to the property /set topic and shows the echoed value', async ({
  page,
  broker,
  listen,
}) => {
  const id = uniqueDeviceName('thermostat');
  await publishAll(
    broker,
    HOMIE_THERMOSTAT.map((message) => renamed(message, { 'thermostat-1': id })),
  );
  const commands = await listen(`homie/${id}/+/+/set`);
  await page.goto(broker.pageUrl(EVERYTHING));
  const card = deviceCard(page, id);
  await expectMetric(card, 'heater/setpoint', 20.5);

  const setPoint = numberControl(card, 'heater/setpoint');
  await setPoint.fill('21.5');
  await setPoint.press('Enter');
  await expect
    .poll(() => heardLines(commands), { message: 'commands sent' })
    .toEqual([`homie/${id}/heater/setpoint/set 21.5`]);
  await expect(setPoint).toHaveAttribute('data-control-state', 'pending');

  // A Homie device confirms by publishing the property's new value, retained.
  await broker.publish(`homie/${id}/heater/setpoint`, '21.5', { retain: true });
  await expectMetric(card, 'heater/setpoint', 21.5);
  await expect(setPoint).toHaveAttribute('data-control-state', 'idle');
});

test('a read-only dashboard shows the relay state, but no switch, set point or publish form', async ({
  page,
  broker,
}) => {
  const topic = uniqueDeviceName('kitchen_plug');
  const plug = renamedFixtures(TASMOTA, { kitchen_plug: topic });
  const thermostat = uniqueDeviceName('thermostat');
  await publishAll(broker, [
    plug.lwtOnline,
    ...HOMIE_THERMOSTAT.map((message) => renamed(message, { 'thermostat-1': thermostat })),
  ]);

  await page.goto(broker.pageUrl({ ...EVERYTHING, readonly: 1 }));
  const plugCard = deviceCard(page, topic);
  await expect(plugCard).toHaveAttribute('data-status', 'online');
  await publishAll(broker, [plug.state]);
  // The relay's state is on the card, in words, so a switch would be too, were the dashboard not
  // read-only.
  await expect(metric(plugCard, 'switch')).toHaveText('Off');
  const thermostatCard = deviceCard(page, thermostat);
  await expectMetric(thermostatCard, 'heater/setpoint', 20.5);

  await expect(page.getByRole('switch')).toHaveCount(0);
  await expect(page.locator('[data-control]')).toHaveCount(0);
  await expect(publishForm(page)).toHaveCount(0);
  await expect(page.getByText('Publish a message')).toHaveCount(0);
});

test('the publish panel refuses a topic with a wildcard, saying why, and sends a valid message', async ({
  page,
  broker,
  listen,
}) => {
  const device = uniqueDeviceName('porch-lamp');
  const lamp = await listen(`house/${device}/#`);
  await page.goto(broker.pageUrl(EVERYTHING));
  await page.getByText('Publish a message').click();
  const form = publishForm(page);
  const topic = form.getByRole('textbox', { name: 'Topic' });
  const payload = form.getByRole('textbox', { name: 'Payload' });
  const send = form.getByRole('button', { name: 'Publish' });

  for (const wildcard of [`house/${device}/+/set`, `house/${device}/#`]) {
    await topic.fill(wildcard);
    await expect(form, `refusal of ${wildcard}`).toContainText(
      'wildcards (+ and #) are only for subscribing, not for publishing',
    );
    await expect(topic).toHaveAttribute('aria-invalid', 'true');
    await expect(send).toBeDisabled();
  }

  await topic.fill(`house/${device}/set`);
  await expect(topic).toHaveAttribute('aria-invalid', 'false');
  await expect(form).not.toContainText('wildcards');
  await payload.fill('{"state":"ON"}');
  await form.getByRole('combobox', { name: 'QoS' }).selectOption('1');
  await send.click();
  await expect(form.getByRole('status')).toHaveText(`Sent to house/${device}/set.`);
  await expect
    .poll(() => heardLines(lamp), { message: 'messages heard' })
    .toEqual([`house/${device}/set {"state":"ON"}`]);
  expect(lamp.heard[0]?.qos, 'QoS of the message heard').toBe(1);
});
