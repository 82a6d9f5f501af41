import { clipText } from '../../core/clip.ts';
import { parseDiscovery, placeDiscoveryTopic } from '../../core/conventions/haConfig.ts';
import { decodeJson } from '../../core/payload.ts';
import { checkFilter, checkPublishTopic, filterCovers } from '../../core/topic.ts';
import { type CommandConvention, commandConventionOf, reportReasonOf } from './conventionCommands.ts';
import { devicePrefixesProblemOf, isUnderAnyPrefix, type Principal, prefixesInWords } from './principal.ts';

/**
 * Which topics are commands, the rule `control` publishes and devices subscribe by: the
 * conventions' own command topics (conventionCommands.ts), the `command_topic`s that Home
 * Assistant discovery configs announce (learned as they arrive), and the topics or filters an
 * owner lists. Plain data; learnFromDiscovery updates it in place (like the conventions'
 * memory), so each of the thousands of retained configs read at start costs one step.
 */
export interface CommandTopics {
  readonly discoveryPrefix: string;
  /** The owner's own command topics, MQTT filters (`garage/door/set`, `irrigation/+/cmd`). */
  readonly ownerFilters: readonly string[];
  /** What each discovery config topic announced, so a changed or removed config takes it back. */
  readonly announcements: Map<string, Announcement>;
  /** Each announced command topic with how many configs announce it. */
  readonly learnedCommands: Map<string, number>;
  /** State and availability topics announced, counted alike: a device's reports, never commands. */
  readonly learnedReports: Map<string, number>;
}

export interface Announcement {
  readonly commands: readonly string[];
  readonly reports: readonly string[];
}

/** Discovery configs remembered at most (a large house announces a few hundred entities). */
export const DISCOVERY_CONFIGS_MAX = 5000;
/** Command filters an owner may list. */
export const OWNER_COMMAND_FILTERS_MAX = 200;
export const DEFAULT_DISCOVERY_PREFIX = 'homeassistant';

export type CommandVerdict =
  | { ok: true; source: CommandConvention | 'discovery' | 'owner' }
  | { ok: false; reason: string };

/**
 * The command topics from the owner's list (see withOwnerCommandTopics), with nothing announced
 * yet. `discoveryPrefix` is where Home Assistant configs live (`homeassistant` by default).
 */
export function createCommandTopics(
  options: { extraCommandTopics?: readonly string[]; discoveryPrefix?: string } = {},
): { ok: true; commandTopics: CommandTopics } | { ok: false; reason: string } {
  const empty: CommandTopics = {
    discoveryPrefix: options.discoveryPrefix ?? DEFAULT_DISCOVERY_PREFIX,
    ownerFilters: [],
    announcements: new Map(),
    learnedCommands: new Map(),
    learnedReports: new Map(),
  };
  return withOwnerCommandTopics(empty, options.extraCommandTopics ?? []);
}

/**
 * The command topics with the owner's list replaced, for a settings change at run time: what
 * configs announced carries over (the new value shares it; drop the old one). Refused whole,
 * with the first problem, unless each entry is a valid MQTT filter that reaches neither the
 * broker's `$` topics nor the discovery configs (those are never commands).
 */
export function withOwnerCommandTopics(
  commandTopics: CommandTopics,
  extraCommandTopics: readonly string[],
): { ok: true; commandTopics: CommandTopics } | { ok: false; reason: string } {
  const filters = [...new Set(extraCommandTopics.map((filter) => filter.trim()))];
  if (filters.length > OWNER_COMMAND_FILTERS_MAX)
    return { ok: false, reason: `at most ${OWNER_COMMAND_FILTERS_MAX} command topics can be listed` };
  for (const filter of filters) {
    const shown = clipText(filter);
    const check = checkFilter(filter);
    if (!check.ok) return { ok: false, reason: `the command topic "${shown}" is not valid: ${check.reason}` };
    const never = neverCommandReason(filter, commandTopics.discoveryPrefix);
    if (never !== null) return { ok: false, reason: `"${shown}" cannot be a command topic: it ${never}` };
  }
  return { ok: true, commandTopics: { ...commandTopics, ownerFilters: filters } };
}

/**
 * Whether a topic, or every topic a subscription filter matches, is a command, and if not why,
 * in words. In order: `$` topics and the discovery configs never are; a convention's command
 * topic is; a device's report (a convention's, a Last Will, a state topic a config announced)
 * is not, whatever the owner listed; then the announced command topics and the owner's list.
 * A filter with wildcards counts only when a convention or an owner's filter covers all of it.
 */
export function commandVerdictOf(commandTopics: CommandTopics, topic: string): CommandVerdict {
  const shown = clipText(topic);
  const never = neverCommandReason(topic, commandTopics.discoveryPrefix);
  if (never !== null) return { ok: false, reason: `"${shown}" ${never}` };
  const levels = topic.split('/');
  const convention = commandConventionOf(levels);
  if (convention !== null) return { ok: true, source: convention };
  const report = commandTopics.learnedReports.has(topic)
    ? "is a device's state topic (its Home Assistant discovery config says so)"
    : reportReasonOf(topic, levels);
  if (report !== null) return { ok: false, reason: `"${shown}" ${report}, not a command` };
  if (commandTopics.learnedCommands.has(topic)) return { ok: true, source: 'discovery' };
  if (commandTopics.ownerFilters.some((filter) => filterCovers(filter, topic)))
    return { ok: true, source: 'owner' };
  return {
    ok: false,
    reason: `"${shown}" is not a command topic Hearth knows; an owner can add it to the command topics`,
  };
}

/** Whether a topic (or all a filter matches) is a command; see commandVerdictOf. */
export function isCommandTopic(commandTopics: CommandTopics, topic: string): boolean {
  return commandVerdictOf(commandTopics, topic).ok;
}

/**
 * Who published a discovery config: an account or a device (as the broker's publish hook sees
 * it), or the broker itself (configs already retained when the server starts, the server's own).
 */
export type DiscoverySource = Principal | { kind: 'broker' };

export type DiscoveryOutcome =
  | { kind: 'not-discovery' }
  | { kind: 'untrusted'; reason: string }
  | { kind: 'forgotten' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'full'; reason: string }
  /** `refused`: announced command topics not taken, each with why. */
  | { kind: 'learned'; commands: readonly string[]; refused: readonly string[] };

/**
 * Takes in, in place, one message on a discovery config topic (`homeassistant/switch/plug/config`): the
 * `command_topic`s of the entities Hearth controls (switch, light, number) become command
 * topics, their state and availability topics reports. An empty payload (the retained config
 * cleared) or one that no longer reads takes back what the config announced. Configs from
 * `view` or `control` accounts are not trusted (they cannot publish configs anyway, but a
 * config must never widen what its own publisher may do). A device's config is taken only from
 * under one of its prefixes (a Zigbee2MQTT bridge owning `zigbee2mqtt/` and `homeassistant/`
 * announces under the second), and counts only for command topics under one of its prefixes.
 */
export function learnFromDiscovery(
  commandTopics: CommandTopics,
  topic: string,
  payload: Uint8Array,
  source: DiscoverySource,
): DiscoveryOutcome {
  const place = placeDiscoveryTopic(topic, commandTopics.discoveryPrefix);
  if (place === null) return { kind: 'not-discovery' };
  const distrust = distrustOf(source, topic);
  if (distrust !== null) return { kind: 'untrusted', reason: distrust };
  if (payload.byteLength === 0) {
    announce(commandTopics, topic, null);
    return { kind: 'forgotten' };
  }

  const json = decodeJson(payload);
  const parsed = json.kind === 'json' ? parseDiscovery(place, json.value) : null;
  if (parsed === null || !parsed.ok) {
    const reason =
      json.kind === 'oversize'
        ? `the config is ${json.bytes} bytes, too large to read`
        : json.kind === 'invalid'
          ? json.reason
          : parsed?.ok === false
            ? parsed.reason
            : 'unreadable';
    announce(commandTopics, topic, null);
    return { kind: 'unreadable', reason };
  }
  if (!commandTopics.announcements.has(topic) && commandTopics.announcements.size >= DISCOVERY_CONFIGS_MAX)
    return {
      kind: 'full',
      reason: `already ${DISCOVERY_CONFIGS_MAX} discovery configs; "${clipText(topic)}" is not taken in`,
    };

  const commands: string[] = [];
  const refused: string[] = [];
  const reports: string[] = [];
  for (const entity of parsed.entities) {
    // A device speaks only for its own topics: its config cannot make another's command a report.
    const own = (report: string) => source.kind !== 'device' || isUnderAnyPrefix(source.prefixes, report);
    if (entity.stateTopic !== null && own(entity.stateTopic)) reports.push(entity.stateTopic);
    for (const availability of entity.availability)
      if (own(availability.topic)) reports.push(availability.topic);
    const command = entity.control?.command.topic;
    if (command === undefined) continue;
    const why = refusedCommandReason(commandTopics, command, source);
    if (why === null) commands.push(command);
    else refused.push(why);
  }
  const announcement = { commands: [...new Set(commands)], reports: [...new Set(reports)] };
  announce(commandTopics, topic, announcement);
  return { kind: 'learned', commands: announcement.commands, refused };
}

/** Never a command, whoever lists or announces it: the broker's `$` topics and the discovery configs. */
function neverCommandReason(topic: string, discoveryPrefix: string): string | null {
  if (topic.startsWith('$')) return 'starts with $: such topics belong to the broker';
  if (topic.split('/')[0] === discoveryPrefix)
    return `is under "${discoveryPrefix}/", where devices announce themselves to Home Assistant`;
  return null;
}

function distrustOf(source: DiscoverySource, topic: string): string | null {
  if (source.kind === 'account' && source.role !== 'owner')
    return `a config published by the ${source.role} account "${source.name}" is not trusted`;
  if (source.kind !== 'device') return null;
  const problem = devicePrefixesProblemOf(source.prefixes);
  if (problem !== null) return `a config published by the device "${source.name}" is not trusted: ${problem}`;
  if (!isUnderAnyPrefix(source.prefixes, topic))
    return `the device "${source.name}" announced outside its ${prefixNoun(source.prefixes)} ${prefixesInWords(source.prefixes, 'and')}`;
  return null;
}

function refusedCommandReason(
  commandTopics: CommandTopics,
  command: string,
  source: DiscoverySource,
): string | null {
  const shown = clipText(command);
  const check = checkPublishTopic(command);
  if (!check.ok) return `"${shown}": ${check.reason}`;
  const never = neverCommandReason(command, commandTopics.discoveryPrefix);
  if (never !== null) return `"${shown}" ${never}`;
  if (source.kind === 'device' && !isUnderAnyPrefix(source.prefixes, command))
    return `"${shown}" is outside the ${prefixNoun(source.prefixes)} ${prefixesInWords(source.prefixes, 'and')} of the device "${source.name}" that announced it`;
  return null;
}

function prefixNoun(prefixes: readonly string[]): string {
  return prefixes.length === 1 ? 'prefix' : 'prefixes';
}

/** Replaces what one config announced (null: takes it back), keeping the counts in step. */
function announce(
  commandTopics: CommandTopics,
  configTopic: string,
  announcement: Announcement | null,
): void {
  const old = commandTopics.announcements.get(configTopic);
  if (old !== undefined) {
    for (const command of old.commands) count(commandTopics.learnedCommands, command, -1);
    for (const report of old.reports) count(commandTopics.learnedReports, report, -1);
  }
  if (announcement === null) {
    commandTopics.announcements.delete(configTopic);
    return;
  }
  commandTopics.announcements.set(configTopic, announcement);
  for (const command of announcement.commands) count(commandTopics.learnedCommands, command, 1);
  for (const report of announcement.reports) count(commandTopics.learnedReports, report, 1);
}

function count(counts: Map<string, number>, topic: string, change: 1 | -1): void {
  const next = (counts.get(topic) ?? 0) + change;
  if (next > 0) counts.set(topic, next);
  else counts.delete(topic);
}
