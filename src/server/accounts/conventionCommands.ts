import { RPC_SOURCE } from '../../core/command.ts';
import { placeTopic } from '../../core/topic.ts';

/**
 * The command topics of the conventions Hearth reads, as narrow as what Hearth itself sends
 * (src/core/command.ts and the conventions' controls), and the topics of theirs that are never
 * commands (reports, state, Last Wills). The rules read levels, so they answer for a topic and
 * for a subscription filter alike: a `+` counts as a command only where any level at all is one
 * (an empty level included, since `+` matches it per MQTT 4.7.1.3), and a `#` never does.
 */

export type CommandConvention = 'tasmota' | 'zigbee2mqtt' | 'homie' | 'shelly' | 'homeseer';

/** Tasmota commands Hearth sends: relays (`POWER`, `POWER2`…) and the dimmer. Tasmota ignores case. */
const TASMOTA_COMMAND = /^(POWER\d*|Dimmer)$/i;
const Z2M_BASE = 'zigbee2mqtt';
const HOMIE_BASE = 'homie';
const HOMESEER_MARKER = 'mcsmqtt';

/** A level that names one thing: not empty and not a wildcard. */
function isName(level: string | undefined): boolean {
  return level !== undefined && level.length > 0 && level !== '+' && level !== '#';
}

function allNames(levels: readonly string[]): boolean {
  return levels.length > 0 && levels.every(isName);
}

/**
 * The convention whose command topic this is, or null:
 * - Tasmota `cmnd/<topic>/POWER<n>` and `cmnd/<topic>/Dimmer` (other commands, `Upgrade`,
 *   `Reset`, `Backlog`…, do more than switch and set; an owner may list them);
 * - Zigbee2MQTT `zigbee2mqtt/<friendly name>/set` and `…/set/<attribute>` (names may hold `/`),
 *   never `zigbee2mqtt/bridge/…` (permit join, remove a device…);
 * - Homie `homie/<device>/<node>/<property>/set`;
 * - Shelly Gen2 `<prefix>/rpc`, not its `<prefix>/events/rpc` reports nor Hearth's own reply
 *   topic `hearth/rpc`;
 * - HomeSeer mcsMQTT `…/mcsMQTT/<device topic>/Control`.
 */
export function commandConventionOf(levels: readonly string[]): CommandConvention | null {
  const count = levels.length;
  const last = levels[count - 1];
  if (count === 3 && levels[0] === 'cmnd' && isName(levels[1]) && TASMOTA_COMMAND.test(levels[2] ?? ''))
    return 'tasmota';
  if (levels[0] === Z2M_BASE && levels[1] !== 'bridge') {
    if (last === 'set' && allNames(levels.slice(1, -1))) return 'zigbee2mqtt';
    if (levels[count - 2] === 'set' && isName(last) && allNames(levels.slice(1, -2))) return 'zigbee2mqtt';
    return null;
  }
  if (levels[0] === HOMIE_BASE) {
    const [, device = '', node, property, set] = levels;
    const free = (level: string | undefined) => level !== undefined && level !== '#';
    return count === 5 &&
      isName(device) &&
      !device.startsWith('$') &&
      free(node) &&
      free(property) &&
      set === 'set'
      ? 'homie'
      : null;
  }
  if (count >= 2 && last === 'rpc' && allNames(levels.slice(0, -1))) {
    const isEvents = levels[count - 2] === 'events';
    const isHearthReplies = count === 2 && levels[0] === RPC_SOURCE;
    return isEvents || isHearthReplies ? null : 'shelly';
  }
  const marker = levels.findIndex((level) => level.toLowerCase() === HOMESEER_MARKER);
  if (marker >= 0 && last?.toLowerCase() === 'control') {
    const before = levels.slice(0, marker);
    const device = levels.slice(marker + 1, -1);
    if (before.every(isName) && allNames(device)) return 'homeseer';
  }
  return null;
}

/**
 * Why a topic is a device's report rather than a command, or null when it is not known as one:
 * Tasmota `tele/<t>/X` and `stat/<t>/X`, anything under `zigbee2mqtt/` or `homie/` that is not
 * a command there, a Shelly's `<prefix>/status/<component>` and `<prefix>/events/rpc`, and any
 * Last-Will-like topic (a last level of status, availability, LWT, state or online). Only asked
 * of topics that are not a convention's command (Zigbee2MQTT's `…/set/state` is one).
 */
export function reportReasonOf(topic: string, levels: readonly string[]): string | null {
  const count = levels.length;
  if (count === 3 && (levels[0] === 'tele' || levels[0] === 'stat') && isName(levels[1]))
    return 'is a Tasmota device reporting';
  if (levels[0] === Z2M_BASE) return "is a Zigbee2MQTT device's state or the bridge's own topic";
  if (levels[0] === HOMIE_BASE) return "is a Homie device's state or description";
  if (count >= 3 && levels[count - 2] === 'status') return "is a device's status report";
  if (count >= 3 && levels[count - 2] === 'events' && levels[count - 1] === 'rpc')
    return "is a Shelly device's event report";
  if (placeTopic(topic).kind === 'availability') return "is a device's online/offline status (its Last Will)";
  return null;
}
