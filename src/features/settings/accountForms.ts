import { clipText } from '../../core/clip';
import type { AccountListing, AccountRole, NewAccount, Role } from '../../store/accountSlice';

/** The roles an owner gives, with what each may do, as the add form offers them. */
export const ROLE_CHOICES: readonly { role: AccountRole; label: string; hint: string }[] = [
  { role: 'view', label: 'View', hint: 'Sees everything and changes nothing.' },
  { role: 'control', label: 'Control', hint: 'Also switches and sets devices.' },
  {
    role: 'owner',
    label: 'Owner',
    hint: 'Also changes rooms, names, views and settings, and manages accounts.',
  },
  {
    role: 'device',
    label: 'Device',
    hint: 'An MQTT login for a device or a script: it publishes under its topic prefixes and never signs in here.',
  },
];

/** What an owner typed to add an account: the password twice, the prefixes as one text. */
export interface NewAccountFields {
  name: string;
  role: AccountRole;
  password: string;
  again: string;
  /** One prefix a line, or a comma list: `tele/plug1, stat/plug1`. */
  prefixes: string;
}

/** A device's prefixes as typed, one a line or comma-separated, blanks dropped. */
export function splitPrefixes(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((prefix) => prefix.trim())
    .filter((prefix) => prefix !== '');
}

/**
 * Null when `again` repeats a `password` that is not empty, else what to do, in words. The
 * server says what else a password needs (its length): one set of rules, the server's.
 */
export function checkPasswordPair(password: string, again: string): string | null {
  if (password === '') return 'Type the new password.';
  if (again !== password) return 'The two passwords differ; type them again.';
  return null;
}

/** The account to ask the server for, or what is missing in words. Prefixes are a device's only. */
export function checkNewAccountForm(
  fields: NewAccountFields,
): { ok: true; account: NewAccount } | { ok: false; reason: string } {
  const name = fields.name.trim();
  if (name === '') return { ok: false, reason: 'Give the account a name.' };
  const pair = checkPasswordPair(fields.password, fields.again);
  if (pair !== null) return { ok: false, reason: pair };
  const prefixes = fields.role === 'device' ? splitPrefixes(fields.prefixes) : [];
  return { ok: true, account: { name, role: fields.role, password: fields.password, prefixes } };
}

/** Whether `name` is the signed-in person's own account (names ignore case). */
export function isOwnAccount(name: string, self: string): boolean {
  return name.toLowerCase() === self.toLowerCase();
}

/** What is asked before removing an account. */
export function accountRemovalQuestion(account: AccountListing, self: string): string {
  const name = clipText(account.name);
  if (isOwnAccount(account.name, self))
    return `Remove your own account ${name}? This screen and every other signed in as ${name} are signed out at once.`;
  if (account.role === 'device')
    return `Remove the device account ${name}? The device is disconnected and can no longer log in to the broker.`;
  return `Remove ${name} (${account.role})? Every screen signed in as ${name} is signed out at once, and the name can no longer sign in.`;
}

/** What is asked before changing a person's role: they sign in again with it. */
export function roleChangeQuestion(account: AccountListing, role: Role, self: string): string {
  const name = clipText(account.name);
  return isOwnAccount(account.name, self)
    ? `Make yourself ${role}? This screen signs in again, as ${role}.`
    : `Make ${name} ${role}? Every screen signed in as ${name} signs in again, as ${role}.`;
}

/** What the page says once a password is set: whose screens now sign in again. */
export function passwordSetWords(name: string, self: string): string {
  return isOwnAccount(name, self)
    ? 'Your password is changed. This screen stays signed in; every other screen signed in as you now asks for the new one.'
    : `${clipText(name)}’s password is set. Every screen signed in as ${clipText(name)} now asks for the new one.`;
}
