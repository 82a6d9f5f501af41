import { randomBytes } from 'node:crypto';
import { expectConnection, expectMetric } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';

// Devices that say which room they are in arrive in it: Home Assistant discovery's suggested area
// (`dev.sa` as ESPHome abbreviates it; `device.suggested_area` on a Zigbee2MQTT device's config)
// puts the device in a section of that name before the user arranges anything.
test('devices that announce an area arrive in a room of that name', async ({ page, broker }) => {
  const area = `Pantry ${randomBytes(3).toString('hex')}`;
  const node = `esp-${randomBytes(4).toString('hex')}`;
  const sensor = uniqueDeviceName('Pantry sensor');
  const espConfig = `homeassistant/sensor/${node}/temperature/config`;
  const zigbeeConfig = `homeassistant/sensor/0x${node}/humidity/config`;
  const espState = `${node}/sensor/temperature/state`;

  // Only these devices' topics, so other tests' devices stay off the page.
  await page.goto(
    broker.pageUrl({
      topics: `homeassistant/sensor/${node}/#,homeassistant/sensor/0x${node}/#,${node}/#,zigbee2mqtt/${sensor}/#`,
    }),
  );
  await expectConnection(page, 'connected');
  try {
    await broker.publish(
      espConfig,
      JSON.stringify({
        dev_cla: 'temperature',
        unit_of_meas: '°C',
        name: 'Pantry temperature',
        stat_t: espState,
        uniq_id: `${node}_temperature`,
        dev: { ids: node, name: node, mf: 'espressif', sa: area },
      }),
      { retain: true },
    );
    await broker.publish(
      zigbeeConfig,
      JSON.stringify({
        device: { identifiers: [`zigbee2mqtt_0x${node}`], name: sensor, suggested_area: area },
        device_class: 'humidity',
        state_topic: `zigbee2mqtt/${sensor}`,
        unique_id: `0x${node}_humidity_zigbee2mqtt`,
        unit_of_measurement: '%',
        value_template: '{{ value_json.humidity }}',
      }),
      { retain: true },
    );
    await broker.publish(espState, '19.5');
    await broker.publish(`zigbee2mqtt/${sensor}`, JSON.stringify({ humidity: 55, linkquality: 120 }));

    const room = page.locator(`section[data-room-id="area:${area.toLowerCase()}"]`);
    await expect(room.getByRole('heading', { name: area })).toBeVisible();
    await expectMetric(room.locator(`[data-device-id="${node}"]`), 'temperature', 19.5);
    await expectMetric(room.locator(`[data-device-id="${sensor}"]`), 'humidity', 55);
  } finally {
    // Retired as their publishers retire them, so no later screen is shown this room: the configs
    // deleted, and the Zigbee2MQTT device's retained state cleared (the server forgets it).
    await broker.publish(espConfig, '', { retain: true });
    await broker.publish(zigbeeConfig, '', { retain: true });
    await broker.publish(`zigbee2mqtt/${sensor}`, '', { retain: true });
  }
});
