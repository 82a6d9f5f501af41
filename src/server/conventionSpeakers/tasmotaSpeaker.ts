import { createHash } from 'node:crypto';
import {
  type ConventionSpeaker,
  live,
  type OutgoingMessage,
  readRelayIntent,
  relayAfter,
  retained,
} from './speaker.ts';

/**
 * A Tasmota device with the default FullTopic `%prefix%/%topic%/` and the room as its topic: a
 * DS18B20 probe and a BH1750 light sensor in `tele/<room>/SENSOR`, one relay in
 * `tele/<room>/STATE`, `tele/<room>/LWT` `Online`/`Offline` (retained, the Offline as its Will),
 * and `cmnd/<room>/POWER` `ON`/`OFF`/`TOGGLE` answered on `stat/<room>/RESULT` and
 * `stat/<room>/POWER`, as the firmware does.
 */
export function tasmotaSpeaker(room: string): ConventionSpeaker {
  const lwt = `tele/${room}/LWT`;
  const offline = retained(lwt, 'Offline');
  // A DS18B20 reports its 64-bit ROM id; derived from the room so it stays put across runs.
  const probeId = createHash('sha1').update(room).digest('hex').slice(0, 12).toUpperCase();
  const powerWord = (on: boolean) => (on ? 'ON' : 'OFF');
  const powerReport = (on: boolean): OutgoingMessage[] => [
    live(`stat/${room}/RESULT`, JSON.stringify({ POWER: powerWord(on) })),
    live(`stat/${room}/POWER`, powerWord(on)),
  ];
  return {
    name: room,
    deviceId: room,
    will: offline,
    // POWER1 is the same relay on a one-relay device.
    commandTopics: [`cmnd/${room}/POWER`, `cmnd/${room}/POWER1`],
    greet: ({ relayOn }) => [retained(lwt, 'Online'), ...powerReport(relayOn)],
    report: ({ relayOn, reading }) => {
      const time = tasmotaTime(reading.at);
      return [
        live(`tele/${room}/STATE`, JSON.stringify({ Time: time, POWER: powerWord(relayOn) })),
        live(
          `tele/${room}/SENSOR`,
          JSON.stringify({
            Time: time,
            DS18B20: { Id: probeId, Temperature: reading.temperatureC },
            BH1750: { Illuminance: reading.lux },
            TempUnit: 'C',
          }),
        ),
      ];
    },
    farewell: () => [offline],
    obey: ({ payload }, { relayOn }) => {
      // An empty payload asks for the state without changing it.
      const intent = payload.trim() === '' ? null : readRelayIntent(payload);
      if (intent === null && payload.trim() !== '') return null;
      const next = intent === null ? relayOn : relayAfter(intent, relayOn);
      return { relayOn: next, replies: powerReport(next) };
    },
  };
}

/** Tasmota's `Time`: local time, ISO 8601 without a zone (`2024-02-24T22:20:38`). */
function tasmotaTime(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}` +
    `T${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`
  );
}
