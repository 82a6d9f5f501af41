/**
 * What a simulated room says on MQTT, in one device convention's words. A speaker is pure: it
 * turns the room's state into messages and commands into a new relay state; the room
 * (SimulatedRoom) owns the connection, the timers and the state itself.
 */

/** One message a room publishes. Availability and announcements are retained, as devices do. */
export interface OutgoingMessage {
  topic: string;
  payload: string;
  retain: boolean;
  qos: 0 | 1;
}

/** One message on a topic the room subscribed to, as text. */
export interface IncomingCommand {
  topic: string;
  payload: string;
}

/** What the room's sensors read now. */
export interface RoomReading {
  /** °C, one decimal. */
  temperatureC: number;
  /** Whole lux. */
  lux: number;
  at: Date;
}

/** The room's state a speaker reports from. */
export interface RoomState {
  /** The room's one relay (a plug, a light); off when the room starts. */
  relayOn: boolean;
  reading: RoomReading;
}

/** A command the speaker understood: the relay's state after it, and what the device says back. */
export interface ObeyedCommand {
  relayOn: boolean;
  replies: OutgoingMessage[];
}

/** One simulated device, speaking one convention. */
export interface ConventionSpeaker {
  /** Who it is in the gateway's log: the room's name, or the hub's ("zigbee2mqtt-bridge"). */
  readonly name: string;
  /** The id the dashboard shows it under (the convention's native device id). */
  readonly deviceId: string;
  /** What the broker publishes when the connection drops; null where the convention has none. */
  readonly will: OutgoingMessage | null;
  /** Topics it takes commands on; empty when it has nothing to switch. */
  readonly commandTopics: readonly string[];
  /** What it publishes on every (re)connect, in order: availability, announcements, relay state. */
  greet(state: RoomState): OutgoingMessage[];
  /** What it publishes every reading interval. */
  report(state: RoomState): OutgoingMessage[];
  /** What it publishes before a clean disconnect: its offline state, as the Will would. */
  farewell(): OutgoingMessage[];
  /** Reads a message on a command topic; null when it is not a command this device understands. */
  obey(command: IncomingCommand, state: RoomState): ObeyedCommand | null;
}

/** How a relay is asked to change. */
export type RelayIntent = 'on' | 'off' | 'toggle';

const RELAY_WORDS: ReadonlyMap<string, RelayIntent> = new Map([
  ['on', 'on'],
  ['1', 'on'],
  ['true', 'on'],
  ['off', 'off'],
  ['0', 'off'],
  ['false', 'off'],
  ['toggle', 'toggle'],
  ['2', 'toggle'],
]);

/** ON/OFF/TOGGLE, 1/0/2 and true/false in any case, as Tasmota and friends accept them; else null. */
export function readRelayIntent(text: string): RelayIntent | null {
  return RELAY_WORDS.get(text.trim().toLowerCase()) ?? null;
}

/** The relay's state after `intent`. */
export function relayAfter(intent: RelayIntent, relayOn: boolean): boolean {
  return intent === 'toggle' ? !relayOn : intent === 'on';
}

/** A message that stays on the broker for dashboards that subscribe later. */
export function retained(topic: string, payload: string): OutgoingMessage {
  return { topic, payload, retain: true, qos: 1 };
}

/** A message for whoever listens now: readings, echoes. */
export function live(topic: string, payload: string): OutgoingMessage {
  return { topic, payload, retain: false, qos: 0 };
}

/** A room name as people write it: `living-room` → `Living room`. */
export function roomTitle(room: string): string {
  const words = room.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
