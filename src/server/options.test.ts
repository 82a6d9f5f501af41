import { describe, expect, it } from 'vitest';
import { SIMULATED_CONVENTIONS } from './conventionSpeakers/speakersFor.ts';
import { isLoopbackHost, parseServerArgs, SERVER_USAGE } from './options.ts';

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
    [['--simulator'], {}, 'Unknown option --simulator.'],
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

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])('%s stays on this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '192.168.1.5', 'hearth.local'])('%s is open to the network', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
