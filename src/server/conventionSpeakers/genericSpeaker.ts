import { type ConventionSpeaker, live, retained } from './speaker.ts';

/**
 * The Raspberry Pi gateway of a real install, read by Hearth's generic rules:
 * `house/<room>/temperature` (°C) and `house/<room>/brightness` (lux) as plain numbers, and a
 * retained `house/<room>/status` of `online`/`offline`. No relay.
 */
export function genericSpeaker(room: string): ConventionSpeaker {
  const base = `house/${room}`;
  const offline = retained(`${base}/status`, 'offline');
  return {
    name: room,
    deviceId: room,
    will: offline,
    commandTopics: [],
    greet: () => [retained(`${base}/status`, 'online')],
    report: ({ reading }) => [
      live(`${base}/temperature`, reading.temperatureC.toFixed(1)),
      live(`${base}/brightness`, String(reading.lux)),
    ],
    farewell: () => [offline],
    obey: () => null,
  };
}
