import { filterCovers } from '../../core/topic.ts';

/**
 * Who is publishing or subscribing on the broker: a person's account with its role, or a
 * device's account with the topic prefix it owns. The broker's hooks build one per client from
 * the account it signed in with (or the session behind its WebSocket).
 */
export type Principal =
  | { kind: 'account'; name: string; role: PersonRole }
  | { kind: 'device'; name: string; prefix: string };

/** `view` watches; `control` also switches and sets; `owner` also edits settings and accounts. */
export type PersonRole = 'owner' | 'control' | 'view';

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
