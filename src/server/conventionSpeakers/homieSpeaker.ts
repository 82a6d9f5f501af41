import { type ConventionSpeaker, type OutgoingMessage, retained, roomTitle } from './speaker.ts';

/**
 * A Homie 4 device with the room as its id: a `sensor` node (`temperature` float in °C,
 * `illuminance` integer in lx) and a `relay` node with a settable boolean `power`. Everything
 * retained, as the convention requires: `$state` goes `init` → attributes → `ready`, `lost` is its
 * Will, and a clean stop says `disconnected`. `homie/<room>/relay/power/set` `true`/`false`
 * switches the relay, echoed on `homie/<room>/relay/power`.
 */
export function homieSpeaker(room: string): ConventionSpeaker {
  const base = `homie/${room}`;
  const power = (on: boolean) => retained(`${base}/relay/power`, on ? 'true' : 'false');
  const attributes = (path: string, values: Record<string, string>): OutgoingMessage[] =>
    Object.entries(values).map(([name, value]) => retained(`${base}/${path}/$${name}`, value));
  return {
    name: room,
    deviceId: room,
    will: retained(`${base}/$state`, 'lost'),
    commandTopics: [`${base}/relay/power/set`],
    greet: ({ relayOn }) => [
      retained(`${base}/$state`, 'init'),
      retained(`${base}/$homie`, '4.0.0'),
      retained(`${base}/$name`, roomTitle(room)),
      retained(`${base}/$nodes`, 'sensor,relay'),
      ...attributes('sensor', { name: 'Sensor', type: 'climate', properties: 'temperature,illuminance' }),
      ...attributes('sensor/temperature', { name: 'Temperature', unit: '°C', datatype: 'float' }),
      ...attributes('sensor/illuminance', { name: 'Illuminance', unit: 'lx', datatype: 'integer' }),
      ...attributes('relay', { name: 'Relay', type: 'relay', properties: 'power' }),
      ...attributes('relay/power', { name: 'Power', datatype: 'boolean', settable: 'true' }),
      power(relayOn),
      retained(`${base}/$state`, 'ready'),
    ],
    report: ({ reading }) => [
      retained(`${base}/sensor/temperature`, reading.temperatureC.toFixed(1)),
      retained(`${base}/sensor/illuminance`, String(reading.lux)),
    ],
    farewell: () => [retained(`${base}/$state`, 'disconnected')],
    obey: ({ payload }) => {
      // A Homie boolean is exactly `true` or `false`; a device ignores anything else.
      if (payload !== 'true' && payload !== 'false') return null;
      return { relayOn: payload === 'true', replies: [power(payload === 'true')] };
    },
  };
}
