import type { Broker } from '../fixtures.ts';
import { uniqueDeviceName } from '../fixtures.ts';

/**
 * An ESPHome node announcing a temperature sensor in a room (`sa`) through Home Assistant
 * discovery, and its value, both retained. Returns the node's id (its card's `data-device-id`).
 */
export async function sensorIn(
  broker: Broker,
  room: string,
  celsius: number,
  name?: string,
): Promise<string> {
  const node = uniqueDeviceName('node');
  await broker.publish(
    `homeassistant/sensor/${node}/temperature/config`,
    JSON.stringify({
      dev_cla: 'temperature',
      unit_of_meas: '°C',
      name: 'Temperature',
      stat_t: `${node}/sensor/temperature/state`,
      uniq_id: `${node}_temperature`,
      dev: { ids: node, name: name ?? node, sa: room },
    }),
    { retain: true },
  );
  await broker.publish(`${node}/sensor/temperature/state`, String(celsius), { retain: true });
  return node;
}

/** The topics of these discovery nodes only, so other tests' devices stay off the page. */
export function nodeTopics(nodes: readonly string[]): string {
  return nodes.flatMap((node) => [`homeassistant/sensor/${node}/#`, `${node}/#`]).join(',');
}
