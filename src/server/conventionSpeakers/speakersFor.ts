import type { ConventionId } from '../../core/device.ts';
import { genericSpeaker } from './genericSpeaker.ts';
import { homeAssistantSpeaker } from './homeAssistantSpeaker.ts';
import { homeseerSpeaker } from './homeseerSpeaker.ts';
import { homieSpeaker } from './homieSpeaker.ts';
import { shellySpeaker } from './shellySpeaker.ts';
import type { ConventionSpeaker } from './speaker.ts';
import { tasmotaSpeaker } from './tasmotaSpeaker.ts';
import { zigbee2mqttBridgeSpeaker, zigbee2mqttSpeaker } from './zigbee2mqttSpeaker.ts';

/** The conventions the gateway simulator speaks, as `--convention` names them. */
export const SIMULATED_CONVENTIONS = [
  'generic',
  'tasmota',
  'zigbee2mqtt',
  'homie',
  'homeassistant',
  'shelly',
  'homeseer',
] as const satisfies readonly ConventionId[];

export type SimulatedConvention = (typeof SIMULATED_CONVENTIONS)[number];

export function isSimulatedConvention(text: string): text is SimulatedConvention {
  return (SIMULATED_CONVENTIONS as readonly string[]).includes(text);
}

const ROOM_SPEAKERS: Readonly<Record<SimulatedConvention, (room: string) => ConventionSpeaker>> = {
  generic: genericSpeaker,
  tasmota: tasmotaSpeaker,
  zigbee2mqtt: zigbee2mqttSpeaker,
  homie: homieSpeaker,
  homeassistant: homeAssistantSpeaker,
  shelly: shellySpeaker,
  homeseer: homeseerSpeaker,
};

/** Who speaks for a gateway: one speaker per room, and the convention's hub where it has one. */
export interface GatewaySpeakers {
  rooms: ConventionSpeaker[];
  /** Devices beside the rooms that the convention has anyway: the Zigbee2MQTT bridge. */
  hubs: ConventionSpeaker[];
}

/** The speakers for `rooms` in `convention`. */
export function speakersFor(convention: SimulatedConvention, rooms: readonly string[]): GatewaySpeakers {
  return {
    rooms: rooms.map((room) => ROOM_SPEAKERS[convention](room)),
    hubs: convention === 'zigbee2mqtt' ? [zigbee2mqttBridgeSpeaker()] : [],
  };
}
