import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { HOMIE_THERMOSTAT } from '../src/core/conventions/fixtures/homie.ts';
import { TASMOTA } from '../src/core/conventions/fixtures/tasmota.ts';
import { ZIGBEE2MQTT } from '../src/core/conventions/fixtures/zigbee2mqtt.ts';
import { splitDeviceKey } from '../src/core/device.ts';
import type { ThresholdRule } from '../src/core/thresholds.ts';
import { SIMULATED_CONVENTIONS } from '../src/server/conventionSpeakers/speakersFor.ts';
import { activeAlerts, deviceCard, expectConnection, expectMetric, expectUnit, metric } from './dashboard.ts';
import { expect, test as hearthTest, uniqueDeviceName } from './fixtures.ts';
import { publishAll, renamed, renamedFixtures } from './support/renamedFixtures.ts';
import { type HousePart, type SimulatedHouse, startSimulatedHouse } from './support/simulatedHouse.ts';

// One house, one language (issue 8): whatever convention sends a reading, it is named, converted
// and charted alike, and a device is its convention plus its native id.

/** Hearth's test fixtures, plus the gateway simulator run against the test's broker. */
const test = hearthTest.extend<{ simulate: (parts: readonly HousePart[]) => Promise<SimulatedHouse> }>({
  simulate: async ({ broker, hearth, mosquitto }, use) => {
    const houses: SimulatedHouse[] = [];
    await use(async (parts) => {
      const house = await startSimulatedHouse((mosquitto ?? hearth).tcpUrl, parts, (topic) =>
        broker.publish(topic, '', { retain: true }),
      );
      houses.push(house);
      return house;
    });
    await Promise.all(houses.map((house) => house.stop()));
  },
});

/** A device's card: its native id, as its convention names it, and its convention. */
function conventionCard(page: Page, nativeId: string, convention: string): Locator {
  return deviceCard(page, nativeId).and(page.locator(`[data-convention="${convention}"]`));
}

/** The chart of one quantity, for every device whatever its convention. */
function quantityChart(page: Page, quantity: string): Locator {
  return page.locator(`[data-chart="${quantity}"]`);
}

/**
 * Opens the dashboard and waits for it to be connected: on a busy machine the first connection
 * (a worker script, then the WebSocket) can take longer than one expectation waits.
 */
async function openDashboard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expectConnection(page, 'connected', { timeout: 20_000 });
}

/** A reading shown with one fixed decimal, as a temperature is: "21.4", never "21" or "21.40". */
const ONE_DECIMAL = /^\s*[-\u2212]?\d+\.\d\s*$/;

test('the seven-convention house shows one Temperature chart naming a room of every convention', async ({
  page,
  broker,
  simulate,
}) => {
  // Seven simulators and their devices: more to start, deliver and draw than most tests.
  test.slow();
  // One simulator per convention, each room named after its convention, so that the legend
  // shows which convention each name came from.
  const suffix = randomBytes(3).toString('hex');
  const house = await simulate(
    SIMULATED_CONVENTIONS.map((convention) => ({
      conventions: [convention],
      rooms: [`${convention}-${suffix}`],
    })),
  );
  await openDashboard(page, broker.pageUrl({ topics: '#' }));

  const rooms = house.gateways.flatMap((gateway) =>
    gateway.deviceKeys.map(splitDeviceKey).filter(({ nativeId }) => nativeId.includes(suffix)),
  );
  expect(rooms.map((room) => room.convention)).toEqual([...SIMULATED_CONVENTIONS]);
  for (const { convention, nativeId } of rooms) {
    const temperature = metric(conventionCard(page, nativeId, convention), 'temperature');
    await expect(temperature, `temperature of the ${convention} room`).toHaveText(ONE_DECIMAL);
  }

  await expect(quantityChart(page, 'temperature')).toHaveCount(1);
  // No convention's temperature got a chart of its own (`DS18B20.Temperature`, `temperature:0`…).
  await expect(page.locator('[data-chart*="temperature" i]')).toHaveCount(1);
  const chart = quantityChart(page, 'temperature');
  for (const convention of SIMULATED_CONVENTIONS) {
    // The room's name as its convention shows it: `homie-…`, `Homie …`, `shellywalldisplay-shelly-…`.
    await expect(chart, `the Temperature chart names the ${convention} room`).toContainText(
      new RegExp(`${convention}[- ]${suffix}`, 'i'),
    );
  }
});

test('?units=imperial shows a Zigbee2MQTT 20 °C as 68 °F on the card and on the chart', async ({
  page,
  broker,
}) => {
  const name = `Study sensor ${randomBytes(3).toString('hex')}`;
  const sensor = renamedFixtures(ZIGBEE2MQTT, { 'Living room sensor': name });
  await publishAll(broker, [
    sensor.availabilityJson,
    { ...sensor.climate, payload: sensor.climate.payload.replace('"temperature":21.34', '"temperature":20') },
  ]);

  await openDashboard(page, broker.pageUrl({ topics: 'zigbee2mqtt/#', units: 'imperial' }));
  const card = conventionCard(page, name, 'zigbee2mqtt');
  await expect(metric(card, 'temperature')).toHaveText(/^\s*68\.0\s*$/);
  await expectUnit(card, 'temperature', '°F');

  const chart = quantityChart(page, 'temperature');
  await expect(chart).toContainText(name);
  await expect(chart).toContainText('°F');
  await expect(chart).not.toContainText('°C');

  // The same reading in the metric system, as a visit without the parameter shows it.
  await openDashboard(page, broker.pageUrl({ topics: 'zigbee2mqtt/#', units: 'metric' }));
  await expect(metric(card, 'temperature')).toHaveText(/^\s*20\.0\s*$/);
  await expectUnit(card, 'temperature', '°C');
});

test('a Tasmota relay reads On and Off, in words, with a switch and on a read-only dashboard', async ({
  page,
  broker,
}) => {
  const topic = uniqueDeviceName('hall_plug');
  const plug = renamedFixtures(TASMOTA, { kitchen_plug: topic });
  await publishAll(broker, [plug.lwtOnline]);

  const visits: Record<string, number>[] = [{}, { readonly: 1 }];
  for (const params of visits) {
    await openDashboard(page, broker.pageUrl({ topics: 'tele/#,stat/#', ...params }));
    const card = conventionCard(page, topic, 'tasmota');
    await expect(card).toHaveAttribute('data-status', 'online');
    // The plug's periodic STATE says its relay is off; a command's echo says it is on.
    await publishAll(broker, [plug.state]);
    const relay = metric(card, 'switch');
    await expect(relay).toHaveCount(1);
    await expect(relay).toHaveText(/^\s*Off\s*$/);
    await publishAll(broker, [plug.powerOn]);
    await expect(relay).toHaveText(/^\s*On\s*$/);
    await publishAll(broker, [plug.powerOff]);
    await expect(relay).toHaveText(/^\s*Off\s*$/);
  }
});

test('a generic kitchen and a Tasmota kitchen are two cards, and the Tasmota Last Will takes only its own offline', async ({
  page,
  broker,
}) => {
  const kitchen = uniqueDeviceName('kitchen');
  const generic = await broker.connectDevice(kitchen);
  const tasmota = await broker.connectDevice(kitchen, {
    will: { topic: `tele/${kitchen}/LWT`, payload: 'Offline', retain: true, qos: 1 },
  });
  await generic.announce('online');
  await broker.publish(`tele/${kitchen}/LWT`, 'Online', { retain: true });

  await openDashboard(page, broker.pageUrl({ topics: 'house/#,tele/#' }));
  const genericCard = conventionCard(page, kitchen, 'generic');
  const tasmotaCard = conventionCard(page, kitchen, 'tasmota');
  await expect(genericCard).toHaveAttribute('data-status', 'online');
  await expect(tasmotaCard).toHaveAttribute('data-status', 'online');
  await expect(deviceCard(page, kitchen)).toHaveCount(2);

  // Telemetry is not retained: it reaches a page that listens.
  await generic.publish('temperature', '21.5');
  await broker.publish(`tele/${kitchen}/SENSOR`, TASMOTA.ds18b20.payload.replace('21.4', '19.8'));
  await expectMetric(genericCard, 'temperature', 21.5);
  await expectMetric(tasmotaCard, 'temperature', 19.8);
  await expect(metric(genericCard, 'temperature')).toHaveCount(1);
  await expect(metric(tasmotaCard, 'temperature')).toHaveCount(1);

  await tasmota.drop();
  await expect(tasmotaCard).toHaveAttribute('data-status', 'offline');
  await expect(activeAlerts(page, { kind: 'offline', device: kitchen })).toHaveCount(1);
  await expect(genericCard).toHaveAttribute('data-status', 'online');
  await expectMetric(genericCard, 'temperature', 21.5);
});

test('a threshold rule on temperature fires for a Homie temperature', async ({ page, broker }) => {
  const thermostat = uniqueDeviceName('thermostat');
  const porch = uniqueDeviceName('porch');
  const rule: ThresholdRule = {
    id: 'too-warm',
    quantity: 'temperature',
    metric: '',
    device: null,
    direction: 'above',
    limit: 25,
    unit: '°C',
    hysteresis: 1,
    minDurationMs: 1_000,
  };
  // As the settings file of an install that set the rule in Settings › Alerts.
  await page.addInitScript(
    (settings) => localStorage.setItem('hearth.settings.v1', settings),
    JSON.stringify({ rules: [rule] }),
  );
  await publishAll(
    broker,
    HOMIE_THERMOSTAT.map((message) => renamed(message, { 'thermostat-1': thermostat })),
  );
  await broker.publish(`house/${porch}/status`, 'offline', { retain: true });

  await openDashboard(page, broker.pageUrl({ topics: 'homie/#,house/#' }));
  const card = conventionCard(page, thermostat, 'homie');
  await expectMetric(card, 'temperature', 21.5);
  // Alerts wait a moment after connecting, for retained messages to settle; the porch, offline
  // from the start, is alerted as soon as they are live.
  await expect(activeAlerts(page, { kind: 'offline', device: porch })).toHaveCount(1, { timeout: 10_000 });
  const alert = activeAlerts(page, { kind: 'threshold', device: thermostat });
  await expect(alert).toHaveCount(0);

  await broker.publish(`homie/${thermostat}/sensor/temperature`, '26.5', { retain: true });
  await expectMetric(card, 'temperature', 26.5);
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('temperature above 25 °C');

  await broker.publish(`homie/${thermostat}/sensor/temperature`, '22.0', { retain: true });
  await expect(alert).toHaveCount(0);
});
