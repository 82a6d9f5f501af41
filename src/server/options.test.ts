import { describe, expect, it } from 'vitest';
import { SIMULATED_CONVENTIONS } from './conventionSpeakers/speakersFor.ts';
import { isLoopbackHost, parseServerArgs, SERVER_USAGE } from './options.ts';
import { DEFAULT_RETENTION } from './recorder/storage.ts';

const DAY_MS = 24 * 3600_000;
const HISTORY_DEFAULTS = {
  dataDir: './data',
  database: null,
  recorder: true,
  retention: DEFAULT_RETENTION,
  externalBroker: null,
};
const ACCESS_DEFAULTS = { allowAnonymous: false, tls: null, mqttsPort: 8883, commandTopics: [] };

const run = (argv: string[], env: Record<string, string> = {}) => parseServerArgs(argv, env);

describe('parseServerArgs', () => {
  it('serves on 127.0.0.1:8080 with TCP MQTT on 1883 and the simulator, given nothing', () => {
    expect(run([])).toEqual({
      kind: 'run',
      options: {
        port: 8080,
        host: '127.0.0.1',
        mqttPort: 1883,
        simulator: true,
        simulatorConventions: ['generic'],
        dev: false,
        ...HISTORY_DEFAULTS,
        ...ACCESS_DEFAULTS,
      },
    });
  });

  it('reads every flag', () => {
    expect(
      run(['--port', '9000', '--host=0.0.0.0', '--mqtt-port', '18830', '--no-simulator', '--dev']),
    ).toEqual({
      kind: 'run',
      options: {
        port: 9000,
        host: '0.0.0.0',
        mqttPort: 18830,
        simulator: false,
        simulatorConventions: ['generic'],
        dev: true,
        ...HISTORY_DEFAULTS,
        ...ACCESS_DEFAULTS,
      },
    });
  });

  it('reads the environment when no flag is given', () => {
    const env = {
      HEARTH_PORT: '9001',
      HEARTH_HOST: '192.168.1.5',
      HEARTH_MQTT_PORT: '0',
      HEARTH_SIMULATOR: '0',
    };
    expect(run([], env)).toEqual({
      kind: 'run',
      options: {
        port: 9001,
        host: '192.168.1.5',
        mqttPort: 'off',
        simulator: false,
        simulatorConventions: ['generic'],
        dev: false,
        ...HISTORY_DEFAULTS,
        ...ACCESS_DEFAULTS,
      },
    });
  });

  it('lets the simulator speak a device convention', () => {
    expect(run(['--convention', 'tasmota'])).toMatchObject({
      options: { simulatorConventions: ['tasmota'] },
    });
    expect(run([], { HEARTH_SIMULATOR_CONVENTION: 'homie' })).toMatchObject({
      options: { simulatorConventions: ['homie'] },
    });
  });

  it('lets the simulator speak every convention, or a list of them, side by side', () => {
    expect(run(['--convention', 'all'])).toMatchObject({
      options: {
        simulatorConventions: [
          'generic',
          'tasmota',
          'zigbee2mqtt',
          'homie',
          'homeassistant',
          'shelly',
          'homeseer',
        ],
      },
    });
    expect(run([], { HEARTH_SIMULATOR_CONVENTION: 'shelly,zigbee2mqtt' })).toMatchObject({
      options: { simulatorConventions: ['shelly', 'zigbee2mqtt'] },
    });
  });

  it('lets a flag win over its environment variable', () => {
    const command = run(['--port', '9002', '--mqtt-port', '1884'], {
      HEARTH_PORT: '9001',
      HEARTH_MQTT_PORT: '0',
    });
    expect(command).toMatchObject({ kind: 'run', options: { port: 9002, mqttPort: 1884 } });
  });

  it('takes PORT, as hosting platforms set it, but prefers HEARTH_PORT', () => {
    expect(run([], { PORT: '3000' })).toMatchObject({ options: { port: 3000 } });
    expect(run([], { PORT: '3000', HEARTH_PORT: '3001' })).toMatchObject({ options: { port: 3001 } });
  });

  it('treats an empty environment variable as unset', () => {
    expect(run([], { HEARTH_PORT: '', HEARTH_SIMULATOR: '' })).toMatchObject({
      options: { port: 8080, simulator: true },
    });
  });

  it('turns TCP MQTT off with port 0, and lets HTTP pick a free port with 0', () => {
    expect(run(['--mqtt-port', '0', '--port', '0'])).toMatchObject({ options: { mqttPort: 'off', port: 0 } });
  });

  it('accepts an IPv6 address, with or without brackets', () => {
    expect(run(['--host', '[::1]'])).toMatchObject({ options: { host: '::1' } });
    expect(run(['--host', '::'])).toMatchObject({ options: { host: '::' } });
  });

  it('asks for help', () => {
    expect(run(['--help'])).toEqual({ kind: 'help' });
  });

  it('names every convention the simulator speaks in its help', () => {
    for (const convention of SIMULATED_CONVENTIONS) expect(SERVER_USAGE).toContain(convention);
  });

  it.each([
    [['--port', '80800'], {}, "--port must be a port number from 0 to 65535 (got '80800')."],
    [['--port', '80a'], {}, "--port must be a port number from 0 to 65535 (got '80a')."],
    [[], { PORT: 'http' }, "PORT must be a port number from 0 to 65535 (got 'http')."],
    [['--mqtt-port', '-1'], {}, 'Option --mqtt-port needs a value.'],
    [
      [],
      { HEARTH_MQTT_PORT: '1883.5' },
      "HEARTH_MQTT_PORT must be a port number from 0 to 65535 (got '1883.5').",
    ],
    [
      ['--host', 'http://0.0.0.0'],
      {},
      "--host must be an IP address or host name, like 0.0.0.0 (got 'http://0.0.0.0').",
    ],
    [[], { HEARTH_SIMULATOR: 'maybe' }, "HEARTH_SIMULATOR must be 1 or 0 (got 'maybe')."],
    [['--simulators'], {}, 'Unknown option --simulators.'],
    [
      ['--convention', 'zwave'],
      {},
      "--convention must be all or a comma list of generic, tasmota, zigbee2mqtt, homie, homeassistant, shelly, homeseer (got 'zwave').",
    ],
    [
      [],
      { HEARTH_SIMULATOR_CONVENTION: 'hue' },
      "HEARTH_SIMULATOR_CONVENTION must be all or a comma list of generic, tasmota, zigbee2mqtt, homie, homeassistant, shelly, homeseer (got 'hue').",
    ],
    [
      [],
      { HEARTH_SIMULATOR_CONVENTION: 'tasmota,tasmota' },
      'HEARTH_SIMULATOR_CONVENTION lists tasmota twice.',
    ],
    [
      ['--convention', 'shelly', '--no-simulator'],
      {},
      '--convention is what the simulator speaks; drop --no-simulator to use it.',
    ],
    [['--port'], {}, 'Option --port needs a value.'],
    [['8080'], {}, 'Unexpected argument 8080: options start with --.'],
  ])('rejects %j %j with one clear line', (argv, env, reason) => {
    expect(run(argv, env)).toEqual({ kind: 'invalid', reason });
  });
});

describe('parseServerArgs: history and an external broker', () => {
  it('keeps history in ./data with SQLite, raw 10 days, rollups a year, hourly for ever', () => {
    expect(run([])).toMatchObject({ options: HISTORY_DEFAULTS });
    expect(DEFAULT_RETENTION).toEqual({
      rawMs: 10 * DAY_MS,
      fiveMinuteMs: 365 * DAY_MS,
      hourlyMs: null,
      eventsMs: 365 * DAY_MS,
    });
  });

  it('reads the data directory and database from flags or the environment', () => {
    expect(run(['--data-dir', '/var/lib/hearth', '--database', 'sqlite:/tmp/h.db'])).toMatchObject({
      options: { dataDir: '/var/lib/hearth', database: { kind: 'sqlite', path: '/tmp/h.db' } },
    });
    const url = 'postgres://hearth:secret@db.local:5433/hearth';
    expect(run([], { HEARTH_DATA_DIR: 'state', HEARTH_DATABASE: url })).toMatchObject({
      options: { dataDir: 'state', database: { kind: 'postgres', url } },
    });
    expect(run(['--database', 'postgresql://db.local/hearth'])).toMatchObject({
      options: { database: { kind: 'postgres', url: 'postgresql://db.local/hearth' } },
    });
  });

  it('reads retention as hours, days, weeks, years or forever', () => {
    const command = run(['--keep-raw', '36h', '--keep-rollups', '52w', '--keep-hourly', '2y'], {
      HEARTH_KEEP_EVENTS: 'forever',
      HEARTH_KEEP_RAW: '3d',
    });
    expect(command).toMatchObject({
      options: {
        retention: {
          rawMs: 36 * 3600_000,
          fiveMinuteMs: 52 * 7 * DAY_MS,
          hourlyMs: 730 * DAY_MS,
          eventsMs: null,
        },
      },
    });
  });

  it('turns the recorder off with --no-recorder or HEARTH_RECORDER=0', () => {
    expect(run(['--no-recorder'])).toMatchObject({ options: { recorder: false } });
    expect(run([], { HEARTH_RECORDER: '0' })).toMatchObject({ options: { recorder: false } });
  });

  it('records from an external broker, without the simulator unless asked', () => {
    const command = run([
      '--broker',
      'mqtts://broker.example.com:8883',
      '--broker-username',
      'hearth',
      '--broker-password',
      'secret',
      '--broker-ws',
      'wss://broker.example.com:8084/mqtt',
    ]);
    expect(command).toMatchObject({
      options: {
        simulator: false,
        externalBroker: {
          url: 'mqtts://broker.example.com:8883',
          username: 'hearth',
          password: 'secret',
          wsUrl: 'wss://broker.example.com:8084/mqtt',
        },
      },
    });
    expect(run(['--broker', 'mqtt://192.168.1.2', '--simulator'])).toMatchObject({
      options: {
        simulator: true,
        externalBroker: { url: 'mqtt://192.168.1.2', username: null, wsUrl: null },
      },
    });
    expect(run([], { HEARTH_BROKER: 'mqtt://nas:1883', HEARTH_BROKER_PASSWORD: 'p' })).toMatchObject({
      options: { simulator: false, externalBroker: { url: 'mqtt://nas:1883', password: 'p' } },
    });
  });

  it('never repeats a password in a reason', () => {
    const command = run(['--database', 'mysql://hearth:hunter2@db/hearth']);
    expect(command).toEqual({
      kind: 'invalid',
      reason:
        "--database must be postgres://user:password@host:port/database or sqlite:FILE (got 'mysql://hearth:***@db/hearth').",
    });
    expect(JSON.stringify(run(['--broker', 'http://u:hunter2@nas']))).not.toContain('hunter2');
  });

  it.each([
    [
      ['--keep-raw', '10'],
      {},
      "--keep-raw must be a duration of at least an hour like 36h, 10d, 52w or 1y, or forever (got '10').",
    ],
    [
      [],
      { HEARTH_KEEP_HOURLY: '0d' },
      "HEARTH_KEEP_HOURLY must be a duration of at least an hour like 36h, 10d, 52w or 1y, or forever (got '0d').",
    ],
    [
      ['--keep-events', '1 month'],
      {},
      "--keep-events must be a duration of at least an hour like 36h, 10d, 52w or 1y, or forever (got '1 month').",
    ],
    [
      [],
      { HEARTH_DATABASE: 'hearth.db' },
      "HEARTH_DATABASE must be postgres://user:password@host:port/database or sqlite:FILE (got 'hearth.db').",
    ],
    [['--database', 'sqlite:'], {}, '--database needs a file after sqlite:, like sqlite:data/hearth.db.'],
    [
      ['--broker', 'ws://nas:9001'],
      {},
      "--broker must be mqtt://host[:port] or mqtts://host[:port] (got 'ws://nas:9001').",
    ],
    [
      ['--broker', 'mqtt://nas', '--broker-ws', 'mqtt://nas'],
      {},
      "--broker-ws must be a ws:// or wss:// URL without credentials, like wss://broker.example.com:8084/mqtt (got 'mqtt://nas').",
    ],
    [['--broker-ws', 'ws://nas:9001'], {}, '--broker-ws belongs with --broker mqtt://host:port.'],
    [
      ['--broker', 'mqtt://nas', '--mqtt-port', '1883'],
      {},
      '--mqtt-port opens the embedded broker, which does not run with --broker; drop one of them.',
    ],
    [['--simulator', '--no-simulator'], {}, 'Give --simulator or --no-simulator, not both.'],
    [
      ['--no-recorder', '--keep-raw', '1d'],
      {},
      '--keep-raw is for the recorder; drop --no-recorder to use it.',
    ],
    [
      ['--no-recorder', '--database', 'sqlite:x.db'],
      {},
      '--database is for the recorder; drop --no-recorder to use it.',
    ],
    [[], { HEARTH_RECORDER: 'sometimes' }, "HEARTH_RECORDER must be 1 or 0 (got 'sometimes')."],
  ])('rejects %j %j with one clear line', (argv, env, reason) => {
    expect(run(argv, env)).toEqual({ kind: 'invalid', reason });
  });
});

describe('parseServerArgs: anonymous access and TLS', () => {
  const TLS = { certFile: 'certs/hearth.pem', keyFile: 'certs/hearth-key.pem' };

  it('opens nobody in by default: no anonymous access, no TLS, MQTTS on 8883 for when TLS is given', () => {
    expect(run([])).toMatchObject({ options: ACCESS_DEFAULTS });
  });

  it('allows anonymous access with --allow-anonymous', () => {
    expect(run(['--allow-anonymous'])).toMatchObject({ options: { allowAnonymous: true } });
  });

  it('allows anonymous access with HEARTH_ALLOW_ANONYMOUS=1', () => {
    expect(run([], { HEARTH_ALLOW_ANONYMOUS: '1' })).toMatchObject({ options: { allowAnonymous: true } });
  });

  it('keeps anonymous access off with HEARTH_ALLOW_ANONYMOUS=0', () => {
    expect(run([], { HEARTH_ALLOW_ANONYMOUS: '0' })).toMatchObject({ options: { allowAnonymous: false } });
  });

  it('reads the certificate and its key from flags', () => {
    expect(run(['--tls-cert', TLS.certFile, '--tls-key', TLS.keyFile])).toMatchObject({
      options: { tls: TLS, mqttsPort: 8883 },
    });
  });

  it('reads the certificate and its key from the environment', () => {
    expect(run([], { HEARTH_TLS_CERT: TLS.certFile, HEARTH_TLS_KEY: TLS.keyFile })).toMatchObject({
      options: { tls: TLS },
    });
  });

  it('moves MQTTS to another port, or turns it off with 0', () => {
    const tlsFlags = ['--tls-cert', TLS.certFile, '--tls-key', TLS.keyFile];
    expect(run([...tlsFlags, '--mqtts-port', '18883'])).toMatchObject({ options: { mqttsPort: 18883 } });
    expect(run([...tlsFlags, '--mqtts-port', '0'])).toMatchObject({ options: { mqttsPort: 'off' } });
    expect(run(tlsFlags, { HEARTH_MQTTS_PORT: '8884' })).toMatchObject({ options: { mqttsPort: 8884 } });
  });

  it('ignores HEARTH_MQTTS_PORT without TLS, as a variable may be shared by several starts', () => {
    expect(run([], { HEARTH_MQTTS_PORT: '8884' })).toMatchObject({ kind: 'run' });
  });

  it('lists the new options in its help', () => {
    for (const flag of ['--allow-anonymous', '--tls-cert', '--tls-key', '--mqtts-port'])
      expect(SERVER_USAGE).toContain(flag);
  });

  it.each([
    [
      ['--tls-cert', 'hearth.pem'],
      {},
      '--tls-cert needs its private key too: give --tls-key FILE (or HEARTH_TLS_KEY) as well, or neither.',
    ],
    [
      [],
      { HEARTH_TLS_KEY: 'hearth-key.pem' },
      'HEARTH_TLS_KEY needs its certificate too: give --tls-cert FILE (or HEARTH_TLS_CERT) as well, or neither.',
    ],
    [['--tls-cert', '', '--tls-key', 'k.pem'], {}, "--tls-cert must name a PEM file (got '')."],
    [['--mqtts-port', '8884'], {}, '--mqtts-port is MQTT over TLS; give --tls-cert and --tls-key to use it.'],
    [
      ['--broker', 'mqtt://nas', '--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--mqtts-port', '8884'],
      {},
      '--mqtts-port opens the embedded broker, which does not run with --broker; drop one of them.',
    ],
    [
      ['--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--mqtts-port', '1883'],
      {},
      'MQTT and MQTTS cannot share port 1883; give --mqtt-port or --mqtts-port another.',
    ],
    [
      ['--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--mqtts-port', '99999'],
      {},
      "--mqtts-port must be a port number from 0 to 65535 (got '99999').",
    ],
    [[], { HEARTH_ALLOW_ANONYMOUS: 'maybe' }, "HEARTH_ALLOW_ANONYMOUS must be 1 or 0 (got 'maybe')."],
    [['--allow-anonymous=yes'], {}, 'Option --allow-anonymous takes no value.'],
  ])('rejects %j %j with one clear line', (argv, env, reason) => {
    expect(run(argv, env)).toEqual({ kind: 'invalid', reason });
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])('%s stays on this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '192.168.1.5', 'hearth.local'])('%s is open to the network', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('--command-topics', () => {
  it('lists the owner’s command topics, trimmed, from the flag or HEARTH_COMMAND_TOPICS', () => {
    const flag = parseServerArgs(['--command-topics', ' garage/door/set , irrigation/+/cmd '], {});
    expect(flag.kind === 'run' && flag.options.commandTopics).toEqual([
      'garage/door/set',
      'irrigation/+/cmd',
    ]);
    const env = parseServerArgs([], { HEARTH_COMMAND_TOPICS: 'pool/pump/set' });
    expect(env.kind === 'run' && env.options.commandTopics).toEqual(['pool/pump/set']);
  });

  it('refuses a filter the broker could not apply, naming where it came from', () => {
    const refused = parseServerArgs(['--command-topics', 'garage/#/set'], {});
    expect(refused.kind).toBe('invalid');
    expect(refused.kind === 'invalid' && refused.reason).toContain('--command-topics');
  });
});
