import { type Checked, checkSeconds, readFlags } from './commandLine.ts';
import {
  isSimulatedConvention,
  SIMULATED_CONVENTIONS,
  type SimulatedConvention,
} from './conventionSpeakers/speakersFor.ts';

/** What a simulated sensor gateway connects to and how its rooms behave. */
export interface GatewayOptions {
  /** mqtt://, mqtts://, ws:// or wss:// address of the broker. */
  brokerUrl: string;
  /** Topic-safe room names; each becomes its own MQTT client (under `house/<room>/` when generic). */
  rooms: readonly string[];
  /**
   * The device conventions the house speaks, each with every room (a Tasmota `kitchen` beside a
   * Zigbee2MQTT `kitchen`: two devices); generic (`house/<room>/…`) alone when absent.
   */
  conventions?: readonly SimulatedConvention[];
  /** Time between two readings of a room. */
  intervalMs: number;
  /** Average time between simulated connection drops; 0 never drops. */
  dropEveryMs: number;
  username?: string;
  password?: string;
  /**
   * Hearth's own simulator only: headers its WebSocket upgrade carries (the broker's per-start
   * secret that admits it when the house has accounts), and whether it may trust the server's
   * certificate without checking it (it dials its own process on loopback, where a self-signed
   * certificate names another host).
   */
  internal?: { headers: Record<string, string>; trustOwnCertificate: boolean };
}

export const DEFAULT_ROOMS: readonly string[] = ['living-room', 'kitchen', 'bedroom', 'garage'];
export const DEFAULT_GATEWAY_BROKER_URL = 'mqtt://127.0.0.1:1883';
export const DEFAULT_READING_INTERVAL_MS = 2000;
export const DEFAULT_DROP_EVERY_MS = 180_000;
/** How long a room waits between attempts while its broker is away (the log says so). */
export const RECONNECT_PERIOD_MS = 2000;
/** Each room holds a connection open; past this, a typo (a pasted list) is likelier than a house. */
const ROOMS_MAX = 100;

const BROKER_PROTOCOLS = new Set(['mqtt:', 'mqtts:', 'ws:', 'wss:']);
const ROOM_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
/** Homie 4 topic ids: lowercase letters, digits and hyphens, not starting with a hyphen. */
const HOMIE_ID = /^[a-z0-9][a-z0-9-]*$/;
/** The `--convention` word for every convention at once. */
export const ALL_CONVENTIONS = 'all';

export const GATEWAY_USAGE = `Usage: npm run gateway -- [options]

Simulates a sensor gateway: one MQTT client per room, with its convention's Last Will, publishing
its availability, then temperature (°C) and brightness (lux) every --interval. Each --convention
also simulates one relay per room that obeys commands and echoes its state (not generic):
  generic        house/<room>/temperature, …/brightness, …/status online/offline
  tasmota        tele/<room>/SENSOR, tele/<room>/LWT Online/Offline; cmnd/<room>/POWER ON/OFF
  zigbee2mqtt    zigbee2mqtt/<room>, …/availability, and zigbee2mqtt/bridge/state;
                 zigbee2mqtt/<room>/set {"state":"ON"}
  homie          homie/<room>/sensor/temperature, …/$state ready/lost; …/relay/power/set true
  homeassistant  discovery configs homeassistant/sensor/<room>/temperature/config (and
                 illuminance, switch/<room>/relay); homeassistant/switch/<room>/relay/set ON
  shelly         shellywalldisplay-<room>/status/temperature:0, …/online true/false;
                 …/rpc Switch.Set
  homeseer       HS4-PC/mcsMQTT/Main_Floor/<room>/Temperature (no availability, no Will);
                 …/Light/Control 100/0
Several conventions (--convention tasmota,homie, or all) run side by side, each with every
room: a Tasmota kitchen and a Homie kitchen are two devices, as in a house that mixes them.
The dashboard subscribes to house/# by default: open it with ?topics=%23 to see the others.
Devices say which room they are in where their convention can (Home Assistant's suggested_area,
HomeSeer's location; generic house/<room>/… topics suggest it): a house of 49 devices in 7 rooms
is --convention all --rooms kitchen,living-room,bedroom,bathroom,hall,office,garage.

Options:
  --convention LIST    ${ALL_CONVENTIONS}, or a comma list of generic, tasmota, zigbee2mqtt, homie,
                       homeassistant, shelly, homeseer (default generic)
  --broker URL         mqtt://, mqtts://, ws:// or wss:// broker address (default ${DEFAULT_GATEWAY_BROKER_URL})
  --rooms a,b,c        room names (default ${DEFAULT_ROOMS.join(',')})
  --interval SECONDS   time between readings (default ${DEFAULT_READING_INTERVAL_MS / 1000})
  --drop-every SECONDS drop a random room's connection about this often, 0 never (default ${DEFAULT_DROP_EVERY_MS / 1000})
  --username NAME      broker user name
  --password SECRET    broker password
  --help               show this help`;

export type GatewayCommand =
  | { kind: 'run'; options: GatewayOptions }
  | { kind: 'help' }
  | { kind: 'invalid'; reason: string };

/** Reads the gateway's command line (the arguments after the script name). */
export function parseGatewayArgs(argv: readonly string[]): GatewayCommand {
  const flags = readFlags(argv, {
    convention: { type: 'string' },
    broker: { type: 'string' },
    rooms: { type: 'string' },
    interval: { type: 'string' },
    'drop-every': { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (!flags.ok) return { kind: 'invalid', reason: flags.reason };
  const values = flags.value;
  if (values.help) return { kind: 'help' };

  const conventions = checkConventions(values.convention ?? 'generic', '--convention');
  if (!conventions.ok) return { kind: 'invalid', reason: conventions.reason };
  const brokerUrl = checkBrokerUrl(values.broker ?? DEFAULT_GATEWAY_BROKER_URL);
  if (!brokerUrl.ok) return { kind: 'invalid', reason: brokerUrl.reason };
  const rooms =
    values.rooms === undefined ? { ok: true as const, value: DEFAULT_ROOMS } : checkRooms(values.rooms);
  if (!rooms.ok) return { kind: 'invalid', reason: rooms.reason };
  const homieMisfit = conventions.value.includes('homie')
    ? rooms.value.find((room) => !HOMIE_ID.test(room))
    : undefined;
  if (homieMisfit !== undefined) {
    return {
      kind: 'invalid',
      reason: `Room name '${homieMisfit}' is no Homie device id: use lowercase letters, digits and '-' when homie is among the conventions.`,
    };
  }
  const interval = values.interval === undefined ? null : checkSeconds(values.interval, '--interval', 0.01);
  if (interval && !interval.ok) return { kind: 'invalid', reason: interval.reason };
  const dropEvery =
    values['drop-every'] === undefined ? null : checkSeconds(values['drop-every'], '--drop-every', 0);
  if (dropEvery && !dropEvery.ok) return { kind: 'invalid', reason: dropEvery.reason };
  if (values.password !== undefined && values.username === undefined) {
    return { kind: 'invalid', reason: '--password needs --username too.' };
  }

  return {
    kind: 'run',
    options: {
      brokerUrl: brokerUrl.value,
      rooms: rooms.value,
      conventions: conventions.value,
      intervalMs: interval?.value ?? DEFAULT_READING_INTERVAL_MS,
      dropEveryMs: dropEvery?.value ?? DEFAULT_DROP_EVERY_MS,
      ...(values.username === undefined ? {} : { username: values.username }),
      ...(values.password === undefined ? {} : { password: values.password }),
    },
  };
}

/**
 * The conventions the house speaks: `all` of SIMULATED_CONVENTIONS, or a comma list of them in
 * the order given, in any case. `source` names where the text came from (a flag, a variable).
 */
export function checkConventions(text: string, source: string): Checked<readonly SimulatedConvention[]> {
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.length === 1 && names[0] === ALL_CONVENTIONS) return { ok: true, value: SIMULATED_CONVENTIONS };
  const unknown = names.length === 0 ? text : names.find((name) => !isSimulatedConvention(name));
  if (unknown !== undefined) {
    return {
      ok: false,
      reason: `${source} must be ${ALL_CONVENTIONS} or a comma list of ${SIMULATED_CONVENTIONS.join(', ')} (got '${unknown}').`,
    };
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) return { ok: false, reason: `${source} lists ${repeated} twice.` };
  return { ok: true, value: names.filter(isSimulatedConvention) };
}

function checkBrokerUrl(text: string): Checked<string> {
  const reason = `--broker must be an address like mqtt://192.168.1.20:1883 or ws://host:8080/mqtt (got '${text}').`;
  if (!URL.canParse(text)) return { ok: false, reason };
  const url = new URL(text);
  if (!BROKER_PROTOCOLS.has(url.protocol) || url.hostname === '') return { ok: false, reason };
  return { ok: true, value: text };
}

/** Room names become topic levels, so they must not hold `/`, `+`, `#` or spaces. */
function checkRooms(text: string): Checked<readonly string[]> {
  const rooms = text
    .split(',')
    .map((room) => room.trim())
    .filter((room) => room !== '');
  if (rooms.length === 0)
    return { ok: false, reason: '--rooms needs at least one room name, like kitchen,garage.' };
  if (rooms.length > ROOMS_MAX) return { ok: false, reason: `--rooms takes at most ${ROOMS_MAX} rooms.` };
  const invalid = rooms.find((room) => !ROOM_NAME.test(room));
  if (invalid !== undefined) {
    return {
      ok: false,
      reason: `Room name '${invalid}' may hold only letters, digits, '-' and '_' (it becomes a topic level).`,
    };
  }
  const repeated = rooms.find((room, index) => rooms.indexOf(room) !== index);
  if (repeated !== undefined) return { ok: false, reason: `Room '${repeated}' is listed twice.` };
  return { ok: true, value: rooms };
}
