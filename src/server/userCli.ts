import {
  addAccount,
  changePassword,
  checkExistingAccount,
  checkNewAccount,
  noOwnerWarning,
  removeAccount,
} from './accounts/accountChanges.ts';
import {
  type Account,
  accountsFilePath,
  loadAccounts,
  saveAccounts,
  withAccountsLock,
} from './accounts/accountFile.ts';
import { checkNewPassword, hashPassword } from './accounts/passwordHash.ts';
import {
  EXIT_DONE,
  EXIT_REFUSED,
  EXIT_USAGE,
  firstLine,
  formatAccountList,
  type HiddenLine,
  type PasswordSource,
  parseUserCommand,
  typeHidden,
  USER_USAGE,
} from './accounts/userCommand.ts';
import type { Checked } from './commandLine.ts';

/** More than any password the policy takes, in UTF-8, plus its line end: past this it is not one. */
const PASSWORD_LINE_MAX_BYTES = 4 * 1024 + 2;

/**
 * `npm run user`: adds, lists, removes accounts and changes their passwords in the data
 * directory's accounts.json. Answers with its exit status: 0 done, 1 refused, 64 usage.
 */
async function runUserCli(argv: readonly string[]): Promise<number> {
  const command = parseUserCommand(argv, process.env);
  switch (command.kind) {
    case 'help':
      console.log(USER_USAGE);
      return EXIT_DONE;
    case 'usage':
      console.error(`${command.reason}\n\n${USER_USAGE}`);
      return EXIT_USAGE;
    case 'refused':
      return refuse(command.reason);
    case 'list': {
      const read = await loadAccounts(command.dataDir);
      if (!read.ok) return refuse(read.reason);
      for (const line of formatAccountList(read.accounts, accountsFilePath(command.dataDir)))
        console.log(line);
      return EXIT_DONE;
    }
    case 'remove':
      return locked(command.dataDir, async () => {
        const read = await loadAccounts(command.dataDir);
        if (!read.ok) return refuse(read.reason);
        const removed = removeAccount(read.accounts, command.name);
        if (!removed.ok) return refuse(removed.reason);
        const name = checkExistingAccount(read.accounts, command.name);
        return save(
          command.dataDir,
          removed.value,
          (file) => `Removed ${name.ok ? name.value.name : command.name} from ${file}.`,
        );
      });
    case 'add': {
      const { dataDir, name, role, prefixes, passwordFrom } = command;
      const read = await loadAccounts(dataDir);
      if (!read.ok) return refuse(read.reason);
      // Before the password, so nobody types one for an account that cannot be added.
      const problem = checkNewAccount(read.accounts, name, role, prefixes);
      if (problem) return refuse(problem);
      const hash = await newPasswordHash(passwordFrom, name);
      if (!hash.ok) return refuse(hash.reason);
      // Read again, locked: another change may have been written while the password was typed.
      return locked(dataDir, async () => {
        const current = await loadAccounts(dataDir);
        if (!current.ok) return refuse(current.reason);
        const added = addAccount(current.accounts, { name, role, prefixes, hash: hash.value }, Date.now());
        if (!added.ok) return refuse(added.reason);
        const account = added.value.at(-1);
        const under = account?.role === 'device' ? `, under ${account.prefixes.join(', ')}` : '';
        return save(dataDir, added.value, (file) => `Added ${name} (${role}${under}) to ${file}.`);
      });
    }
    case 'passwd': {
      const { dataDir, name, passwordFrom } = command;
      const read = await loadAccounts(dataDir);
      if (!read.ok) return refuse(read.reason);
      const account = checkExistingAccount(read.accounts, name);
      if (!account.ok) return refuse(account.reason);
      const hash = await newPasswordHash(passwordFrom, account.value.name);
      if (!hash.ok) return refuse(hash.reason);
      return locked(dataDir, async () => {
        const current = await loadAccounts(dataDir);
        if (!current.ok) return refuse(current.reason);
        const updated = changePassword(current.accounts, name, hash.value);
        if (!updated.ok) return refuse(updated.reason);
        return save(
          dataDir,
          updated.value,
          (file) => `Changed the password of ${account.value.name} in ${file}.`,
        );
      });
    }
  }
}

/** A change made while holding the accounts' lock, so the running server's settings cannot write over it. */
async function locked(dataDir: string, change: () => Promise<number>): Promise<number> {
  const done = await withAccountsLock(dataDir, change);
  return done.ok ? done.value : refuse(done.reason);
}

async function save(
  dataDir: string,
  accounts: readonly Account[],
  done: (file: string) => string,
): Promise<number> {
  const saved = await saveAccounts(dataDir, accounts);
  if (!saved.ok) return refuse(`${saved.reason}\nNothing changed.`);
  console.log(done(saved.value));
  const warning = noOwnerWarning(accounts);
  if (warning) console.error(warning);
  return EXIT_DONE;
}

function refuse(reason: string): number {
  console.error(reason);
  return EXIT_REFUSED;
}

/** The new password, from where the command says, checked against the policy and hashed. */
async function newPasswordHash(source: PasswordSource, name: string): Promise<Checked<string>> {
  const password = source === 'stdin' ? await readPasswordLine() : await promptPassword(name);
  if (!password.ok) return password;
  const weak = checkNewPassword(password.value);
  if (weak) return { ok: false, reason: `${weak} Nothing changed.` };
  return { ok: true, value: await hashPassword(password.value) };
}

/** One line of standard input, for scripts: `printf '%s\n' "$PASSWORD" | npm run user -- … --password-stdin`. */
async function readPasswordLine(): Promise<Checked<string>> {
  const stdin = process.stdin;
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of stdin) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      chunks.push(buffer);
      bytes += buffer.length;
      if (buffer.includes(0x0a) || bytes > PASSWORD_LINE_MAX_BYTES) break;
    }
  } finally {
    stdin.destroy();
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const line = firstLine(text);
  if (line.length === text.length && bytes > PASSWORD_LINE_MAX_BYTES)
    return {
      ok: false,
      reason: 'The first line of standard input is too long to be a password. Nothing changed.',
    };
  return { ok: true, value: line };
}

/** Asks twice on the terminal without echo; refuses when there is no terminal to ask on. */
async function promptPassword(name: string): Promise<Checked<string>> {
  if (!process.stdin.isTTY) {
    return {
      ok: false,
      reason:
        'Standard input is not a terminal, so the password cannot be asked without showing it. ' +
        `Pipe it in instead: printf '%s\\n' "$PASSWORD" | npm run user -- … --password-stdin`,
    };
  }
  const first = await askHidden(`New password for ${name}: `);
  if (!first.ok) return first;
  const weak = checkNewPassword(first.value);
  if (weak) return { ok: false, reason: `${weak} Nothing changed.` };
  const second = await askHidden('The same password again: ');
  if (!second.ok) return second;
  if (second.value !== first.value)
    return { ok: false, reason: 'The two passwords differ. Nothing changed; run the command again.' };
  return first;
}

/** One hidden line from the terminal in raw mode, which is always switched back off. */
function askHidden(prompt: string): Promise<Checked<string>> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve) => {
    let line: HiddenLine = { kind: 'typing', text: '' };
    const onKeys = (keys: string) => {
      if (line.kind !== 'typing') return;
      line = typeHidden(line, keys);
      if (line.kind === 'typing') return;
      stdin.off('data', onKeys);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(
        line.kind === 'entered'
          ? { ok: true, value: line.text }
          : { ok: false, reason: 'Cancelled. Nothing changed.' },
      );
    };
    stdin.on('data', onKeys);
    stdin.resume();
  });
}

try {
  process.exitCode = await runUserCli(process.argv.slice(2));
} catch (error) {
  console.error(`npm run user failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = EXIT_REFUSED;
}
