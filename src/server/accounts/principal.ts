import { clipText } from '../../core/clip.ts';
import { filterCovers } from '../../core/topic.ts';

/**
 * Who is publishing or subscribing on the broker: a person's account with its role, or a
 * device's account with the topic prefixes it owns (a Tasmota plug owns `tele/plug/`,
 * `stat/plug/` and `cmnd/plug/`). The broker's hooks build one per client from the account it
 * signed in with (or the session behind its WebSocket).
 */
export type Principal =
  | { kind: 'account'; name: string; role: PersonRole }
  | { kind: 'device'; name: string; prefixes: readonly string[] };

/** `view` watches; `control` also switches and sets; `owner` also edits settings and accounts. */
export type PersonRole = 'owner' | 'control' | 'view';

/** Prefixes a reason names one by one; a longer list is summed up as "… or 15 more". */
const PREFIXES_NAMED_MAX = 5;

/**
 * The filter `<prefix>#` that covers everything a device owns, or why its prefix owns nothing.
 * The prefix ends at a level boundary whether or not it is written with its closing `/`:
 * `kitchen/` and `kitchen` both give `kitchen/#`, which matches `kitchen/temp` (and, per MQTT,
 * `kitchen` itself) but never `kitchen2/x`.
 */
export function prefixFilterOf(prefix: string): { ok: true; filter: string } | { ok: false; reason: string } {
  const base = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (base.length === 0) return { ok: false, reason: 'a device prefix needs at least one named level' };
  if (base.startsWith('$'))
    return { ok: false, reason: 'a device prefix cannot start with $ (the broker owns those topics)' };
  if (base.includes('+') || base.includes('#') || base.includes('\u0000'))
    return { ok: false, reason: 'a device prefix cannot contain +, # or NUL' };
  if (base.split('/').some((level) => level.length === 0))
    return { ok: false, reason: `the device prefix "${prefix}" has an empty level` };
  return { ok: true, filter: `${base}/#` };
}

/** Whether everything `topicOrFilter` names lies under a device's prefix (false for a bad prefix). */
export function isUnderPrefix(prefix: string, topicOrFilter: string): boolean {
  const owned = prefixFilterOf(prefix);
  return owned.ok && filterCovers(owned.filter, topicOrFilter);
}

/**
 * Whether everything `topicOrFilter` names lies under one of a device's prefixes. One, not
 * several together: a filter is taken only when a single prefix covers all it matches, so
 * `+/plug/POWER` is not taken from a device owning `cmnd/plug/` and `stat/plug/`.
 */
export function isUnderAnyPrefix(prefixes: readonly string[], topicOrFilter: string): boolean {
  return prefixes.some((prefix) => isUnderPrefix(prefix, topicOrFilter));
}

/**
 * Why a device's prefixes give it nothing at all, or null when they are usable: it has none, or
 * one of them is not a prefix (see prefixFilterOf). The account file never holds such a list;
 * a device built with one is refused everything rather than trusted with the rest.
 */
export function devicePrefixesProblemOf(prefixes: readonly string[]): string | null {
  if (prefixes.length === 0) return 'a device needs at least one topic prefix';
  for (const prefix of prefixes) {
    const owned = prefixFilterOf(prefix);
    if (!owned.ok) return owned.reason;
  }
  return null;
}

/**
 * A device's prefixes as a reason names them: `"kitchen/"`, `"tele/plug/" or "stat/plug/"`,
 * `"a/", "b/" and "c/"`, past five `"a/", …, "e/" or 15 more`.
 */
export function prefixesInWords(prefixes: readonly string[], joiner: 'or' | 'and'): string {
  const named = prefixes.slice(0, PREFIXES_NAMED_MAX).map((prefix) => `"${clipText(prefix)}"`);
  const more = prefixes.length - named.length;
  if (more > 0) return `${named.join(', ')} ${joiner} ${more} more`;
  const last = named.pop() ?? '';
  return named.length === 0 ? last : `${named.join(', ')} ${joiner} ${last}`;
}
