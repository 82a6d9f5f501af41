import type { Control, ConventionId } from '../device';
import { combineMeanings, type Interpretation } from '../interpretation';
import type { InboundMessage } from '../message';
import { decodeText, parseJsonText } from '../payload';
import { type DiscoveryPlace, type HaEntity, parseDiscovery, shownKeyOf } from './haConfig';
import { replayLastPayloads } from './haReplay';
import type { PathStep } from './jsonPath';
import { type ConventionMemory, type HaMemory, MEMORY_LIMITS } from './memory';

/**
 * Home Assistant MQTT discovery, the configs: a config on `homeassistant/<component>/[<node_id>/]<object_id>/config`
 * announces an entity; from then on its state and availability topics, wherever they are, are read
 * the way the config says, starting with their last payloads if they came first. An empty config
 * removes the entity (and its device with its last one).
 *
 * An entity whose state topic belongs to a device another convention reads (Zigbee2MQTT and
 * Tasmota announce their devices this way too) is shown on that native device, so the device is
 * one card with all its readings: the entity names the device and describes the native metric its
 * template picks (label, unit, quantity, precision), whose values the native convention reads,
 * with its availability and controls. Native readings no entity describes stay as they are. An
 * entity whose template picks nothing the native convention reads reads its value itself, onto
 * the native device.
 */

/** The native device a state topic belongs to, if another convention reads it. */
export type NativeDeviceOf = (topic: string) => NativeDevice | null;

export interface NativeDevice {
  convention: ConventionId;
  device: string;
  /**
   * The metric the native convention reads the value at `path` of the topic's payload as (null:
   * the payload itself), or null when it reads no such metric.
   */
  metricOf(path: readonly PathStep[] | null): string | null;
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

/**
 * Shows an entity on the native device its state topic belongs to, if any, describing the metric
 * its template picks there. Its availability topics that a native convention reads are that
 * convention's (a Tasmota LWT, the Zigbee2MQTT bridge state): the entity leaves them to it.
 */
function placeEntity(entity: HaEntity, nativeDeviceOf: NativeDeviceOf): void {
  if (entity.stateTopic === null) return;
  const native = nativeDeviceOf(entity.stateTopic);
  if (native === null) return;
  entity.shownOn = { convention: native.convention, device: native.device };
  const template = entity.template;
  const path = template === null || template.source === 'value' ? null : template.steps;
  entity.nativeMetric = entity.valueProblem === null ? native.metricOf(path) : null;
  entity.availability = entity.availability.filter(
    (availability) => nativeDeviceOf(availability.topic) === null,
  );
}

function isNative(entity: HaEntity): boolean {
  return entity.shownOn.convention !== CONVENTION;
}

/** The metric an entity shows as on its device. */
function shownMetricOf(entity: HaEntity): string {
  return entity.nativeMetric ?? entity.metric;
}

function identityOf(entity: HaEntity): string {
  return `${entity.shownOn.convention}\u0000${entity.shownOn.device}\u0000${shownMetricOf(entity)}`;
}

/** The control an entity offers: a native metric's controls are its own convention's. */
function offeredControl(entity: HaEntity): Control | null {
  return entity.nativeMetric === null ? entity.control : null;
}

/** What a group of entities shown on one device announces about it. */
function descriptionOf(entities: readonly HaEntity[]): Interpretation {
  const [first] = entities;
  const native = first !== undefined && isNative(first);
  const name = native ? first.announcedDeviceName : first?.deviceName;
  const problems = entities.flatMap((entity) => (entity.problem === null ? [] : [entity.problem]));
  // A native device's entity whose value cannot be read describes nothing: the native readings show.
  const described = entities.filter((entity) => !native || entity.valueProblem === null);
  return {
    kind: 'describe',
    device: first?.shownOn.device ?? '',
    convention: first?.shownOn.convention ?? CONVENTION,
    description: {
      ...(name !== null && name !== undefined ? { name } : {}),
      metrics: described.map((entity) => ({
        metric: shownMetricOf(entity),
        ...(entity.cardLabel !== null ? { label: entity.cardLabel } : {}),
        ...(!native || entity.unit !== '' ? { unit: entity.unit } : {}),
        ...(entity.quantity !== undefined ? { quantity: entity.quantity } : {}),
        ...(entity.precision !== null ? { precision: entity.precision } : {}),
        ...(entity.diagnostic ? { diagnostic: true } : {}),
      })),
      controls: entities.flatMap((entity) => {
        const control = offeredControl(entity);
        return control === null ? [] : [control];
      }),
      ...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
    },
  };
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
