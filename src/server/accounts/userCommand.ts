import { parseArgs } from 'node:util';
import { DEFAULT_SERVER_OPTIONS } from '../options.ts';
import {
  ACCOUNT_ROLES,
  type Account,
  type AccountRole,
  DEVICE_PREFIXES_MAX,
  isAccountRole,
} from './accountFile.ts';

/** `npm run user`'s exit statuses: done, refused (the message says what to do), usage (64, EX_USAGE). */
export const EXIT_DONE = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 64;

export const USER_USAGE = `Usage: npm run user -- COMMAND [options]

Manages who may use Hearth: people signing in to the dashboard, and devices logging in to its
MQTT broker. Works on the server's data directory (accounts.json).

Commands:
  add NAME --role ROLE [--prefix P]... [--password-stdin]
                    adds an account; NAME is 1 to 64 of A-Z a-z 0-9 . _ -
                    ROLE: view     sees everything, changes nothing
                          control  also switches and sets
                          owner    also edits settings, rooms and views, manages accounts
                          device   an MQTT login publishing under its prefixes and
                                   subscribing to its command topics there
  list              the accounts, their roles, when they were added and devices' prefixes
  remove NAME       removes an account
  passwd NAME [--password-stdin]
                    sets a new password

Options:
  --prefix P        a topic prefix a device owns (default NAME/); a device using several
                    (up to ${DEVICE_PREFIXES_MAX}) takes --prefix once for each, or a comma list, like a
                    Tasmota plug: --prefix tele/plug1,stat/plug1,cmnd/plug1
  --data-dir DIR    the server's data directory [HEARTH_DATA_DIR] (default ./data)
  --password-stdin  read the password from the first line of standard input (for scripts);
                    otherwise it is asked twice, without showing it
  --help            show this help

Exit status: 0 done, 1 refused (the message says why), 64 a command line it cannot read.`;

/** Where the password comes from: one line of standard input, or asked on the terminal. */
export type PasswordSource = 'stdin' | 'prompt';

export type UserCommand =
  | {
      kind: 'add';
      dataDir: string;
      name: string;
      role: AccountRole;
      /** As given with --prefix, comma lists split; empty when none was given. */
      prefixes: string[];
      passwordFrom: PasswordSource;
    }
  | { kind: 'list'; dataDir: string }
  | { kind: 'remove'; dataDir: string; name: string }
  | { kind: 'passwd'; dataDir: string; name: string; passwordFrom: PasswordSource }
  | { kind: 'help' }
  /** A command line that cannot be read: exit 64, with the usage. */
  | { kind: 'usage'; reason: string }
  /** Read, but asks for something that cannot be: exit 1. */
  | { kind: 'refused'; reason: string };

type Environment = Readonly<Record<string, string | undefined>>;

const FLAGS = {
  role: { type: 'string' },
  prefix: { type: 'string', multiple: true },
  'password-stdin': { type: 'boolean' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** The flags each command takes besides --data-dir and --help. */
const COMMAND_FLAGS = {
  add: ['role', 'prefix', 'password-stdin'],
  list: [],
  remove: [],
  passwd: ['password-stdin'],
} as const satisfies Record<string, readonly (keyof typeof FLAGS)[]>;

/**
 * Reads `npm run user`'s arguments. The data directory follows the server's rule: `--data-dir`,
 * else HEARTH_DATA_DIR when set and not blank, else ./data. A bad role is refused (exit 1) like
 * any other wrong value; what cannot be read as a command is a usage error (exit 64).
 */
export function parseUserCommand(argv: readonly string[], env: Environment): UserCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    return { kind: 'usage', reason: describeParseError(error) };
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { kind: 'help' };
  const [command, name, ...extra] = positionals;
  if (command === undefined) return { kind: 'usage', reason: 'Give a command: add, list, remove or passwd.' };
  if (!isCommand(command))
    return {
      kind: 'usage',
      reason: `Unknown command '${command}'; the commands are add, list, remove and passwd.`,
    };

  const allowed: readonly string[] = COMMAND_FLAGS[command];
  const stray = (['role', 'prefix', 'password-stdin'] as const).find(
    (flag) => values[flag] !== undefined && !allowed.includes(flag),
  );
  if (stray) return { kind: 'usage', reason: `${command} does not take --${stray}.` };

  const dataDir = values['data-dir'] ?? nonBlank(env.HEARTH_DATA_DIR) ?? DEFAULT_SERVER_OPTIONS.dataDir;
  if (dataDir.trim() === '') return { kind: 'usage', reason: "--data-dir must name a directory (got '')." };
  const passwordFrom: PasswordSource = values['password-stdin'] ? 'stdin' : 'prompt';

  if (command === 'list') {
    if (name !== undefined) return { kind: 'usage', reason: `list takes no name (got '${name}').` };
    return { kind: 'list', dataDir: dataDir.trim() };
  }
  if (name === undefined)
    return { kind: 'usage', reason: `${command} needs the account's name: ${command} NAME.` };
  if (extra.length > 0)
    return { kind: 'usage', reason: `${command} takes one name (also got '${extra.join(' ')}').` };
  if (command === 'remove') return { kind: 'remove', dataDir: dataDir.trim(), name };
  if (command === 'passwd') return { kind: 'passwd', dataDir: dataDir.trim(), name, passwordFrom };

  const role = values.role;
  if (role === undefined)
    return { kind: 'usage', reason: `add needs a role: --role ${ACCOUNT_ROLES.join('|')}.` };
  if (!isAccountRole(role))
    return {
      kind: 'refused',
      reason: `There is no role '${role}'; give one of ${ACCOUNT_ROLES.join(', ')} (npm run user -- --help says what each may do).`,
    };
  const prefixes = (values.prefix ?? []).flatMap(splitPrefixList);
  return { kind: 'add', dataDir: dataDir.trim(), name, role, prefixes, passwordFrom };
}

/**
 * One --prefix value as the prefixes it lists: `tele/plug, stat/plug` is two. Spaces around a
 * comma are dropped (a level never starts or ends with one in practice, and a stray one would
 * quietly give the device a prefix it never publishes under). An empty piece stays, to be
 * refused in words, rather than vanish.
 */
function splitPrefixList(text: string): string[] {
  return text.split(',').map((prefix) => prefix.trim());
}

/** The password in what was piped in: its first line, without the line's end (\n or \r\n). */
export function firstLine(text: string): string {
  const end = text.indexOf('\n');
  if (end === -1) return text;
  return text.slice(0, text[end - 1] === '\r' ? end - 1 : end);
}

/** A password being typed on a terminal in raw mode, where nothing is echoed. */
export type HiddenLine =
  | { kind: 'typing'; text: string }
  | { kind: 'entered'; text: string }
  | { kind: 'cancelled' };

/** Terminal escape sequences (arrows, bracketed paste markers): keys, not characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is exactly what this matches.
const ESCAPE_SEQUENCE = /\x1b(\[[0-9;?]*[ -/]*[@-~]|.)?/gu;

/**
 * One chunk of keys typed into a hidden line. Enter ends it (what follows is dropped); Ctrl-C,
 * and Ctrl-D on an empty line, cancel; Backspace takes away the last character, Ctrl-U the
 * whole line; other control keys and escape sequences are ignored, so an arrow key does not
 * slip invisible characters into a password.
 */
export function typeHidden(line: { kind: 'typing'; text: string }, keys: string): HiddenLine {
  let text = line.text;
  for (const key of keys.replace(ESCAPE_SEQUENCE, '')) {
    if (key === '\r' || key === '\n') return { kind: 'entered', text };
    if (key === '\x03') return { kind: 'cancelled' };
    if (key === '\x04') return text === '' ? { kind: 'cancelled' } : { kind: 'entered', text };
    if (key === '\x7f' || key === '\b') text = [...text].slice(0, -1).join('');
    else if (key === '\x15') text = '';
    else if (key >= ' ') text += key;
  }
  return { kind: 'typing', text };
}

/** `list`'s lines: a header and one line per account, a device's prefixes as a comma list. Never a hash. */
export function formatAccountList(accounts: readonly Account[], file: string): string[] {
  if (accounts.length === 0)
    return [`No accounts in ${file}. Add the first with: npm run user -- add NAME --role owner`];
  const rows = [
    ['NAME', 'ROLE', 'ADDED', 'PREFIXES'],
    ...accounts.map((account) => [
      account.name,
      account.role,
      `${account.createdAt.slice(0, 10)} ${account.createdAt.slice(11, 16)} UTC`,
      account.role === 'device' ? account.prefixes.join(', ') : '',
    ]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

function isCommand(text: string): text is keyof typeof COMMAND_FLAGS {
  return Object.hasOwn(COMMAND_FLAGS, text);
}

function nonBlank(text: string | undefined): string | undefined {
  return text !== undefined && text.trim() !== '' ? text : undefined;
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const named = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${named ?? message}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && named)
    return message.includes('does not take')
      ? `Option ${named} takes no value.`
      : `Option ${named} needs a value.`;
  return message;
}
