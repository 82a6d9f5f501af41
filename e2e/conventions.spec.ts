import { randomBytes } from 'node:crypto';
import { HOME_ASSISTANT } from '../src/core/conventions/fixtures/homeAssistant.ts';
import { HOMIE, HOMIE_THERMOSTAT } from '../src/core/conventions/fixtures/homie.ts';
import { TASMOTA } from '../src/core/conventions/fixtures/tasmota.ts';
import { ZIGBEE2MQTT } from '../src/core/conventions/fixtures/zigbee2mqtt.ts';
import { activeAlerts, deviceCard, deviceName, expectMetric, expectUnit, metric } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';
import { publishAll, renamed, renamedFixtures } from './support/renamedFixtures.ts';

// Each device speaks its own convention as the core's fixtures record it, renamed per test. The
// dashboard listens to everything (#) and is told nothing about conventions: it must recognise
// each one from its topics.
const EVERYTHING = { topics: '#' };

test('a Tasmota plug appears under its device name with its energy readings, and its LWT takes it offline', async ({
  page,
  broker,
}) => {
  const topic = uniqueDeviceName('kitchen_plug');
  const plug = renamedFixtures(TASMOTA, { kitchen_plug: topic });
  await publishAll(broker, [plug.lwtOnline]);

  await page.goto(broker.pageUrl(EVERYTHING));
  const card = deviceCard(page, topic);
  await expect(card).toHaveAttribute('data-status', 'online');
  await expect(card).toHaveAttribute('data-convention', 'tasmota');

  // Telemetry is not retained: the plug sends it every TelePeriod, and its name when asked.
  // Its ENERGY fields are readings of the vocabulary: ENERGY.Power is the plug's power.
  await publishAll(broker, [plug.status, plug.energy]);
  await expect(deviceName(card)).toHaveText('Kitchen plug');
  const expected = [
    ['power', 8, 'W'],
    ['voltage', 230, 'V'],
    ['current', 0.148, 'A'],
    ['energy', 12.345, 'kWh'], // ENERGY.Total
  ] as const;
  for (const [name, value, unit] of expected) {
    await expectMetric(card, name, value);
    await expectUnit(card, name, unit);
  }

  await broker.publish(`tele/${topic}/SENSOR`, plug.energy.payload.replace('"Power":8', '"Power":1450'));
  await expectMetric(card, 'power', 1450);

  await publishAll(broker, [plug.lwtOffline]);
  await expect(card).toHaveAttribute('data-status', 'offline');
  await expect(activeAlerts(page, { kind: 'offline', device: topic })).toHaveCount(1);
  await expectMetric(card, 'power', 1450);
});

test('a Zigbee2MQTT sensor appears under its friendly name with its readings, and follows its availability topic', async ({
  page,
  broker,
}) => {
  const friendlyName = `Living room sensor ${randomBytes(3).toString('hex')}`;
  const sensor = renamedFixtures(ZIGBEE2MQTT, { 'Living room sensor': friendlyName });
  await publishAll(broker, [sensor.availabilityJson, sensor.climate]);

  await page.goto(broker.pageUrl(EVERYTHING));
  const card = deviceCard(page, friendlyName);
  await expect(card).toHaveAttribute('data-status', 'online');
  await expect(card).toHaveAttribute('data-convention', 'zigbee2mqtt');
  await expect(deviceName(card)).toHaveText(friendlyName);
  // Each shown with its quantity's decimals: 21.34 °C reads 21.3, 44.72 % reads 45.
  const expected = [
    ['temperature', 21.3, '°C'],
    ['humidity', 45, '%'],
    ['pressure', 1012.3, 'hPa'],
    ['battery', 97, '%'],
  ] as const;
  for (const [name, value, unit] of expected) {
    await expectMetric(card, name, value);
    await expectUnit(card, name, unit);
  }

  await broker.publish(`zigbee2mqtt/${friendlyName}`, sensor.climate.payload.replace('21.34', '22.5'));
  await expectMetric(card, 'temperature', 22.5);

  await broker.publish(sensor.availabilityJson.topic, '{"state":"offline"}', { retain: true });
  await expect(card).toHaveAttribute('data-status', 'offline');
  // The availability topic is not a device of its own.
  await expect(deviceCard(page, `${friendlyName}/availability`)).toHaveCount(0);

  // Zigbee2MQTT before 1.34 (legacy availability) says it in plain words.
  await broker.publish(sensor.availabilityJson.topic, 'online', { retain: true });
  await expect(card).toHaveAttribute('data-status', 'online');
});

test('a Homie thermostat appears under its $name with its properties in their units, and goes offline when its $state is lost', async ({
  page,
  broker,
}) => {
  const id = uniqueDeviceName('thermostat');
  const names = { 'thermostat-1': id };
  await publishAll(
    broker,
    HOMIE_THERMOSTAT.map((message) => renamed(message, names)),
  );

  await page.goto(broker.pageUrl(EVERYTHING));
  const card = deviceCard(page, id);
  await expect(card).toHaveAttribute('data-status', 'online');
  await expect(card).toHaveAttribute('data-convention', 'homie');
  await expect(deviceName(card)).toHaveText('Living room thermostat');
  // Property ids name the quantities (sensor/temperature is a temperature); a set point is the
  // heater's own and keeps its id.
  const expected = [
    ['temperature', 21.5, '°C'],
    ['humidity', 48, '%'],
    ['heater/setpoint', 20.5, '°C'],
  ] as const;
  for (const [name, value, unit] of expected) {
    await expectMetric(card, name, value);
    await expectUnit(card, name, unit);
  }

  // Homie values are text, as precise as the device likes; the card shows the quantity's decimals.
  await broker.publish(`homie/${id}/sensor/temperature`, '22.2734', { retain: true });
  await expectMetric(card, 'temperature', 22.2734);
  await expect(metric(card, 'temperature')).toHaveText('22.3');

  await publishAll(broker, [renamed(HOMIE.lost, names)]);
  await expect(card).toHaveAttribute('data-status', 'offline');
  await expect(activeAlerts(page, { kind: 'offline', device: id })).toHaveCount(1);
});

/** Tasmota's own discovery config (abbreviated keys, a `~` base topic, availability on its LWT), renamed. */
function discoveredTasmotaSensor() {
  const suffix = randomBytes(3).toString('hex').toUpperCase();
  const identifier = `9CF9D1${suffix}`;
  const tasmotaTopic = `bathroom_${suffix}`;
  const names = { '9CF9D1': identifier, 'tele/bathroom/': `tele/${tasmotaTopic}/` };
  return {
    /** The Home Assistant device identifier, which names no card of its own. */
    identifier,
    /** The Tasmota topic the sensor publishes under: the card's id, a Tasmota device. */
    tasmotaTopic,
    config: renamed(HOME_ASSISTANT.tasmotaLegacyConfig, names),
    reading: renamed(TASMOTA.am2301, names),
    online: renamed(TASMOTA.lwtOnline, { kitchen_plug: tasmotaTopic }),
    offline: renamed(TASMOTA.lwtOffline, { kitchen_plug: tasmotaTopic }),
  };
}

test('a Tasmota sensor its own discovery announces is one card, named and described by discovery, with its other readings, following its LWT', async ({
  page,
  broker,
}) => {
  const sensor = discoveredTasmotaSensor();
  await publishAll(broker, [sensor.config, sensor.online]);

  await page.goto(broker.pageUrl(EVERYTHING));
  const card = deviceCard(page, sensor.tasmotaTopic);
  await expect(card).toHaveAttribute('data-status', 'online');
  await expect(card).toHaveAttribute('data-convention', 'tasmota');
  await expect(deviceName(card)).toHaveText('Bathroom');

  // Telemetry is not retained: it reaches the page once it listens.
  await publishAll(broker, [sensor.reading]);
  // Discovery describes the temperature (its name, its device class) and reads it through its
  // value template; the humidity it does not describe stays, read by Tasmota's rules.
  await expectMetric(card, 'temperature', 24.6);
  await expectUnit(card, 'temperature', '°C');
  await expect(card).toContainText('Bathroom AM2301 Temperature');
  await expectMetric(card, 'humidity', 58.2);
  await expectUnit(card, 'humidity', '%');
  // Announced twice, shown once.
  await expect(deviceCard(page, sensor.identifier)).toHaveCount(0);
  await expect(card).toHaveCount(1);

  await publishAll(broker, [sensor.offline]);
  await expect(card).toHaveAttribute('data-status', 'offline');
  await expect(activeAlerts(page, { kind: 'offline', device: sensor.tasmotaTopic })).toHaveCount(1);
  await publishAll(broker, [sensor.online]);
  await expect(card).toHaveAttribute('data-status', 'online');
});

test('a discovered device whose availability the broker holds from before its config is online, and shown once', async ({
  page,
  broker,
}) => {
  // A Tasmota device publishes its LWT on connecting, then its discovery configs; both retained.
  // In which order a broker hands retained messages to a new subscriber is its own choice.
  const sensor = discoveredTasmotaSensor();
  await publishAll(broker, [sensor.online, sensor.config]);

  await page.goto(broker.pageUrl(EVERYTHING));
  const card = deviceCard(page, sensor.tasmotaTopic);
  await expect(deviceName(card)).toHaveText('Bathroom');
  await expect(card).toHaveAttribute('data-status', 'online');
  await expect(card).toHaveCount(1);
  await expect(deviceCard(page, sensor.identifier)).toHaveCount(0);
});
