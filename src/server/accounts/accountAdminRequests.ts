import type { Checked } from '../commandLine.ts';
import { ACCOUNT_ROLES, type AccountRole, isAccountRole } from './accountFile.ts';
import type { PersonRole } from './principal.ts';

/** `POST /api/accounts`: a new account, its password as typed (hashed by the route). */
export interface NewAccountRequest {
  name: string;
  role: AccountRole;
  password: string;
  /** A device's topic prefixes as typed; empty for a person, or for a device's default `<name>/`. */
  prefixes: string[];
}

/** `POST /api/accounts/<name>/password`. */
export interface PasswordRequest {
  password: string;
  /** The caller's own password, asked when they change their own. */
  currentPassword: string | null;
}

/** `PATCH /api/accounts/<name>`. */
export interface RoleRequest {
  role: PersonRole;
}

/** More prefixes than any device may have (DEVICE_PREFIXES_MAX) are refused by the rule, in words; this bounds the parse. */
const PREFIXES_READ_MAX = 100;

/** The body of `POST /api/accounts` as the page sends it, or why it is not one. */
export function parseNewAccountRequest(text: string): Checked<NewAccountRequest> {
  const json = parseObject(text);
  if (!json.ok) return json;
  const { name, role, password, prefixes } = json.value;
  if (typeof name !== 'string' || name.trim() === '') return refuse('Give the new account a name.');
  if (typeof role !== 'string' || !isAccountRole(role))
    return refuse(`Choose the account’s role: one of ${ACCOUNT_ROLES.join(', ')}.`);
  if (typeof password !== 'string' || password === '') return refuse('Give the new account a password.');
  const given = parsePrefixes(prefixes);
  if (!given.ok) return given;
  if (given.value.length > 0 && role !== 'device')
    return refuse('Topic prefixes are for device accounts; leave them empty for a person.');
  return { ok: true, value: { name: name.trim(), role, password, prefixes: given.value } };
}

/** The body of `POST /api/accounts/<name>/password`, or why it is not one. */
export function parsePasswordRequest(text: string): Checked<PasswordRequest> {
  const json = parseObject(text);
  if (!json.ok) return json;
  const { password, currentPassword } = json.value;
  if (typeof password !== 'string' || password === '') return refuse('Give the new password.');
  if (currentPassword !== undefined && typeof currentPassword !== 'string')
    return refuse('currentPassword is text.');
  return { ok: true, value: { password, currentPassword: currentPassword ?? null } };
}

/** The body of `PATCH /api/accounts/<name>`: a person's role (a device stays a device), or why not. */
export function parseRoleRequest(text: string): Checked<RoleRequest> {
  const json = parseObject(text);
  if (!json.ok) return json;
  const { role } = json.value;
  if (role === 'device')
    return refuse('A person cannot become a device account; add the device as an account of its own.');
  if (role !== 'owner' && role !== 'control' && role !== 'view')
    return refuse('Choose the role: owner, control or view.');
  return { ok: true, value: { role } };
}

/** Absent is none; else a list of texts, each trimmed (an empty one stays, to be refused in words). */
function parsePrefixes(prefixes: unknown): Checked<string[]> {
  if (prefixes === undefined || prefixes === null) return { ok: true, value: [] };
  if (!Array.isArray(prefixes) || !prefixes.every((prefix) => typeof prefix === 'string'))
    return refuse('prefixes is a list of topic prefixes, like ["tele/plug/", "cmnd/plug/"].');
  if (prefixes.length > PREFIXES_READ_MAX) return refuse(`${prefixes.length} prefixes are far too many.`);
  return { ok: true, value: prefixes.map((prefix) => prefix.trim()) };
}

function parseObject(text: string): Checked<Record<string, unknown>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text, which may hold a password: not repeated.
    return refuse('The request is not JSON; reload the page.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return refuse('The request is not a JSON object; reload the page.');
  return { ok: true, value: json as Record<string, unknown> };
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
