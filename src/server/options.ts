import { isIP } from 'node:net';
import { createCommandTopics } from './accounts/commandTopics.ts';
import { type Checked, checkPort, readFlags } from './commandLine.ts';
import type { SimulatedConvention } from './conventionSpeakers/speakersFor.ts';
import { ALL_CONVENTIONS, checkConventions } from './gatewayOptions.ts';
import { DEFAULT_RETENTION, type Retention } from './recorder/storage.ts';
import {
  checkBrokerUrl,
  checkBrokerWsUrl,
  checkDatabase,
  checkDuration,
  type DatabaseTarget,
} from './recorderOptions.ts';

/** How `npm start` runs: where it listens and which parts it starts. */
export interface ServerOptions {
  /** HTTP port for the dashboard and MQTT over WebSocket; 0 picks a free one. */
  port: number;
  /** Address to bind both HTTP and MQTT over TCP to. */
  host: string;
  /** Plain MQTT over TCP, or off. */
  mqttPort: number | 'off';
  simulator: boolean;
  /** The device conventions the simulator's rooms speak, each with every room. */
  simulatorConventions: readonly SimulatedConvention[];
  /** Vite with hot reload instead of the built dashboard. */
  dev: boolean;
  /** The server's only state on disk: the SQLite history, the house layout and the broker's persistence. */
  dataDir: string;
  /** Where history goes; null: SQLite at `<dataDir>/hearth.db`. */
  database: DatabaseTarget | null;
  /** Record history and answer its /api; off: neither database nor history API (the layout's stays). */
  recorder: boolean;
  retention: Retention;
  /** Record from this broker instead of running the embedded one. */
  externalBroker: ExternalBroker | null;
  /**
   * Serve beyond loopback with no accounts, open to anyone on the network (warned on every
   * start); without it Hearth refuses such a start (accounts/startPolicy.ts).
   */
  allowAnonymous: boolean;
  /** The certificate and key for HTTPS, WSS and MQTTS; null: plain HTTP and MQTT. */
  tls: TlsFiles | null;
  /** MQTT over TLS for devices; used only with `tls`, and only by the embedded broker. */
  mqttsPort: number | 'off';
  /**
   * Command topics (MQTT filters) beyond the conventions' own and those Home Assistant discovery
   * announces: `control` accounts may publish to them, devices subscribe to their own.
   */
  commandTopics: string[];
}

/** Files as given on the command line; read (and refused if unreadable) when the server starts. */
export interface TlsFiles {
  /** PEM certificate chain, the server's certificate first. */
  certFile: string;
  /** PEM private key of that certificate. */
  keyFile: string;
}

/** A broker Hearth records from (and the simulator publishes to) instead of its own. */
export interface ExternalBroker {
  /** `mqtt://host[:port]` or `mqtts://…`. */
  url: string;
  username: string | null;
  password: string | null;
  /** What dashboards should connect to (`/api/devices` says it); null if not given. */
  wsUrl: string | null;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  port: 8080,
  host: '127.0.0.1',
  mqttPort: 1883,
  simulator: true,
  simulatorConventions: ['generic'],
  dev: false,
  dataDir: './data',
  database: null,
  recorder: true,
  retention: DEFAULT_RETENTION,
  externalBroker: null,
  allowAnonymous: false,
  tls: null,
  mqttsPort: 8883,
  commandTopics: [],
};

export const SERVER_USAGE = `Usage: npm start -- [options]   (npm run dev for hot reload)

Serves the Hearth dashboard, an embedded MQTT broker, a sensor gateway simulator, and records
the house's history for the dashboard's charts (GET /api/devices, /api/history, /api/events)
and keeps its rooms, names and views (/api/layout).

Options (environment variables in brackets; a flag wins over its variable):
  --port N          HTTP port, also MQTT over WebSocket at /mqtt; 0 picks a free port
                    [HEARTH_PORT, or PORT] (default 8080)
  --host ADDRESS    address to listen on; 0.0.0.0 serves the whole network
                    [HEARTH_HOST] (default 127.0.0.1)
  --mqtt-port N     plain MQTT over TCP for devices; 0 turns it off
                    [HEARTH_MQTT_PORT] (default 1883)
  --allow-anonymous on an address other than loopback with no accounts yet, start anyway, open
                    to anyone on the network (Hearth warns on every start); without it Hearth
                    refuses and says how to add the first account [HEARTH_ALLOW_ANONYMOUS=1]
  --no-simulator    do not start the built-in sensor gateway simulator
                    [HEARTH_SIMULATOR=0]
  --simulator       start it even with --broker (it then publishes there) [HEARTH_SIMULATOR=1]
  --convention LIST the device conventions the simulator speaks, each with every room:
                    ${ALL_CONVENTIONS}, or a comma list of generic, tasmota, zigbee2mqtt, homie,
                    homeassistant, shelly, homeseer (see npm run gateway -- --help)
                    [HEARTH_SIMULATOR_CONVENTION] (default generic)
  --dev             serve the sources through Vite with hot reload, no build
  --help            show this help

TLS (both files or neither; without them passwords cross the network in clear):
  --tls-cert FILE   PEM certificate for HTTPS and WSS on the HTTP port, and MQTTS
                    [HEARTH_TLS_CERT]
  --tls-key FILE    its PEM private key [HEARTH_TLS_KEY]
  --mqtts-port N    MQTT over TLS for devices; 0 turns it off [HEARTH_MQTTS_PORT] (default 8883)

Accounts (add them with npm run user -- add NAME --role owner|control|view|device):
  --command-topics LIST
                    more topics (MQTT filters, comma-separated) that control accounts may
                    publish to, beyond the conventions' command topics and those Home
                    Assistant discovery announces [HEARTH_COMMAND_TOPICS]

History:
  --data-dir DIR    where Hearth keeps its state: hearth.db (history), layout.json (rooms,
                    names and views) and broker/ (retained messages and sessions); created if
                    missing [HEARTH_DATA_DIR] (default ./data)
  --database URL    postgres://user:password@host:5432/db for a bigger site, or sqlite:FILE
                    [HEARTH_DATABASE] (default SQLite in the data directory)
  --no-recorder     record nothing, no database; /api answers 404 but for /api/layout
                    [HEARTH_RECORDER=0]
  --keep-raw D      how long every reading is kept [HEARTH_KEEP_RAW] (default 10d)
  --keep-rollups D  5-minute min/mean/max [HEARTH_KEEP_ROLLUPS] (default 1y)
  --keep-hourly D   hourly min/mean/max [HEARTH_KEEP_HOURLY] (default forever)
  --keep-events D   online/offline, switches, alerts, outages [HEARTH_KEEP_EVENTS] (default 1y)
                    (D: 36h, 10d, 52w, 1y or forever)

External broker (instead of the embedded one: no /mqtt, no TCP listener, no simulator):
  --broker URL      mqtt://host[:port] or mqtts://host[:port] to record from [HEARTH_BROKER]
  --broker-username U, --broker-password P
                    its credentials [HEARTH_BROKER_USERNAME, HEARTH_BROKER_PASSWORD]
  --broker-ws URL   the ws:// or wss:// URL dashboards use for it [HEARTH_BROKER_WS]`;

export type ServerCommand =
  | { kind: 'run'; options: ServerOptions }
  | { kind: 'help' }
  | { kind: 'invalid'; reason: string };

type Environment = Readonly<Record<string, string | undefined>>;

/** Reads the server's command line and environment; a flag wins over its environment variable. */
export function parseServerArgs(argv: readonly string[], env: Environment): ServerCommand {
  const flags = readFlags(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    'mqtt-port': { type: 'string' },
    'no-simulator': { type: 'boolean' },
    convention: { type: 'string' },
    dev: { type: 'boolean' },
    help: { type: 'boolean' },
    simulator: { type: 'boolean' },
    'data-dir': { type: 'string' },
    database: { type: 'string' },
    'no-recorder': { type: 'boolean' },
    'keep-raw': { type: 'string' },
    'keep-rollups': { type: 'string' },
    'keep-hourly': { type: 'string' },
    'keep-events': { type: 'string' },
    broker: { type: 'string' },
    'broker-username': { type: 'string' },
    'broker-password': { type: 'string' },
    'broker-ws': { type: 'string' },
    'allow-anonymous': { type: 'boolean' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'mqtts-port': { type: 'string' },
    'command-topics': { type: 'string' },
  });
  if (!flags.ok) return { kind: 'invalid', reason: flags.reason };
  const values = flags.value;
  if (values.help) return { kind: 'help' };

  const port = pick(values.port, '--port', env, ['HEARTH_PORT', 'PORT']);
  const checkedPort = port ? checkPort(port.text, port.source) : null;
  if (checkedPort && !checkedPort.ok) return { kind: 'invalid', reason: checkedPort.reason };

  const host = pick(values.host, '--host', env, ['HEARTH_HOST']);
  const checkedHost = host ? checkHost(host.text, host.source) : null;
  if (checkedHost && !checkedHost.ok) return { kind: 'invalid', reason: checkedHost.reason };

  const mqttPort = pick(values['mqtt-port'], '--mqtt-port', env, ['HEARTH_MQTT_PORT']);
  const checkedMqttPort = mqttPort ? checkPort(mqttPort.text, mqttPort.source) : null;
  if (checkedMqttPort && !checkedMqttPort.ok) return { kind: 'invalid', reason: checkedMqttPort.reason };

  const defaults = DEFAULT_SERVER_OPTIONS;
  const externalBroker = readExternalBroker(values, env);
  if (!externalBroker.ok) return { kind: 'invalid', reason: externalBroker.reason };
  if (externalBroker.value && values['mqtt-port'] !== undefined) {
    return {
      kind: 'invalid',
      reason: '--mqtt-port opens the embedded broker, which does not run with --broker; drop one of them.',
    };
  }
  const access = readAccessOptions(values, env);
  if (!access.ok) return { kind: 'invalid', reason: access.reason };
  if (externalBroker.value && values['mqtts-port'] !== undefined) {
    return {
      kind: 'invalid',
      reason: '--mqtts-port opens the embedded broker, which does not run with --broker; drop one of them.',
    };
  }
  const mqttPortValue = checkedMqttPort?.value ?? defaults.mqttPort;
  if (access.value.tls && access.value.mqttsPort !== 'off' && access.value.mqttsPort === mqttPortValue) {
    return {
      kind: 'invalid',
      reason: `MQTT and MQTTS cannot share port ${mqttPortValue}; give --mqtt-port or --mqtts-port another.`,
    };
  }
  const history = readHistoryOptions(values, env);
  if (!history.ok) return { kind: 'invalid', reason: history.reason };

  if (values.simulator && values['no-simulator'])
    return { kind: 'invalid', reason: 'Give --simulator or --no-simulator, not both.' };
  const simulatorSwitch = checkSwitch(env, 'HEARTH_SIMULATOR');
  if (!simulatorSwitch.ok) return { kind: 'invalid', reason: simulatorSwitch.reason };
  // An external broker is someone's real house: simulated rooms join it only when asked.
  const simulator = values['no-simulator']
    ? false
    : (values.simulator ?? simulatorSwitch.value ?? externalBroker.value === null);
  if (values.convention !== undefined && values['no-simulator']) {
    return {
      kind: 'invalid',
      reason: '--convention is what the simulator speaks; drop --no-simulator to use it.',
    };
  }
  const convention = pick(values.convention, '--convention', env, ['HEARTH_SIMULATOR_CONVENTION']);
  const checkedConventions = convention ? checkConventions(convention.text, convention.source) : null;
  if (checkedConventions && !checkedConventions.ok)
    return { kind: 'invalid', reason: checkedConventions.reason };

  return {
    kind: 'run',
    options: {
      port: checkedPort?.value ?? defaults.port,
      host: checkedHost?.value ?? defaults.host,
      mqttPort: checkedMqttPort
        ? checkedMqttPort.value === 0
          ? 'off'
          : checkedMqttPort.value
        : defaults.mqttPort,
      simulator,
      simulatorConventions: checkedConventions?.value ?? defaults.simulatorConventions,
      dev: values.dev ?? defaults.dev,
      ...history.value,
      externalBroker: externalBroker.value,
      ...access.value,
    },
  };
}

type AccessOptions = Pick<ServerOptions, 'allowAnonymous' | 'tls' | 'mqttsPort' | 'commandTopics'>;

/** Who may come in and over what: --allow-anonymous, the TLS files and the MQTTS port. */
function readAccessOptions(
  values: Partial<Record<string, string | boolean>>,
  env: Environment,
): Checked<AccessOptions> {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const anonymousSwitch = checkSwitch(env, 'HEARTH_ALLOW_ANONYMOUS');
  if (!anonymousSwitch.ok) return anonymousSwitch;
  const allowAnonymous = values['allow-anonymous'] === true || anonymousSwitch.value === true;

  const cert = pick(text('tls-cert'), '--tls-cert', env, ['HEARTH_TLS_CERT']);
  const key = pick(text('tls-key'), '--tls-key', env, ['HEARTH_TLS_KEY']);
  const blank = [cert, key].find((given) => given && given.text.trim() === '');
  if (blank) return { ok: false, reason: `${blank.source} must name a PEM file (got '').` };
  if (cert && !key)
    return {
      ok: false,
      reason: `${cert.source} needs its private key too: give --tls-key FILE (or HEARTH_TLS_KEY) as well, or neither.`,
    };
  if (key && !cert)
    return {
      ok: false,
      reason: `${key.source} needs its certificate too: give --tls-cert FILE (or HEARTH_TLS_CERT) as well, or neither.`,
    };
  const tls = cert && key ? { certFile: cert.text.trim(), keyFile: key.text.trim() } : null;

  const mqttsPort = pick(text('mqtts-port'), '--mqtts-port', env, ['HEARTH_MQTTS_PORT']);
  const checkedMqttsPort = mqttsPort ? checkPort(mqttsPort.text, mqttsPort.source) : null;
  if (checkedMqttsPort && !checkedMqttsPort.ok) return checkedMqttsPort;
  // Only the flag is refused without TLS: a variable may sit in an environment shared by starts.
  if (!tls && values['mqtts-port'] !== undefined)
    return { ok: false, reason: '--mqtts-port is MQTT over TLS; give --tls-cert and --tls-key to use it.' };
  const commandList = pick(text('command-topics'), '--command-topics', env, ['HEARTH_COMMAND_TOPICS']);
  const commandTopics = (commandList?.text ?? '')
    .split(',')
    .map((filter) => filter.trim())
    .filter((filter) => filter.length > 0);
  const checkedCommands = createCommandTopics({ extraCommandTopics: commandTopics });
  if (!checkedCommands.ok) return { ok: false, reason: `${commandList?.source}: ${checkedCommands.reason}` };
  return {
    ok: true,
    value: {
      allowAnonymous,
      tls,
      commandTopics,
      mqttsPort: checkedMqttsPort
        ? checkedMqttsPort.value === 0
          ? 'off'
          : checkedMqttsPort.value
        : DEFAULT_SERVER_OPTIONS.mqttsPort,
    },
  };
}

type HistoryOptions = Pick<ServerOptions, 'dataDir' | 'database' | 'recorder' | 'retention'>;

const RETENTION_FLAGS = [
  ['keep-raw', 'HEARTH_KEEP_RAW', 'rawMs'],
  ['keep-rollups', 'HEARTH_KEEP_ROLLUPS', 'fiveMinuteMs'],
  ['keep-hourly', 'HEARTH_KEEP_HOURLY', 'hourlyMs'],
  ['keep-events', 'HEARTH_KEEP_EVENTS', 'eventsMs'],
] as const;

function readHistoryOptions(
  values: Partial<Record<string, string | boolean>>,
  env: Environment,
): Checked<HistoryOptions> {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const recorderSwitch = checkSwitch(env, 'HEARTH_RECORDER');
  if (!recorderSwitch.ok) return recorderSwitch;
  const recorder = values['no-recorder'] ? false : (recorderSwitch.value ?? true);
  if (!recorder) {
    const needsRecorder = ['database', ...RETENTION_FLAGS.map(([flag]) => flag)].find(
      (flag) => text(flag) !== undefined,
    );
    if (needsRecorder)
      return { ok: false, reason: `--${needsRecorder} is for the recorder; drop --no-recorder to use it.` };
  }

  const dataDir = pick(text('data-dir'), '--data-dir', env, ['HEARTH_DATA_DIR']);
  if (dataDir && dataDir.text.trim() === '')
    return { ok: false, reason: `${dataDir.source} must name a directory (got '').` };

  const database = pick(text('database'), '--database', env, ['HEARTH_DATABASE']);
  const checkedDatabase = database ? checkDatabase(database.text, database.source) : null;
  if (checkedDatabase && !checkedDatabase.ok) return checkedDatabase;

  const retention: Retention = { ...DEFAULT_RETENTION };
  for (const [flag, variable, tier] of RETENTION_FLAGS) {
    const given = pick(text(flag), `--${flag}`, env, [variable]);
    if (!given) continue;
    const checked = checkDuration(given.text, given.source);
    if (!checked.ok) return checked;
    retention[tier] = checked.value;
  }
  return {
    ok: true,
    value: {
      dataDir: dataDir?.text.trim() ?? DEFAULT_SERVER_OPTIONS.dataDir,
      database: checkedDatabase?.value ?? null,
      recorder,
      retention,
    },
  };
}

function readExternalBroker(
  values: Partial<Record<string, string | boolean>>,
  env: Environment,
): Checked<ExternalBroker | null> {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const broker = pick(text('broker'), '--broker', env, ['HEARTH_BROKER']);
  const username = pick(text('broker-username'), '--broker-username', env, ['HEARTH_BROKER_USERNAME']);
  const password = pick(text('broker-password'), '--broker-password', env, ['HEARTH_BROKER_PASSWORD']);
  const wsUrl = pick(text('broker-ws'), '--broker-ws', env, ['HEARTH_BROKER_WS']);
  if (!broker) {
    const orphan = [username, password, wsUrl].find((given) => given?.source.startsWith('--'));
    if (orphan) return { ok: false, reason: `${orphan.source} belongs with --broker mqtt://host:port.` };
    return { ok: true, value: null };
  }
  const url = checkBrokerUrl(broker.text, broker.source);
  if (!url.ok) return url;
  const checkedWs = wsUrl ? checkBrokerWsUrl(wsUrl.text, wsUrl.source) : null;
  if (checkedWs && !checkedWs.ok) return checkedWs;
  return {
    ok: true,
    value: {
      url: url.value,
      username: username?.text ?? null,
      password: password?.text ?? null,
      wsUrl: checkedWs?.value ?? null,
    },
  };
}

/**
 * Whether `host` only accepts connections from this machine. Anything else exposes the embedded
 * broker, which has no authentication, to the network.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** The flag's value if given, else the first environment variable set (empty counts as unset). */
function pick(
  flag: string | undefined,
  flagName: string,
  env: Environment,
  variables: readonly string[],
): { text: string; source: string } | null {
  if (flag !== undefined) return { text: flag, source: flagName };
  for (const name of variables) {
    const text = env[name];
    if (text !== undefined && text.trim() !== '') return { text, source: name };
  }
  return null;
}

function checkHost(text: string, source: string): Checked<string> {
  const host = text.trim().replace(/^\[(.*)\]$/, '$1');
  const hostname = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
  if (isIP(host) !== 0 || hostname.test(host)) return { ok: true, value: host };
  return { ok: false, reason: `${source} must be an IP address or host name, like 0.0.0.0 (got '${text}').` };
}

/** An on/off environment variable; unset gives no value, so the default applies. */
function checkSwitch(env: Environment, name: string): Checked<boolean | undefined> {
  const text = env[name]?.trim().toLowerCase();
  if (text === undefined || text === '') return { ok: true, value: undefined };
  if (['0', 'false', 'off', 'no'].includes(text)) return { ok: true, value: false };
  if (['1', 'true', 'on', 'yes'].includes(text)) return { ok: true, value: true };
  return { ok: false, reason: `${name} must be 1 or 0 (got '${env[name]}').` };
}
