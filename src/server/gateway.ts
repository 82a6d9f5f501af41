import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { GATEWAY_USAGE, type GatewayOptions, parseGatewayArgs } from './gatewayOptions.ts';
import { describeGatewayEvent, type GatewayEvent, SimulatedRoom } from './simulatedRoom.ts';

/** A dropped room stays away for a random time in this range, long enough to see it offline. */
const AWAY_MIN_MS = 20_000;
const AWAY_MAX_MS = 40_000;
/** Drops come at dropEveryMs, give or take this fraction, so they do not tick like a clock. */
const DROP_JITTER = 0.25;

/** A running sensor gateway simulator. */
export interface Gateway {
  readonly rooms: readonly string[];
  /** Every room publishes its retained `offline` and disconnects cleanly. */
  stop(): Promise<void>;
}

/**
 * Starts one simulated sensor box per room, each its own MQTT client (like a Raspberry Pi per
 * room), and now and then drops one abruptly so the Last Will path gets exercised. Resolves once
 * every room has made its first connection attempt; rooms keep retrying in the background.
 */
export async function startGateway(
  options: GatewayOptions,
  report: (event: GatewayEvent) => void = logGatewayEvent,
  random: () => number = Math.random,
): Promise<Gateway> {
  const rooms = options.rooms.map((name) => new SimulatedRoom(name, options, report, random));
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
    async stop() {
      if (dropTimer) clearTimeout(dropTimer);
      await Promise.all(rooms.map((room) => room.stop()));
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
  console.log(
    `Gateway: ${options.rooms.length} room${options.rooms.length === 1 ? '' : 's'} (${options.rooms.join(', ')}) on ${displayedBroker(options.brokerUrl)}, ` +
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
