import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { speakersFor } from './conventionSpeakers/speakersFor.ts';
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
  readonly rooms: readonly string[];
  /**
   * The ids the dashboard shows, the rooms' in order, then the convention's hub's (the
   * Zigbee2MQTT bridge): `kitchen`, `shellywalldisplay-kitchen`, `Main_Floor/kitchen`…
   */
  readonly deviceIds: readonly string[];
  /** Every room publishes its offline state and disconnects cleanly. */
  stop(): Promise<void>;
}

/**
 * Starts one simulated sensor box per room, each its own MQTT client (like a Raspberry Pi per
 * room) speaking `options.convention` (generic by default), plus the convention's hub where it has
 * one, and now and then drops a room abruptly so the Last Will path gets exercised. Resolves once
 * every client has made its first connection attempt; they keep retrying in the background.
 */
export async function startGateway(
  options: GatewayOptions,
  report: (event: GatewayEvent) => void = logGatewayEvent,
  random: () => number = Math.random,
): Promise<Gateway> {
  const speakers = speakersFor(options.convention ?? 'generic', options.rooms);
  const rooms = speakers.rooms.map((speaker) => new SimulatedRoom(speaker, options, report, random));
  const hubs = speakers.hubs.map((speaker) => new SimulatedRoom(speaker, options, report, random));
  // The hub first, so a dashboard sees the bridge online before the devices behind it.
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
    rooms: rooms.map((room) => room.name),
    deviceIds: [...rooms, ...hubs].map((device) => device.deviceId),
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
  const convention = options.convention ?? 'generic';
  console.log(
    `Gateway: ${options.rooms.length} room${options.rooms.length === 1 ? '' : 's'} (${options.rooms.join(', ')}) speaking ${convention} on ${displayedBroker(options.brokerUrl)}, ` +
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
