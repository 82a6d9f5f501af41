import { combineMeanings, type Interpretation } from '../interpretation';
import type { InboundMessage } from '../message';
import { decodeText, parseJsonText } from '../payload';
import { type DiscoveryPlace, parseDiscovery } from './haConfig';
import { type HaEntity, shownKeyOf } from './haEntity';
import {
  descriptionOf,
  identityOf,
  isNative,
  type NativeDeviceOf,
  offeredControl,
  placeEntity,
} from './haPlacement';
import { replayLastPayloads } from './haReplay';
import { type ConventionMemory, type HaMemory, MEMORY_LIMITS } from './memory';

/**
 * Home Assistant MQTT discovery, the configs: a config on `homeassistant/<component>/[<node_id>/]<object_id>/config`
 * announces an entity; from then on its state and availability topics, wherever they are, are read
 * the way the config says, starting with their last payloads if they came first. An empty config
 * removes the entity (and its device with its last one). An entity reading a native device's
 * topics describes that device instead (see haPlacement.ts): native readings no entity describes
 * stay as they are.
 */

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
    for (const entity of previous) forget(ha, entity);
    const meanings = removals(ha, previous);
    if (meanings.length === 0)
      return {
        kind: 'ignored',
        reason:
          previous.length === 0
            ? 'removal of an entity that was never announced'
            : 'removal of entities that described a native device: its readings stay',
      };
    return combineMeanings(meanings);
  }

  const json = parseJsonText(decoded.text);
  if (json.kind !== 'json')
    return {
      kind: 'ignored',
      reason: `discovery config: ${json.kind === 'invalid' ? json.reason : 'too large'}`,
    };
  const parsed = parseDiscovery(place, json.value);
  if (!parsed.ok) return { kind: 'ignored', reason: `discovery config: ${parsed.reason}` };

  for (const entity of previous) forget(ha, entity);
  for (const entity of parsed.entities) placeEntity(entity, nativeDeviceOf);
  const next = new Map(parsed.entities.map((entity) => [identityOf(entity), entity]));
  const meanings: Interpretation[] = removals(
    ha,
    previous.filter((entity) => !next.has(identityOf(entity))),
  );
  for (const old of previous) {
    // The same entity announced again without its command: its control goes.
    const renewed = next.get(identityOf(old));
    const control = offeredControl(old);
    if (control !== null && renewed !== undefined && offeredControl(renewed)?.id !== control.id) {
      meanings.push(controlRemoval(old, control.id));
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
    remember(ha, entity);
    announced.push(entity);
  }
  for (const entities of groupByShownDevice(announced).values()) meanings.push(descriptionOf(entities));
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

/** Indexes the topics an entity reads itself: its state unless a native convention reads it, its availability. */
function remember(ha: HaMemory, entity: HaEntity): void {
  ha.entities.set(entity.key, entity);
  for (const availability of entity.availability)
    index(ha.byAvailabilityTopic, availability.topic, entity.key, true);
  if (entity.stateTopic !== null && entity.nativeMetric === null)
    index(ha.byStateTopic, entity.stateTopic, entity.key, true);
}

function forget(ha: HaMemory, entity: HaEntity): void {
  ha.entities.delete(entity.key);
  for (const availability of entity.availability)
    index(ha.byAvailabilityTopic, availability.topic, entity.key, false);
  if (entity.stateTopic !== null && entity.nativeMetric === null)
    index(ha.byStateTopic, entity.stateTopic, entity.key, false);
}

function index(map: Map<string, Set<string>>, topic: string, key: string, add: boolean): void {
  const keys = map.get(topic) ?? new Set<string>();
  if (add) keys.add(key);
  else keys.delete(key);
  if (keys.size === 0) map.delete(topic);
  else map.set(topic, keys);
}

/**
 * Removal meanings for entities already forgotten; a Home Assistant device with no entity left
 * goes whole. On a native device only what the entities read themselves goes: the native
 * readings they described stay.
 */
function removals(ha: HaMemory, gone: readonly HaEntity[]): Interpretation[] {
  const remaining = new Set<string>();
  for (const entity of ha.entities.values()) remaining.add(shownKeyOf(entity));
  const meanings: Interpretation[] = [];
  for (const [key, entities] of groupByShownDevice(gone)) {
    const read = entities.filter((entity) => entity.nativeMetric === null);
    const wholeDevice = !isNative(entities[0] as HaEntity) && !remaining.has(key);
    if (read.length === 0 && !wholeDevice) continue;
    const { convention, device } = (entities[0] as HaEntity).shownOn;
    meanings.push({
      kind: 'remove',
      device,
      convention,
      metrics: read.map((entity) => entity.metric),
      controls: read.flatMap((entity) => (entity.control === null ? [] : [entity.control.id])),
      wholeDevice,
    });
  }
  return meanings;
}

function controlRemoval(entity: HaEntity, control: string): Interpretation {
  return {
    kind: 'remove',
    device: entity.shownOn.device,
    convention: entity.shownOn.convention,
    metrics: [],
    controls: [control],
    wholeDevice: false,
  };
}

function groupByShownDevice(entities: readonly HaEntity[]): Map<string, HaEntity[]> {
  const groups = new Map<string, HaEntity[]>();
  for (const entity of entities) {
    const key = shownKeyOf(entity);
    groups.set(key, [...(groups.get(key) ?? []), entity]);
  }
  return groups;
}
