import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { deviceKey } from '../core/device.ts';
import type { ConventionSpeaker } from './conventionSpeakers/speaker.ts';
import { type SimulatedConvention, speakersFor } from './conventionSpeakers/speakersFor.ts';
import { describeGatewayEvent, type GatewayEvent } from './gatewayEvent.ts';
import { GATEWAY_USAGE, type GatewayOptions, parseGatewayArgs } from './gatewayOptions.ts';
import { SimulatedRoom } from './simulatedRoom.ts';

/** A dropped room stays away for a random time in this range, long enough to see it offline. */
const AWAY_MIN_MS = 20_000;
const AWAY_MAX_MS = 40_000;
/** Drops come at dropEveryMs, give or take this fraction, so they do not tick like a clock. */
const DROP_JITTER = 0.25;

/** A running sensor gateway simulator. */
export interface Gateway {
  /** The room names, each spoken by every convention. */
  readonly rooms: readonly string[];
  readonly conventions: readonly SimulatedConvention[];
  /**
   * The devices the dashboard shows, by their key (a device is its convention plus its native
   * id): each convention's rooms in order, then its hub (the Zigbee2MQTT bridge):
   * `tasmota/kitchen`, `shelly/shellywalldisplay-kitchen`, `zigbee2mqtt/zigbee2mqtt-bridge`…
   */
  readonly deviceKeys: readonly string[];
  /** Every room publishes its offline state and disconnects cleanly. */
  stop(): Promise<void>;
}

/**
 * Starts one simulated sensor box per room and convention, each its own MQTT client (like a
 * Raspberry Pi per room) speaking its convention (generic by default), plus each convention's hub
 * where it has one, and now and then drops a room abruptly so the Last Will path gets exercised.
 * Resolves once every client has made its first connection attempt; they keep retrying in the
 * background. With several conventions the log names each room with its convention
 * (`tasmota/kitchen`).
 */
export async function startGateway(
  options: GatewayOptions,
  report: (event: GatewayEvent) => void = logGatewayEvent,
  random: () => number = Math.random,
): Promise<Gateway> {
  const conventions = options.conventions ?? ['generic'];
  const simulate = (convention: SimulatedConvention, speaker: ConventionSpeaker): SimulatedRoom => {
    // The room's name stays the speaker's own: it picks the room's climate, and is the log's
    // word when one convention alone makes it unambiguous.
    const reportAs =
      conventions.length === 1
        ? report
        : (event: GatewayEvent) => report({ ...event, room: `${convention}/${event.room}` });
    return new SimulatedRoom(speaker, options, reportAs, random);
  };
  const spoken = conventions.map((convention) => ({ convention, ...speakersFor(convention, options.rooms) }));
  const rooms = spoken.flatMap(({ convention, rooms }) =>
    rooms.map((speaker) => simulate(convention, speaker)),
  );
  const hubs = spoken.flatMap(({ convention, hubs }) => hubs.map((speaker) => simulate(convention, speaker)));
  // The hubs first, so a dashboard sees the bridge online before the devices behind it.
  await Promise.all(hubs.map((hub) => hub.start()));
  await Promise.all(rooms.map((room) => room.start()));

  let dropTimer: NodeJS.Timeout | null = null;
  const scheduleDrop = () => {
    const delayMs = options.dropEveryMs * (1 - DROP_JITTER + 2 * DROP_JITTER * random());
    dropTimer = setTimeout(() => {
      const connected = rooms.filter((room) => room.isConnected);
      const victim = connected[Math.floor(random() * connected.length)];
      victim?.drop(AWAY_MIN_MS + random() * (AWAY_MAX_MS - AWAY_MIN_MS));
      scheduleDrop();
    }, delayMs);
  };
  if (options.dropEveryMs > 0) scheduleDrop();

  return {
    rooms: options.rooms,
    conventions,
    deviceKeys: spoken.flatMap(({ convention, rooms, hubs }) =>
      [...rooms, ...hubs].map((speaker) => deviceKey(convention, speaker.deviceId)),
    ),
    async stop() {
      if (dropTimer) clearTimeout(dropTimer);
      await Promise.all(rooms.map((room) => room.stop()));
      await Promise.all(hubs.map((hub) => hub.stop()));
    },
  };
}

function logGatewayEvent(event: GatewayEvent): void {
  const time = new Date().toTimeString().slice(0, 8);
  console.log(`${time} ${describeGatewayEvent(event)}`);
}

/** The broker address without credentials, for printing. */
function displayedBroker(brokerUrl: string): string {
  const url = new URL(brokerUrl);
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

async function runGatewayCommand(argv: readonly string[]): Promise<void> {
  const command = parseGatewayArgs(argv);
  if (command.kind === 'help') {
    console.log(GATEWAY_USAGE);
    return;
  }
  if (command.kind === 'invalid') {
    console.error(`${command.reason} See --help.`);
    process.exit(2);
  }
  const { options } = command;
  const drops = options.dropEveryMs > 0 ? `a drop about every ${options.dropEveryMs / 1000} s` : 'no drops';
  const conventions = (options.conventions ?? ['generic']).join(', ');
  console.log(
    `Gateway: ${options.rooms.length} room${options.rooms.length === 1 ? '' : 's'} (${options.rooms.join(', ')}) speaking ${conventions} on ${displayedBroker(options.brokerUrl)}, ` +
      `a reading every ${options.intervalMs / 1000} s, ${drops}. Ctrl-C to stop.`,
  );

  const started = startGateway(options);
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait for the goodbyes
    stopping = true;
    console.log('Stopping: each room publishes offline, then disconnects…');
    started
      .then((gateway) => gateway.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  await started;
}

function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === moduleUrl;
  } catch {
    return false;
  }
}

if (isEntryPoint(import.meta.url)) {
  runGatewayCommand(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`Gateway failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
