import { LAYOUT_LIMITS } from './layout';
import { checkName, idProblem, quoted } from './layoutNames';

/**
 * Readers of untrusted layout JSON, field by field. Each answers the typed value or throws a
 * `Refusal` naming the field (`rooms.kitchen.name is empty`); the parsers catch it at their door
 * and answer it as a value, so nothing thrown leaves them.
 */

export type Json = Record<string, unknown>;

/** The first field found wrong, in words. */
export class Refusal {
  constructor(readonly reason: string) {}
}

export function record<T>(
  json: Json,
  key: string,
  max: number,
  value: (json: Json, path: string) => T,
): Record<string, T> {
  return entries(field(json, key) ?? {}, key, max, value);
}

export function entries<T>(
  input: unknown,
  path: string,
  max: number,
  value: (json: Json, path: string) => T,
): Record<string, T> {
  const json = object(input, path);
  const keys = Object.keys(json);
  if (keys.length > max) throw new Refusal(`${path} holds more than ${max} entries`);
  const out: Record<string, T> = {};
  for (const key of keys) {
    const at = `${path}.${quoted(key)}`;
    checkedId(key, at);
    out[key] = value(object(json[key], at), at);
  }
  return out;
}

export function list<T>(input: unknown, path: string, item: (entry: unknown, path: string) => T): T[] {
  if (!Array.isArray(input)) throw new Refusal(`${path} is not a list`);
  if (input.length > LAYOUT_LIMITS.listItems)
    throw new Refusal(`${path} holds more than ${LAYOUT_LIMITS.listItems} entries`);
  return input.map((entry, index) => item(entry, `${path}[${index}]`));
}

export function object(input: unknown, path: string): Json {
  if (!isObject(input)) throw new Refusal(`${path} is not an object`);
  return input;
}

export function isObject(input: unknown): input is Json {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/** A field the object holds itself: never one it inherits (`constructor`, `__proto__`). */
export function field(json: Json, key: string): unknown {
  return Object.hasOwn(json, key) ? json[key] : undefined;
}

export function text(input: unknown, path: string): string {
  if (typeof input !== 'string') throw new Refusal(`${path} is not text`);
  return input;
}

export function name(input: unknown, path: string): string {
  const checked = checkName(text(input, path));
  if (!checked.ok) throw new Refusal(`${path} ${checked.problem}`);
  return checked.name;
}

export function checkedId(id: string, path: string): string {
  const problem = idProblem(id);
  if (problem !== null) throw new Refusal(`${path} ${problem}`);
  return id;
}

export function optionalId(input: unknown, path: string): string | null | undefined {
  if (input === undefined || input === null) return input;
  return checkedId(text(input, path), path);
}

export function position(input: unknown, path: string): number {
  if (typeof input !== 'number' || !Number.isFinite(input))
    throw new Refusal(`${path}.position is not a finite number`);
  return input;
}

export function count(input: unknown, path: string): number {
  if (typeof input !== 'number' || !Number.isSafeInteger(input) || input < 0) {
    throw new Refusal(`${path} is not a whole number of zero or more`);
  }
  return input;
}

export function rev(json: Json, path: string): number {
  return count(field(json, 'rev') ?? 0, `${path}.rev`);
}

export function flag(input: unknown, path: string): boolean {
  if (input === undefined) return false;
  if (typeof input !== 'boolean') throw new Refusal(`${path} is not true or false`);
  return input;
}
