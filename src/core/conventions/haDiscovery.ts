import type { ConventionId } from '../device';
import { combineMeanings, type Interpretation } from '../interpret';
import type { InboundMessage } from '../message';
import { decodeText, parseJsonText } from '../payload';
import { type DiscoveryPlace, type HaEntity, parseDiscovery } from './haConfig';
import { type ConventionMemory, type HaMemory, MEMORY_LIMITS, nativeDeviceKey } from './memory';

/**
 * Home Assistant MQTT discovery, the configs: a config on `homeassistant/<component>/[<node_id>/]<object_id>/config`
 * announces an entity; from then on its state and availability topics, wherever they are, are read
 * the way the config says. An empty config removes the entity (and its device with its last one).
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

  for (const entity of previous) forget(ha, entity, nativeDeviceOf);
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
  for (const entity of parsed.entities) {
    if (ha.entities.size >= MEMORY_LIMITS.haEntities) {
      meanings.push({
        kind: 'ignored',
        reason: `more than ${MEMORY_LIMITS.haEntities} Home Assistant entities: "${entity.label}" is not shown`,
      });
      continue;
    }
    remember(ha, entity, nativeDeviceOf);
    announced.push(entity);
  }
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

function remember(ha: HaMemory, entity: HaEntity, nativeDeviceOf: NativeDeviceOf): void {
  ha.entities.set(entity.key, entity);
  if (entity.stateTopic !== null) {
    index(ha.byStateTopic, entity.stateTopic, entity.key, true);
    const native = shadowKey(nativeDeviceOf, entity.stateTopic);
    if (native !== null) ha.shadowed.set(native, (ha.shadowed.get(native) ?? 0) + 1);
  }
  for (const availability of entity.availability)
    index(ha.byAvailabilityTopic, availability.topic, entity.key, true);
}

function forget(ha: HaMemory, entity: HaEntity, nativeDeviceOf: NativeDeviceOf): void {
  ha.entities.delete(entity.key);
  if (entity.stateTopic !== null) {
    index(ha.byStateTopic, entity.stateTopic, entity.key, false);
    const native = shadowKey(nativeDeviceOf, entity.stateTopic);
    const count = native === null ? 0 : (ha.shadowed.get(native) ?? 0);
    if (native !== null && count <= 1) ha.shadowed.delete(native);
    else if (native !== null) ha.shadowed.set(native, count - 1);
  }
  for (const availability of entity.availability)
    index(ha.byAvailabilityTopic, availability.topic, entity.key, false);
}

/**
 * The shadowed-device key of the native device a state topic belongs to. The native device is
 * shadowed even when its id equals the Home Assistant device's: it is shown once, through Home
 * Assistant.
 */
function shadowKey(nativeDeviceOf: NativeDeviceOf, stateTopic: string): string | null {
  const native = nativeDeviceOf(stateTopic);
  return native === null ? null : nativeDeviceKey(native.convention, native.device);
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
