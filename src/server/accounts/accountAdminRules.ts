import {
  addAccount,
  changePassword,
  checkNewAccount,
  findAccount,
  type NewAccount,
} from './accountChanges.ts';
import { ACCOUNTS_MAX, type Account, type AccountRole } from './accountFile.ts';
import type { PersonRole } from './principal.ts';

/** An account as the dashboard lists it: never its hash. */
export interface AccountSummary {
  name: string;
  role: AccountRole;
  /** A device's topic prefixes; absent for a person. */
  prefixes?: string[];
  /** When it was added, ISO 8601 in UTC. */
  createdAt: string;
}

/** Why an owner's change cannot be made, with the HTTP status that says so. */
export interface AdminRefusal {
  ok: false;
  status: 400 | 404 | 409;
  reason: string;
}

/**
 * The accounts after an owner's change, and the account it was about (as it is after the change;
 * a removed one as it was). `changed` is false when nothing needs saving (a role set to itself).
 */
export type AdminChange =
  | { ok: true; accounts: Account[]; account: Account; changed: boolean }
  | AdminRefusal;

/** `account` as listed: name, role, a device's prefixes, when added. */
export function summarizeAccount(account: Account): AccountSummary {
  const { name, role, createdAt } = account;
  return account.role === 'device'
    ? { name, role, prefixes: [...account.prefixes], createdAt }
    : { name, role, createdAt };
}

/**
 * Null when `name` with `role` and `prefixes` could be added, else why not: the rules of
 * accountChanges.ts (400), a name taken ignoring case or a full list (409). Asked before the
 * password is hashed, and again by applyAddition on the accounts as they are then.
 */
export function checkAddition(
  accounts: readonly Account[],
  name: string,
  role: AccountRole,
  prefixes: readonly string[],
): AdminRefusal | null {
  const problem = checkNewAccount(accounts, name, role, prefixes);
  if (problem === null) return null;
  const taken = findAccount(accounts, name);
  if (taken !== undefined)
    return refuse(409, `There is already an account '${taken.name}' (${taken.role}); choose another name.`);
  return refuse(accounts.length >= ACCOUNTS_MAX ? 409 : 400, problem);
}

/** The accounts with `account` added, created at `nowMs`, or why not (as checkAddition). */
export function applyAddition(accounts: readonly Account[], account: NewAccount, nowMs: number): AdminChange {
  const refusal = checkAddition(accounts, account.name, account.role, account.prefixes);
  if (refusal) return refusal;
  const added = addAccount(accounts, account, nowMs);
  if (!added.ok) return refuse(400, added.reason);
  const created = added.value.at(-1);
  if (created === undefined) return refuse(400, 'The account could not be added.');
  return { ok: true, accounts: added.value, account: created, changed: true };
}

/**
 * The accounts without `name`, or why not: an unknown name (404), or the only owner (409),
 * since nobody could then manage accounts and settings from the dashboard. An owner may remove
 * themself while another owner remains.
 */
export function applyRemoval(accounts: readonly Account[], name: string): AdminChange {
  const target = findAccount(accounts, name);
  if (target === undefined) return unknownAccount(name);
  if (isOnlyOwner(accounts, target))
    return refuse(
      409,
      `${target.name} is the only owner and cannot be removed: make another account owner first, or nobody could manage accounts and settings from the dashboard.`,
    );
  return {
    ok: true,
    accounts: accounts.filter((account) => account !== target),
    account: target,
    changed: true,
  };
}

/**
 * The accounts with `name`'s role set to `role`, or why not: an unknown name (404), a device
 * (400: its role stays device, it has prefixes a person has not), or the only owner made
 * something else (409). The same role again changes nothing.
 */
export function applyRoleChange(accounts: readonly Account[], name: string, role: PersonRole): AdminChange {
  const target = findAccount(accounts, name);
  if (target === undefined) return unknownAccount(name);
  if (target.role === 'device')
    return refuse(
      400,
      `${target.name} is a device account and stays one; to make it a person’s, remove it and add it again.`,
    );
  if (target.role === role) return { ok: true, accounts: [...accounts], account: target, changed: false };
  if (isOnlyOwner(accounts, target))
    return refuse(
      409,
      `${target.name} is the only owner and stays owner: make another account owner first, or nobody could manage accounts and settings from the dashboard.`,
    );
  const changed: Account = { ...target, role };
  return {
    ok: true,
    accounts: accounts.map((account) => (account === target ? changed : account)),
    account: changed,
    changed: true,
  };
}

/** The accounts with `name`'s password hash replaced, or an unknown name (404). */
export function applyPasswordChange(accounts: readonly Account[], name: string, hash: string): AdminChange {
  const target = findAccount(accounts, name);
  if (target === undefined) return unknownAccount(name);
  const changed = changePassword(accounts, target.name, hash);
  if (!changed.ok) return refuse(404, changed.reason);
  const account = findAccount(changed.value, target.name) ?? target;
  return { ok: true, accounts: changed.value, account, changed: true };
}

/** Whether `account` is an owner and no other account is. */
export function isOnlyOwner(accounts: readonly Account[], account: Account): boolean {
  return account.role === 'owner' && !accounts.some((other) => other !== account && other.role === 'owner');
}

function unknownAccount(name: string): AdminRefusal {
  return refuse(404, `There is no account '${name}' (any more); reload the list.`);
}

function refuse(status: AdminRefusal['status'], reason: string): AdminRefusal {
  return { ok: false, status, reason };
}
