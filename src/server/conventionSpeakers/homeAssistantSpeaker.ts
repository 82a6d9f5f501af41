import { type ConventionSpeaker, live, retained, roomTitle } from './speaker.ts';

/**
 * A device announced by Home Assistant MQTT discovery, its identifier the room (and its suggested
 * area the room's name as people write it): retained configs
 * for a temperature sensor, an illuminance sensor (both reading one JSON state topic through a
 * `value_template`) and a relay switch with a `command_topic`, sharing one availability topic.
 * The topics sit under the discovery prefix, as Home Assistant's own examples put them:
 *   homeassistant/sensor/<room>/temperature/config   the configs (also …/illuminance, switch/…/relay)
 *   homeassistant/sensor/<room>/state                {"temperature":21.4,"illuminance":120}
 *   homeassistant/sensor/<room>/availability         online / offline (retained; offline is the Will)
 *   homeassistant/switch/<room>/relay/set            ON / OFF, echoed on …/relay/state (retained)
 */
export function homeAssistantSpeaker(room: string): ConventionSpeaker {
  const sensorBase = `homeassistant/sensor/${room}`;
  const switchBase = `homeassistant/switch/${room}/relay`;
  const availabilityTopic = `${sensorBase}/availability`;
  const offline = retained(availabilityTopic, 'offline');
  const relayState = (on: boolean) => retained(`${switchBase}/state`, on ? 'ON' : 'OFF');
  const common = {
    availability_topic: availabilityTopic,
    payload_available: 'online',
    payload_not_available: 'offline',
    device: {
      identifiers: [room],
      name: roomTitle(room),
      manufacturer: 'Hearth',
      model: 'Simulated room sensor',
      // The area Home Assistant suggests for the device: the dashboard puts it in that room.
      suggested_area: roomTitle(room),
    },
  };
  const sensorConfig = (quantity: string, unit: string) =>
    retained(
      `${sensorBase}/${quantity}/config`,
      JSON.stringify({
        name: roomTitle(quantity),
        unique_id: `${room}_${quantity}`,
        state_topic: `${sensorBase}/state`,
        value_template: `{{ value_json.${quantity} }}`,
        unit_of_measurement: unit,
        device_class: quantity,
        state_class: 'measurement',
        ...common,
      }),
    );
  const switchConfig = retained(
    `${switchBase}/config`,
    JSON.stringify({
      name: 'Relay',
      unique_id: `${room}_relay`,
      state_topic: `${switchBase}/state`,
      command_topic: `${switchBase}/set`,
      payload_on: 'ON',
      payload_off: 'OFF',
      ...common,
    }),
  );
  return {
    name: room,
    deviceId: room,
    will: offline,
    commandTopics: [`${switchBase}/set`],
    greet: ({ relayOn }) => [
      sensorConfig('temperature', '°C'),
      sensorConfig('illuminance', 'lx'),
      switchConfig,
      retained(availabilityTopic, 'online'),
      relayState(relayOn),
    ],
    report: ({ reading }) => [
      live(
        `${sensorBase}/state`,
        JSON.stringify({ temperature: reading.temperatureC, illuminance: reading.lux }),
      ),
    ],
    farewell: () => [offline],
    obey: ({ payload }) => {
      // The switch's payload_on/payload_off; nothing else.
      if (payload !== 'ON' && payload !== 'OFF') return null;
      return { relayOn: payload === 'ON', replies: [relayState(payload === 'ON')] };
    },
  };
}
