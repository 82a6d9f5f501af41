import { isIP } from 'node:net';
import { type Checked, checkPort, readFlags } from './commandLine.ts';
import type { SimulatedConvention } from './conventionSpeakers/speakersFor.ts';
import { ALL_CONVENTIONS, checkConventions } from './gatewayOptions.ts';

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
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  port: 8080,
  host: '127.0.0.1',
  mqttPort: 1883,
  simulator: true,
  simulatorConventions: ['generic'],
  dev: false,
};

export const SERVER_USAGE = `Usage: npm start -- [options]   (npm run dev for hot reload)

Serves the Hearth dashboard, an embedded MQTT broker and a sensor gateway simulator.

Options (environment variables in brackets; a flag wins over its variable):
  --port N          HTTP port, also MQTT over WebSocket at /mqtt; 0 picks a free port
                    [HEARTH_PORT, or PORT] (default 8080)
  --host ADDRESS    address to listen on; 0.0.0.0 serves the whole network
                    [HEARTH_HOST] (default 127.0.0.1)
  --mqtt-port N     plain MQTT over TCP for devices; 0 turns it off
                    [HEARTH_MQTT_PORT] (default 1883)
  --no-simulator    do not start the built-in sensor gateway simulator
                    [HEARTH_SIMULATOR=0]
  --convention LIST the device conventions the simulator speaks, each with every room:
                    ${ALL_CONVENTIONS}, or a comma list of generic, tasmota, zigbee2mqtt, homie,
                    homeassistant, shelly, homeseer (see npm run gateway -- --help)
                    [HEARTH_SIMULATOR_CONVENTION] (default generic)
  --dev             serve the sources through Vite with hot reload, no build
  --help            show this help`;

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

  const simulator = values['no-simulator']
    ? { ok: true as const, value: false }
    : checkSwitch(env, 'HEARTH_SIMULATOR');
  if (!simulator.ok) return { kind: 'invalid', reason: simulator.reason };
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

  const defaults = DEFAULT_SERVER_OPTIONS;
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
      simulator: simulator.value ?? defaults.simulator,
      simulatorConventions: checkedConventions?.value ?? defaults.simulatorConventions,
      dev: values.dev ?? defaults.dev,
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
