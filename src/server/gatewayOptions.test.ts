import { describe, expect, it } from 'vitest';
import { SIMULATED_CONVENTIONS } from './conventionSpeakers/speakersFor.ts';
import { GATEWAY_USAGE, parseGatewayArgs } from './gatewayOptions.ts';

describe('parseGatewayArgs', () => {
  it('simulates four rooms every 2 s against a local broker when given nothing', () => {
    expect(parseGatewayArgs([])).toEqual({
      kind: 'run',
      options: {
        brokerUrl: 'mqtt://127.0.0.1:1883',
        rooms: ['living-room', 'kitchen', 'bedroom', 'garage'],
        conventions: ['generic'],
        intervalMs: 2000,
        dropEveryMs: 180_000,
      },
    });
  });

  it('reads every option, in both --name value and --name=value forms', () => {
    const command = parseGatewayArgs([
      '--convention',
      'Tasmota',
      '--broker',
      'ws://192.168.1.20:8080/mqtt',
      '--rooms=attic, cellar',
      '--interval',
      '0.5',
      '--drop-every=0',
      '--username',
      'gateway',
      '--password',
      's3cret',
    ]);
    expect(command).toEqual({
      kind: 'run',
      options: {
        brokerUrl: 'ws://192.168.1.20:8080/mqtt',
        rooms: ['attic', 'cellar'],
        conventions: ['tasmota'],
        intervalMs: 500,
        dropEveryMs: 0,
        username: 'gateway',
        password: 's3cret',
      },
    });
  });

  it.each(['generic', 'tasmota', 'zigbee2mqtt', 'homie', 'homeassistant', 'shelly', 'homeseer'])(
    'speaks --convention %s',
    (convention) => {
      expect(parseGatewayArgs(['--convention', convention])).toMatchObject({
        kind: 'run',
        options: { conventions: [convention] },
      });
    },
  );

  it('speaks every convention at once with --convention all', () => {
    expect(parseGatewayArgs(['--convention', 'all'])).toMatchObject({
      kind: 'run',
      options: {
        conventions: ['generic', 'tasmota', 'zigbee2mqtt', 'homie', 'homeassistant', 'shelly', 'homeseer'],
      },
    });
  });

  it('speaks a comma list of conventions in the order given, in any case and spacing', () => {
    expect(parseGatewayArgs(['--convention=Tasmota, homie,'])).toMatchObject({
      kind: 'run',
      options: { conventions: ['tasmota', 'homie'] },
    });
  });

  it('takes the default rooms as Homie device ids', () => {
    expect(parseGatewayArgs(['--convention=homie'])).toMatchObject({ kind: 'run' });
  });

  it('asks for help', () => {
    expect(parseGatewayArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it('names every convention it speaks in its help', () => {
    const options = GATEWAY_USAGE.slice(GATEWAY_USAGE.indexOf('--convention LIST'));
    for (const convention of SIMULATED_CONVENTIONS) expect(options).toContain(convention);
  });

  it.each([
    [
      ['--broker', 'localhost:1883'],
      "--broker must be an address like mqtt://192.168.1.20:1883 or ws://host:8080/mqtt (got 'localhost:1883').",
    ],
    [
      ['--broker', 'http://example.com'],
      "--broker must be an address like mqtt://192.168.1.20:1883 or ws://host:8080/mqtt (got 'http://example.com').",
    ],
    [['--interval', '0'], "--interval must be a number of seconds, at least 0.01 (got '0')."],
    [['--interval', 'two'], "--interval must be a number of seconds, at least 0.01 (got 'two')."],
    [['--interval', '-1'], 'Option --interval needs a value.'],
    [['--drop-every', '5m'], "--drop-every must be a number of seconds, at least 0 (got '5m')."],
    [['--rooms', ' , '], '--rooms needs at least one room name, like kitchen,garage.'],
    [
      ['--rooms', 'kitchen,house/attic'],
      "Room name 'house/attic' may hold only letters, digits, '-' and '_' (it becomes a topic level).",
    ],
    [['--rooms', 'kitchen,kitchen'], "Room 'kitchen' is listed twice."],
    [['--password', 'x'], '--password needs --username too.'],
    [
      ['--convention', 'knx'],
      "--convention must be all or a comma list of generic, tasmota, zigbee2mqtt, homie, homeassistant, shelly, homeseer (got 'knx').",
    ],
    [
      ['--convention', 'tasmota,knx'],
      "--convention must be all or a comma list of generic, tasmota, zigbee2mqtt, homie, homeassistant, shelly, homeseer (got 'knx').",
    ],
    [
      ['--convention', 'all,tasmota'],
      "--convention must be all or a comma list of generic, tasmota, zigbee2mqtt, homie, homeassistant, shelly, homeseer (got 'all').",
    ],
    [
      ['--convention', ' , '],
      "--convention must be all or a comma list of generic, tasmota, zigbee2mqtt, homie, homeassistant, shelly, homeseer (got ' , ').",
    ],
    [['--convention', 'homie,tasmota,homie'], '--convention lists homie twice.'],
    [['--convention'], 'Option --convention needs a value.'],
    [
      ['--convention', 'homie', '--rooms', 'kitchen,Hall_2'],
      "Room name 'Hall_2' is no Homie device id: use lowercase letters, digits and '-' when homie is among the conventions.",
    ],
    [
      ['--convention', 'all', '--rooms', 'Hall'],
      "Room name 'Hall' is no Homie device id: use lowercase letters, digits and '-' when homie is among the conventions.",
    ],
    [['--rooms'], 'Option --rooms needs a value.'],
    [['--help=yes'], 'Option --help takes no value.'],
    [['--speed', '3'], 'Unknown option --speed.'],
    [['kitchen'], 'Unexpected argument kitchen: options start with --.'],
  ])('rejects %j with one clear line', (argv, reason) => {
    expect(parseGatewayArgs(argv)).toEqual({ kind: 'invalid', reason });
  });
});
