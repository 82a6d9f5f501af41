import type { ConventionId } from '../device';
import { combineMeanings, type Interpretation } from '../interpretation';
import type { InboundMessage } from '../message';
import { decodeText, parseJsonText } from '../payload';
import { type DiscoveryPlace, type HaEntity, parseDiscovery } from './haConfig';
import { replayLastPayloads } from './haReplay';
import { type ConventionMemory, type HaMemory, MEMORY_LIMITS, nativeDeviceKey } from './memory';

/**
 * Home Assistant MQTT discovery, the configs: a config on `homeassistant/<component>/[<node_id>/]<object_id>/config`
 * announces an entity; from then on its state and availability topics, wherever they are, are read
 * the way the config says, starting with their last payloads if they came first. An empty config
 * removes the entity (and its device with its last one). A native device whose state an entity
 * reads is shown once, as the Home Assistant device: its own card goes.
 */

/** The native device a state topic belongs to, if another convention would show it. */
export type NativeDeviceOf = (topic: string) => NativeDevice | null;

export interface NativeDevice {
  convention: ConventionId;
  device: string;
}

const CONVENTION = 'homeassistant';

/** Reads a discovery config message: announces, replaces or removes entities. */
export function interpretDiscovery(
  memory: ConventionMemory,
  message: InboundMessage,
  place: DiscoveryPlace,
  nativeDeviceOf: NativeDeviceOf,
): Interpretation {
  const ha = memory.ha;
  const decoded = decodeText(message.payload);
  if (decoded.kind === 'oversize')
    return { kind: 'ignored', reason: `a discovery config of ${decoded.bytes} bytes was dropped` };
  if (decoded.kind === 'invalid') return { kind: 'ignored', reason: `discovery config: ${decoded.reason}` };
  const previous = entitiesOfConfig(ha, place.configTopic);

  if (decoded.text.length === 0) {
    for (const entity of previous) forget(ha, entity, nativeDeviceOf);
    if (previous.length === 0)
      return { kind: 'ignored', reason: 'removal of an entity that was never announced' };
    return combineMeanings(removals(ha, previous));
  }

  const json = parseJsonText(decoded.text);
  if (json.kind !== 'json')
    return {
      kind: 'ignored',
      reason: `discovery config: ${json.kind === 'invalid' ? json.reason : 'too large'}`,
    };
  const parsed = parseDiscovery(place, json.value);
  if (!parsed.ok) return { kind: 'ignored', reason: `discovery config: ${parsed.reason}` };

  const released = new Set<string>();
  for (const entity of previous) {
    const native = forget(ha, entity, nativeDeviceOf);
    if (native !== null) released.add(nativeDeviceKey(native.convention, native.device));
  }
  const next = new Map(parsed.entities.map((entity) => [`${entity.device}\u0000${entity.metric}`, entity]));
  const meanings: Interpretation[] = removals(
    ha,
    previous.filter((entity) => !next.has(`${entity.device}\u0000${entity.metric}`)),
  );
  for (const old of previous) {
    // The same entity announced again without its command: its control goes.
    const renewed = next.get(`${old.device}\u0000${old.metric}`);
    if (old.control !== null && renewed !== undefined && renewed.control?.id !== old.control.id) {
      meanings.push(controlRemoval(old.device, old.control.id));
    }
  }
  const announced: HaEntity[] = [];
  const shadowedNow: NativeDevice[] = [];
  for (const entity of parsed.entities) {
    if (ha.entities.size >= MEMORY_LIMITS.haEntities) {
      meanings.push({
        kind: 'ignored',
        reason: `more than ${MEMORY_LIMITS.haEntities} Home Assistant entities: "${entity.label}" is not shown`,
      });
      continue;
    }
    const native = remember(ha, entity, nativeDeviceOf);
    // (A config announced again shadows what it shadowed before: nothing new to take away.)
    if (native !== null && !released.has(nativeDeviceKey(native.convention, native.device)))
      shadowedNow.push(native);
    announced.push(entity);
  }
  // Before the descriptions: a native device may have the Home Assistant device's id, and its card
  // is then replaced by the Home Assistant one.
  meanings.push(...nativeRemovals(ha, shadowedNow, announced));
  for (const [device, entities] of groupByDevice(announced)) {
    const problems = entities.flatMap((entity) => (entity.problem === null ? [] : [entity.problem]));
    meanings.push({
      kind: 'describe',
      device,
      convention: CONVENTION,
      description: {
        name: entities[0]?.deviceName,
        metrics: entities.map((entity) => ({
          metric: entity.metric,
          label: entity.label,
          unit: entity.unit,
        })),
        controls: entities.flatMap((entity) => (entity.control === null ? [] : [entity.control])),
        ...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
      },
    });
  }
  meanings.push(...replayLastPayloads(memory, announced, message.receivedAt));
  if (meanings.length === 0)
    return { kind: 'ignored', reason: parsed.skipped[0] ?? 'a discovery config with nothing to show' };
  return combineMeanings(meanings);
}

function entitiesOfConfig(ha: HaMemory, configTopic: string): HaEntity[] {
  const found: HaEntity[] = [];
  const direct = ha.entities.get(configTopic);
  if (direct !== undefined) found.push(direct);
  const prefix = `${configTopic}#`;
  for (const [key, entity] of ha.entities) if (key.startsWith(prefix)) found.push(entity);
  return found;
}

/**
 * Indexes an entity's topics. Returns the native device its state topic belongs to when the entity
 * is the first to read it: that device is shadowed from now on. The native device is shadowed even
 * when its id equals the Home Assistant device's: it is shown once, through Home Assistant.
 */
function remember(ha: HaMemory, entity: HaEntity, nativeDeviceOf: NativeDeviceOf): NativeDevice | null {
  ha.entities.set(entity.key, entity);
  for (const availability of entity.availability)
    index(ha.byAvailabilityTopic, availability.topic, entity.key, true);
  if (entity.stateTopic === null) return null;
  index(ha.byStateTopic, entity.stateTopic, entity.key, true);
  const native = nativeDeviceOf(entity.stateTopic);
  if (native === null) return null;
  const key = nativeDeviceKey(native.convention, native.device);
  const count = ha.shadowed.get(key) ?? 0;
  ha.shadowed.set(key, count + 1);
  return count === 0 ? native : null;
}

/** Unindexes an entity. Returns the native device no entity shadows any more, if it does that. */
function forget(ha: HaMemory, entity: HaEntity, nativeDeviceOf: NativeDeviceOf): NativeDevice | null {
  ha.entities.delete(entity.key);
  for (const availability of entity.availability)
    index(ha.byAvailabilityTopic, availability.topic, entity.key, false);
  if (entity.stateTopic === null) return null;
  index(ha.byStateTopic, entity.stateTopic, entity.key, false);
  const native = nativeDeviceOf(entity.stateTopic);
  if (native === null) return null;
  const key = nativeDeviceKey(native.convention, native.device);
  const count = ha.shadowed.get(key) ?? 0;
  if (count > 1) {
    ha.shadowed.set(key, count - 1);
    return null;
  }
  ha.shadowed.delete(key);
  return native;
}

/**
 * Takes the cards of newly shadowed native devices off the fleet, so each device is shown once.
 * A native id that is also a Home Assistant device shown before this config is kept: that card
 * is the Home Assistant device's too.
 */
function nativeRemovals(
  ha: HaMemory,
  natives: readonly NativeDevice[],
  announced: readonly HaEntity[],
): Interpretation[] {
  if (natives.length === 0) return [];
  const announcedKeys = new Set(announced.map((entity) => entity.key));
  const shownBefore = new Set<string>();
  for (const entity of ha.entities.values())
    if (!announcedKeys.has(entity.key)) shownBefore.add(entity.device);
  return natives
    .filter((native) => !shownBefore.has(native.device))
    .map((native) => ({
      kind: 'remove',
      device: native.device,
      convention: native.convention,
      metrics: [],
      controls: [],
      wholeDevice: true,
    }));
}

function index(map: Map<string, Set<string>>, topic: string, key: string, add: boolean): void {
  const keys = map.get(topic) ?? new Set<string>();
  if (add) keys.add(key);
  else keys.delete(key);
  if (keys.size === 0) map.delete(topic);
  else map.set(topic, keys);
}

/** Removal meanings for entities already forgotten; a device with no entity left goes whole. */
function removals(ha: HaMemory, gone: readonly HaEntity[]): Interpretation[] {
  const remaining = new Set<string>();
  for (const entity of ha.entities.values()) remaining.add(entity.device);
  return [...groupByDevice(gone)].map(([device, entities]) => ({
    kind: 'remove',
    device,
    convention: CONVENTION,
    metrics: entities.map((entity) => entity.metric),
    controls: entities.flatMap((entity) => (entity.control === null ? [] : [entity.control.id])),
    wholeDevice: !remaining.has(device),
  }));
}

function controlRemoval(device: string, control: string): Interpretation {
  return {
    kind: 'remove',
    device,
    convention: CONVENTION,
    metrics: [],
    controls: [control],
    wholeDevice: false,
  };
}

function groupByDevice(entities: readonly HaEntity[]): Map<string, HaEntity[]> {
  const groups = new Map<string, HaEntity[]>();
  for (const entity of entities) groups.set(entity.device, [...(groups.get(entity.device) ?? []), entity]);
  return groups;
}
