import {
  type ConventionSpeaker,
  live,
  type RoomState,
  readRelayIntent,
  relayAfter,
  retained,
} from './speaker.ts';

/** The Zigbee2MQTT bridge's device id on the dashboard (as the core's zigbee2mqtt adapter names it). */
export const ZIGBEE2MQTT_BRIDGE = 'zigbee2mqtt-bridge';

const BASE = 'zigbee2mqtt';

/**
 * A Zigbee device behind Zigbee2MQTT (2.x, default base topic), the room as its friendly name: a
 * climate-and-light sensor with a relay. Its JSON state on `zigbee2mqtt/<room>`
 * (`{"illuminance":120,"state":"OFF","temperature":21.4}`), its availability on
 * `zigbee2mqtt/<room>/availability` as `{"state":"online"}`/`{"state":"offline"}` (retained, the
 * offline as the Will), and commands on `zigbee2mqtt/<room>/set` (`{"state":"ON"}`, or `ON` on
 * `/set/state`), answered with the whole state, as Zigbee2MQTT does.
 */
export function zigbee2mqttSpeaker(room: string): ConventionSpeaker {
  const availability = `${BASE}/${room}/availability`;
  const offline = retained(availability, JSON.stringify({ state: 'offline' }));
  const state = ({ relayOn, reading }: RoomState) =>
    live(
      `${BASE}/${room}`,
      JSON.stringify({
        illuminance: reading.lux,
        state: relayOn ? 'ON' : 'OFF',
        temperature: reading.temperatureC,
      }),
    );
  return {
    name: room,
    deviceId: room,
    will: offline,
    commandTopics: [`${BASE}/${room}/set`, `${BASE}/${room}/set/state`],
    greet: () => [retained(availability, JSON.stringify({ state: 'online' }))],
    report: (now) => [state(now)],
    farewell: () => [offline],
    obey: ({ topic, payload }, now) => {
      const word = topic.endsWith('/set/state') ? payload : stateOfSetPayload(payload);
      const intent = word === null ? null : readRelayIntent(word);
      if (intent === null) return null;
      const next = { ...now, relayOn: relayAfter(intent, now.relayOn) };
      return { relayOn: next.relayOn, replies: [state(next)] };
    },
  };
}

/**
 * The Zigbee2MQTT bridge itself: `zigbee2mqtt/bridge/state` `{"state":"online"}`, retained, with
 * `{"state":"offline"}` as its Will. One per gateway, beside the rooms.
 */
export function zigbee2mqttBridgeSpeaker(): ConventionSpeaker {
  const topic = `${BASE}/bridge/state`;
  const offline = retained(topic, JSON.stringify({ state: 'offline' }));
  return {
    name: ZIGBEE2MQTT_BRIDGE,
    deviceId: ZIGBEE2MQTT_BRIDGE,
    will: offline,
    commandTopics: [],
    greet: () => [retained(topic, JSON.stringify({ state: 'online' }))],
    report: () => [],
    farewell: () => [offline],
    obey: () => null,
  };
}

/** The `state` of a `/set` payload (`{"state":"ON"}`), or null. */
function stateOfSetPayload(payload: string): string | null {
  try {
    const parsed: unknown = JSON.parse(payload);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const state = (parsed as Record<string, unknown>).state;
    return typeof state === 'string' ? state : null;
  } catch {
    return null;
  }
}
