import { describe, expect, it } from 'vitest';
import type { Account } from './accountFile.ts';
import { firstLine, formatAccountList, parseUserCommand, typeHidden } from './userCommand.ts';

const NO_ENV = {};

describe('reading the command line', () => {
  it('reads add with a role', () => {
    expect(parseUserCommand(['add', 'kim', '--role', 'owner'], NO_ENV)).toEqual({
      kind: 'add',
      dataDir: './data',
      name: 'kim',
      role: 'owner',
      prefixes: [],
      passwordFrom: 'prompt',
    });
  });

  it('reads a device with its prefix and a password from standard input', () => {
    expect(
      parseUserCommand(
        ['add', 'plug', '--role=device', '--prefix', 'tasmota/plug', '--password-stdin'],
        NO_ENV,
      ),
    ).toMatchObject({ kind: 'add', role: 'device', prefixes: ['tasmota/plug'], passwordFrom: 'stdin' });
  });

  it('reads --prefix given once per prefix, in order', () => {
    expect(
      parseUserCommand(
        [
          'add',
          'plug1',
          '--role',
          'device',
          '--prefix',
          'tele/plug1',
          '--prefix',
          'stat/plug1',
          '--prefix=cmnd/plug1',
        ],
        NO_ENV,
      ),
    ).toMatchObject({ prefixes: ['tele/plug1', 'stat/plug1', 'cmnd/plug1'] });
  });

  it('reads a comma list in one --prefix, dropping the spaces around the commas', () => {
    expect(
      parseUserCommand(
        ['add', 'z2m', '--role', 'device', '--prefix', 'zigbee2mqtt, homeassistant', '--prefix', 'z2m/extra'],
        NO_ENV,
      ),
    ).toMatchObject({ prefixes: ['zigbee2mqtt', 'homeassistant', 'z2m/extra'] });
  });

  it('keeps an empty piece of a comma list, to be refused in words rather than vanish', () => {
    expect(parseUserCommand(['add', 'p', '--role', 'device', '--prefix', 'tele/p,'], NO_ENV)).toMatchObject({
      prefixes: ['tele/p', ''],
    });
  });

  it('takes the options before the command too', () => {
    expect(parseUserCommand(['--data-dir', '/srv/hearth', 'list'], NO_ENV)).toEqual({
      kind: 'list',
      dataDir: '/srv/hearth',
    });
  });

  it('finds the data directory in HEARTH_DATA_DIR, as the server does', () => {
    expect(parseUserCommand(['list'], { HEARTH_DATA_DIR: '/var/lib/hearth' })).toEqual({
      kind: 'list',
      dataDir: '/var/lib/hearth',
    });
  });

  it('lets --data-dir win over HEARTH_DATA_DIR', () => {
    expect(parseUserCommand(['list', '--data-dir', 'here'], { HEARTH_DATA_DIR: 'there' })).toEqual({
      kind: 'list',
      dataDir: 'here',
    });
  });

  it('ignores a blank HEARTH_DATA_DIR, as the server does', () => {
    expect(parseUserCommand(['list'], { HEARTH_DATA_DIR: '  ' })).toEqual({
      kind: 'list',
      dataDir: './data',
    });
  });

  it('reads remove and passwd', () => {
    expect(parseUserCommand(['remove', 'kim'], NO_ENV)).toEqual({
      kind: 'remove',
      dataDir: './data',
      name: 'kim',
    });
    expect(parseUserCommand(['passwd', 'kim', '--password-stdin'], NO_ENV)).toEqual({
      kind: 'passwd',
      dataDir: './data',
      name: 'kim',
      passwordFrom: 'stdin',
    });
  });

  it('shows help for --help and for help', () => {
    expect(parseUserCommand(['--help'], NO_ENV)).toEqual({ kind: 'help' });
    expect(parseUserCommand(['help'], NO_ENV)).toEqual({ kind: 'help' });
  });

  it('refuses an unknown role, naming the roles', () => {
    expect(parseUserCommand(['add', 'kim', '--role', 'admin'], NO_ENV)).toEqual({
      kind: 'refused',
      reason:
        "There is no role 'admin'; give one of owner, control, view, device (npm run user -- --help says what each may do).",
    });
  });

  it.each([
    [[], 'Give a command: add, list, remove or passwd.'],
    [['create', 'kim'], "Unknown command 'create'; the commands are add, list, remove and passwd."],
    [['add', 'kim'], 'add needs a role: --role owner|control|view|device.'],
    [['add', '--role', 'owner'], "add needs the account's name: add NAME."],
    [['remove'], "remove needs the account's name: remove NAME."],
    [['remove', 'kim', 'sam'], "remove takes one name (also got 'sam')."],
    [['list', 'kim'], "list takes no name (got 'kim')."],
    [['list', '--role', 'owner'], 'list does not take --role.'],
    [['passwd', 'kim', '--prefix', 'x/'], 'passwd does not take --prefix.'],
    [['add', 'kim', '--role'], 'Option --role needs a value.'],
    [['add', 'kim', '--role', 'owner', '--password'], 'Unknown option --password.'],
    [['list', '--data-dir', ''], "--data-dir must name a directory (got '')."],
  ])('calls %j a usage error: %s', (argv, reason) => {
    expect(parseUserCommand(argv, NO_ENV)).toEqual({ kind: 'usage', reason });
  });
});

describe('the password piped in', () => {
  it('is the first line without its newline', () => {
    expect(firstLine('correct horse\nsecond line\n')).toBe('correct horse');
  });

  it('loses a Windows line end too', () => {
    expect(firstLine('correct horse\r\n')).toBe('correct horse');
  });

  it('keeps its own spaces', () => {
    expect(firstLine('  spaced out  \n')).toBe('  spaced out  ');
  });

  it('is all of a last line with no newline', () => {
    expect(firstLine('no newline')).toBe('no newline');
  });
});

describe('typing a hidden password', () => {
  const start = { kind: 'typing', text: '' } as const;

  it('collects keys until Enter', () => {
    expect(typeHidden(start, 'secret')).toEqual({ kind: 'typing', text: 'secret' });
    expect(typeHidden({ kind: 'typing', text: 'secret' }, '1\r')).toEqual({
      kind: 'entered',
      text: 'secret1',
    });
  });

  it('drops what follows Enter in the same chunk', () => {
    expect(typeHidden(start, 'pasted\rmore')).toEqual({ kind: 'entered', text: 'pasted' });
  });

  it('takes away a character with Backspace, a whole accented one', () => {
    expect(typeHidden(start, 'caf\u00e9\x7f\x7fe')).toEqual({ kind: 'typing', text: 'cae' });
  });

  it('clears the line with Ctrl-U', () => {
    expect(typeHidden(start, 'wrong\x15right')).toEqual({ kind: 'typing', text: 'right' });
  });

  it('cancels on Ctrl-C', () => {
    expect(typeHidden(start, 'half\x03')).toEqual({ kind: 'cancelled' });
  });

  it('cancels on Ctrl-D on an empty line and enters on a typed one', () => {
    expect(typeHidden(start, '\x04')).toEqual({ kind: 'cancelled' });
    expect(typeHidden(start, 'typed\x04')).toEqual({ kind: 'entered', text: 'typed' });
  });

  it('ignores arrow keys and paste markers rather than hiding them in the password', () => {
    expect(typeHidden(start, 'ab\x1b[D\x1b[200~cd\x1b[201~\t')).toEqual({ kind: 'typing', text: 'abcd' });
  });
});

describe('the account list', () => {
  const hash = 'scrypt$N=1024,r=8,p=1$BwcHBwcHBwcHBwcHBwcHBw$TRU85d5EdvHnMzjmCczYQjK8RvZ17SOsa17v7PF4V98';
  const accounts: Account[] = [
    { name: 'kim', role: 'owner', hash, createdAt: '2026-01-15T12:30:05.120Z' },
    {
      name: 'plug1',
      role: 'device',
      hash,
      createdAt: '2026-02-01T07:59:00.000Z',
      prefixes: ['tele/plug1/', 'stat/plug1/', 'cmnd/plug1/'],
    },
    {
      name: 'plug-kitchen',
      role: 'device',
      hash,
      createdAt: '2026-02-01T08:00:00.000Z',
      prefixes: ['tasmota/k/'],
    },
  ];

  it('shows name, role, when added and a device’s prefixes, in columns', () => {
    expect(formatAccountList(accounts, 'data/accounts.json')).toEqual([
      'NAME          ROLE    ADDED                 PREFIXES',
      'kim           owner   2026-01-15 12:30 UTC',
      'plug1         device  2026-02-01 07:59 UTC  tele/plug1/, stat/plug1/, cmnd/plug1/',
      'plug-kitchen  device  2026-02-01 08:00 UTC  tasmota/k/',
    ]);
  });

  it('never shows a hash', () => {
    expect(formatAccountList(accounts, 'data/accounts.json').join('\n')).not.toContain('scrypt');
  });

  it('says how to add the first account when there is none', () => {
    expect(formatAccountList([], 'data/accounts.json')).toEqual([
      'No accounts in data/accounts.json. Add the first with: npm run user -- add NAME --role owner',
    ]);
  });
});
