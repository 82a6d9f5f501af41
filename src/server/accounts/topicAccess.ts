import { clipText } from '../../core/clip.ts';
import { checkFilter, checkPublishTopic } from '../../core/topic.ts';
import { type CommandTopics, commandVerdictOf } from './commandTopics.ts';
import { devicePrefixesProblemOf, isUnderAnyPrefix, type Principal, prefixesInWords } from './principal.ts';

/**
 * Who may publish and subscribe to what on the broker: the decisions its hooks ask on every
 * PUBLISH and SUBSCRIBE. `view` sees everything and publishes nothing; `control` and `owner`
 * publish commands only (commandTopics.ts); a device publishes under its own prefixes and
 * subscribes to its own command topics there. Reasons are in words, for the log.
 */

export type AccessDecision = { ok: true } | { ok: false; reason: string };

/**
 * Whether `principal` may publish to `topic`. Refused for everyone: a topic with `+` or `#`,
 * an empty one, one starting with `$` (the broker's). A device: only under one of its prefixes
 * (each a level boundary: `kitchen/` does not reach `kitchen2/x`). `view`: nothing. `control` and `owner`:
 * only command topics, never discovery configs, reports or Last Wills.
 */
export function mayPublish(
  principal: Principal,
  topic: string,
  commandTopics: CommandTopics,
): AccessDecision {
  const shown = clipText(topic);
  const check = checkPublishTopic(topic);
  if (!check.ok) return { ok: false, reason: `cannot publish to "${shown}": ${check.reason}` };
  if (topic.startsWith('$'))
    return { ok: false, reason: `cannot publish to "${shown}": topics starting with $ belong to the broker` };
  if (principal.kind === 'device') {
    const problem = devicePrefixesProblemOf(principal.prefixes);
    if (problem !== null)
      return { ok: false, reason: `the device "${principal.name}" cannot publish: ${problem}` };
    return isUnderAnyPrefix(principal.prefixes, topic)
      ? { ok: true }
      : {
          ok: false,
          reason: `the device "${principal.name}" publishes only under ${prefixesInWords(principal.prefixes, 'or')}, not to "${shown}"`,
        };
  }
  if (principal.role === 'view')
    return {
      ok: false,
      reason: `"${principal.name}" is a view account: it can watch but not switch or set anything`,
    };
  const verdict = commandVerdictOf(commandTopics, topic);
  return verdict.ok
    ? { ok: true }
    : { ok: false, reason: `"${principal.name}" may publish only commands: ${verdict.reason}` };
}

/**
 * Whether `principal` may subscribe to `filter` (a valid MQTT filter, or refused). People's
 * accounts, of every role, may subscribe to anything, `#` and `$SYS/#` included: seeing is what
 * `view` is for. A device only to filters that lie wholly under one of its own prefixes, as
 * firmware subscribes: Tasmota `cmnd/plug1/#` for prefix `cmnd/plug1/`, Zigbee2MQTT
 * `zigbee2mqtt/#` and `homeassistant/status` for its two; not `#`, not `+/plug1/POWER` (which
 * reaches other devices' prefixes). `_commandTopics` stays for callers deciding both ways alike.
 */
export function maySubscribe(
  principal: Principal,
  filter: string,
  _commandTopics: CommandTopics,
): AccessDecision {
  const shown = clipText(filter);
  const check = checkFilter(filter);
  if (!check.ok) return { ok: false, reason: `cannot subscribe to "${shown}": ${check.reason}` };
  if (principal.kind === 'account') return { ok: true };
  const problem = devicePrefixesProblemOf(principal.prefixes);
  if (problem !== null)
    return { ok: false, reason: `the device "${principal.name}" cannot subscribe: ${problem}` };
  if (!isUnderAnyPrefix(principal.prefixes, filter))
    return {
      ok: false,
      reason: `the device "${principal.name}" may subscribe only under ${prefixesInWords(principal.prefixes, 'or')}, and "${shown}" reaches beyond ${principal.prefixes.length === 1 ? 'it' : 'them'}`,
    };
  return { ok: true };
}
