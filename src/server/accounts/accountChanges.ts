import type { Checked } from '../commandLine.ts';
import {
  ACCOUNTS_MAX,
  type Account,
  type AccountRole,
  checkAccountName,
  checkDevicePrefixes,
  defaultDevicePrefix,
} from './accountFile.ts';

/** A new account as asked for, its password already hashed. */
export interface NewAccount {
  name: string;
  role: AccountRole;
  /** Device accounts only, as given with --prefix; none: `[<name>/]`. */
  prefixes: readonly string[];
  hash: string;
}

/** The account called `name`, ignoring case (names are unique ignoring case), or undefined. */
export function findAccount(accounts: readonly Account[], name: string): Account | undefined {
  const key = name.toLowerCase();
  return accounts.find((account) => account.name.toLowerCase() === key);
}

/**
 * Null when an account `name` with `role` and `prefixes` could be added, else why not: a bad
 * name, a name taken (ignoring case), a prefix on a person, a bad prefix or too many, or a full
 * list. Checked before asking for the password, so nobody types one for nothing.
 */
export function checkNewAccount(
  accounts: readonly Account[],
  name: string,
  role: AccountRole,
  prefixes: readonly string[],
): string | null {
  const nameProblem = checkAccountName(name);
  if (nameProblem) return nameProblem;
  const existing = findAccount(accounts, name);
  if (existing)
    return `There is already an account '${existing.name}' (${existing.role}); choose another name, or change its password with passwd.`;
  if (prefixes.length > 0 && role !== 'device')
    return `--prefix is for device accounts; drop it, or add '${name}' with --role device.`;
  if (prefixes.length > 0) {
    const checked = checkDevicePrefixes(prefixes);
    if (!checked.ok) return checked.reason;
  }
  if (accounts.length >= ACCOUNTS_MAX) return `There are already ${ACCOUNTS_MAX} accounts; remove one first.`;
  return null;
}

/** The accounts with `account` added at the end, created at `nowMs`, or why it cannot be. */
export function addAccount(
  accounts: readonly Account[],
  account: NewAccount,
  nowMs: number,
): Checked<Account[]> {
  const problem = checkNewAccount(accounts, account.name, account.role, account.prefixes);
  if (problem) return { ok: false, reason: problem };
  const createdAt = new Date(nowMs).toISOString();
  const { name, role, hash } = account;
  if (role !== 'device') return { ok: true, value: [...accounts, { name, role, hash, createdAt }] };
  const prefixes = checkDevicePrefixes(
    account.prefixes.length > 0 ? account.prefixes : [defaultDevicePrefix(name)],
  );
  if (!prefixes.ok) return prefixes;
  return { ok: true, value: [...accounts, { name, role, hash, createdAt, prefixes: prefixes.value }] };
}

/** The account called `name` (ignoring case), or a reason naming the accounts there are. */
export function checkExistingAccount(accounts: readonly Account[], name: string): Checked<Account> {
  const existing = findAccount(accounts, name);
  return existing ? { ok: true, value: existing } : { ok: false, reason: unknownAccount(accounts, name) };
}

/** The accounts without `name` (ignoring case), or a reason naming the accounts there are. */
export function removeAccount(accounts: readonly Account[], name: string): Checked<Account[]> {
  const existing = findAccount(accounts, name);
  if (!existing) return { ok: false, reason: unknownAccount(accounts, name) };
  return { ok: true, value: accounts.filter((account) => account !== existing) };
}

/** The accounts with `name`'s password hash replaced, or a reason naming the accounts there are. */
export function changePassword(accounts: readonly Account[], name: string, hash: string): Checked<Account[]> {
  const existing = findAccount(accounts, name);
  if (!existing) return { ok: false, reason: unknownAccount(accounts, name) };
  return {
    ok: true,
    value: accounts.map((account) => (account === existing ? { ...account, hash } : account)),
  };
}

/**
 * A warning when no owner is left, since then nobody can manage accounts or settings from the
 * dashboard; null while there is one (or no accounts at all, the loopback-only case).
 */
export function noOwnerWarning(accounts: readonly Account[]): string | null {
  if (accounts.length === 0 || accounts.some((account) => account.role === 'owner')) return null;
  return 'No owner account is left: nobody can manage accounts or settings from the dashboard. Add one with: npm run user -- add NAME --role owner';
}

function unknownAccount(accounts: readonly Account[], name: string): string {
  if (accounts.length === 0) return `There is no account '${name}': there are no accounts yet.`;
  const names = accounts.map((account) => account.name);
  const shown = names.length > 10 ? `${names.slice(0, 10).join(', ')}…` : names.join(', ');
  return `There is no account '${name}'; the accounts are ${shown} (npm run user -- list).`;
}
