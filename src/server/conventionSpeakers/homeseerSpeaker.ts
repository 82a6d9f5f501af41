import { type ConventionSpeaker, live, readRelayIntent, relayAfter, retained } from './speaker.ts';

/** The HomeSeer computer's name in mcsMQTT's topics, as the fixtures name it. */
const HS_COMPUTER = 'HS4-PC';
/** HomeSeer's Location2 (the floor) for every simulated room. */
const FLOOR = 'Main_Floor';
/** The device value HomeSeer gives a switched-on light. */
const ON_VALUE = 100;

/**
 * HomeSeer HS4 publishing a room's devices through mcsMQTT with its default topics,
 * `HS4-PC/mcsMQTT/<Location2>/<Location>/<Name>` and the device value as the payload:
 *   HS4-PC/mcsMQTT/Main_Floor/<room>/Temperature   21.4
 *   HS4-PC/mcsMQTT/Main_Floor/<room>/Illuminance   120
 *   HS4-PC/mcsMQTT/Main_Floor/<room>/Light         0 or 100 (retained)
 * (`-` in a room name as `_`). The dashboard shows the location `Main_Floor/<room>` as one device,
 * in the room <room> on the floor Main Floor. mcsMQTT takes control on
 * the topic plus `/Control` (`100`, `0`, `On`, `Off`); the light's new value is the echo.
 * mcsMQTT has no availability per device, so the room has no Will: a dropped room goes stale.
 */
export function homeseerSpeaker(room: string): ConventionSpeaker {
  // Named as a HomeSeer user names a location ("Living room" → mcsMQTT's `Living_room`), so the
  // room it announces is the one the other conventions' devices of the room name.
  const place = room.replaceAll('-', '_');
  const location = `${HS_COMPUTER}/mcsMQTT/${FLOOR}/${place}`;
  const light = (on: boolean) => retained(`${location}/Light`, on ? String(ON_VALUE) : '0');
  return {
    name: room,
    deviceId: `${FLOOR}/${place}`,
    will: null,
    commandTopics: [`${location}/Light/Control`],
    greet: ({ relayOn }) => [light(relayOn)],
    report: ({ reading }) => [
      live(`${location}/Temperature`, reading.temperatureC.toFixed(1)),
      live(`${location}/Illuminance`, String(reading.lux)),
    ],
    farewell: () => [],
    obey: ({ payload }, { relayOn }) => {
      const text = payload.trim();
      const intent = text === String(ON_VALUE) ? 'on' : readRelayIntent(text);
      if (intent === null || intent === 'toggle') return null;
      const next = relayAfter(intent, relayOn);
      return { relayOn: next, replies: [light(next)] };
    },
  };
}
