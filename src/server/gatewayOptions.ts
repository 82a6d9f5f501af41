import { type Checked, checkSeconds, readFlags } from './commandLine.ts';

/** What a simulated sensor gateway connects to and how its rooms behave. */
export interface GatewayOptions {
  /** mqtt://, mqtts://, ws:// or wss:// address of the broker. */
  brokerUrl: string;
  /** Topic-safe room names; each becomes its own MQTT client under `house/<room>/`. */
  rooms: readonly string[];
  /** Time between two readings of a room. */
  intervalMs: number;
  /** Average time between simulated connection drops; 0 never drops. */
  dropEveryMs: number;
  username?: string;
  password?: string;
}

export const DEFAULT_ROOMS: readonly string[] = ['living-room', 'kitchen', 'bedroom', 'garage'];
export const DEFAULT_GATEWAY_BROKER_URL = 'mqtt://127.0.0.1:1883';
export const DEFAULT_READING_INTERVAL_MS = 2000;
export const DEFAULT_DROP_EVERY_MS = 180_000;
/** Each room holds a connection open; past this, a typo (a pasted list) is likelier than a house. */
const ROOMS_MAX = 100;

const BROKER_PROTOCOLS = new Set(['mqtt:', 'mqtts:', 'ws:', 'wss:']);
const ROOM_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export const GATEWAY_USAGE = `Usage: npm run gateway -- [options]

Simulates a sensor gateway: one MQTT client per room publishing house/<room>/temperature (°C)
and house/<room>/brightness (lux), with a retained house/<room>/status of online/offline.

Options:
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

  const brokerUrl = checkBrokerUrl(values.broker ?? DEFAULT_GATEWAY_BROKER_URL);
  if (!brokerUrl.ok) return { kind: 'invalid', reason: brokerUrl.reason };
  const rooms =
    values.rooms === undefined ? { ok: true as const, value: DEFAULT_ROOMS } : checkRooms(values.rooms);
  if (!rooms.ok) return { kind: 'invalid', reason: rooms.reason };
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
      intervalMs: interval?.value ?? DEFAULT_READING_INTERVAL_MS,
      dropEveryMs: dropEvery?.value ?? DEFAULT_DROP_EVERY_MS,
      ...(values.username === undefined ? {} : { username: values.username }),
      ...(values.password === undefined ? {} : { password: values.password }),
    },
  };
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
