import { LAYOUT_LIMITS } from './layout';

/** C0 and C1 control characters: nothing a person types into a name, and they can break a line or a log. */
const CONTROL_CHARS = /\p{Cc}/u;

/** What is wrong with a name or an id, as the end of a sentence ("is empty"). */
export type TextProblem = 'is empty' | 'is too long' | 'holds control characters' | 'is a reserved word';

/**
 * A name a person gave (a room, a floor, a view, an alias): trimmed, 1 to
 * `LAYOUT_LIMITS.nameChars` characters (counted as characters, not UTF-16 units, so an emoji
 * counts once), without control characters.
 */
export function checkName(raw: string): { ok: true; name: string } | { ok: false; problem: TextProblem } {
  // Checked before trimming or counting, so a megabyte of text costs nothing more than its length.
  if (raw.length > LAYOUT_LIMITS.nameChars * 4) return { ok: false, problem: 'is too long' };
  const name = raw.trim();
  if (name.length === 0) return { ok: false, problem: 'is empty' };
  if ([...name].length > LAYOUT_LIMITS.nameChars) return { ok: false, problem: 'is too long' };
  if (CONTROL_CHARS.test(name)) return { ok: false, problem: 'holds control characters' };
  return { ok: true, name };
}

/**
 * What is wrong with an id (a room's, a device key, a metric name), or null: non-empty, at most
 * `LAYOUT_LIMITS.idChars`, no control characters, and not a name every JavaScript object already
 * has (`__proto__`, `constructor`), which as a record key would read or change the prototype.
 */
export function idProblem(id: string): TextProblem | null {
  if (id.length === 0) return 'is empty';
  if (id.length > LAYOUT_LIMITS.idChars) return 'is too long';
  if (CONTROL_CHARS.test(id)) return 'holds control characters';
  if (isReservedKey(id)) return 'is a reserved word';
  return null;
}

/** A key every plain object answers already (`constructor`, `__proto__`, `toString`…). */
export function isReservedKey(key: string): boolean {
  return key in Object.prototype;
}

/**
 * An id made from a name: lower case, spaces as `-`, only `a-z`, `0-9` and `-` kept; `fallback`
 * when nothing is left (a name in another script). Then `-2`, `-3`… while `taken` says the id is
 * used (or it is a reserved word).
 */
export function idFromName(name: string, fallback: string, taken: (id: string) => boolean): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\s+/g, '-')
      .replace(/[^a-z0-9-]/g, '')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60)
      .replace(/-$/, '') || fallback;
  const free = (id: string) => !taken(id) && !isReservedKey(id);
  if (free(base)) return base;
  for (let n = 2; ; n++) {
    if (free(`${base}-${n}`)) return `${base}-${n}`;
  }
}

/** An id or name for a reason shown to a person: short, and without anything that breaks a line. */
export function quoted(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return short.replace(/\p{Cc}/gu, '?');
}
