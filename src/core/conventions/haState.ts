import type { ConventionId } from '../device';
import { combineMeanings, type Interpretation, type Reading } from '../interpretation';
import type { InboundMessage } from '../message';
import { type DecodedJson, decodeText, parseJsonText, readSwitchWord, toFiniteNumber } from '../payload';
import type { HaEntity } from './haConfig';
import { type ConventionMemory, type HaMemory, nativeDeviceKey } from './memory';
import { renderTemplate } from './valueTemplate';

/**
 * Home Assistant MQTT discovery, the values: once a config announced an entity, its state topic
 * and availability topics, wherever they are, are read the way the config says.
 */

const CONVENTION = 'homeassistant';

/**
 * Reads a message on a topic some discovered entity reads (its state or its availability); null
 * for any other topic. `availabilityOnly` tells that no entity reads it as state.
 */
export function interpretClaimed(
  memory: ConventionMemory,
  message: InboundMessage,
): { meaning: Interpretation; availabilityOnly: boolean } | null {
  const stateKeys = memory.ha.byStateTopic.get(message.topic);
  const availabilityKeys = memory.ha.byAvailabilityTopic.get(message.topic);
  if (stateKeys === undefined && availabilityKeys === undefined) return null;
  return {
    meaning: readEntityTopic(memory.ha, message, stateKeys ?? [], availabilityKeys ?? []),
    availabilityOnly: stateKeys === undefined,
  };
}

/**
 * Reads a message for the entities (by key) that read its topic as their state or their
 * availability; at least one key is given.
 */
export function readEntityTopic(
  ha: HaMemory,
  message: InboundMessage,
  stateKeys: Iterable<string>,
  availabilityKeys: Iterable<string>,
): Interpretation {
  const decoded = decodeText(message.payload);
  if (decoded.kind !== 'text') {
    // An unreadable payload counts against the first device that reads the topic.
    const first = [...stateKeys, ...availabilityKeys][0];
    // (Every key indexed has its entity; the fallback only keeps the type honest.)
    const firstDevice = entityOf(ha, first)?.device ?? 'homeassistant';
    return decoded.kind === 'oversize'
      ? { kind: 'oversize', device: firstDevice, bytes: decoded.bytes, convention: CONVENTION }
      : { kind: 'invalid', device: firstDevice, reason: decoded.reason, convention: CONVENTION };
  }
  const text = decoded.text;
  let parsed: DecodedJson | null = null;
  const json = () => {
    parsed ??= parseJsonText(text);
    return parsed;
  };

  const meanings: Interpretation[] = [];
  const readingsByDevice = new Map<string, Reading[]>();
  const problemsByDevice = new Map<string, string>();
  for (const key of stateKeys) {
    const entity = entityOf(ha, key);
    if (entity === undefined) continue;
    const value = readValue(entity, text, json);
    if (value.ok) {
      const list = readingsByDevice.get(entity.device) ?? [];
      list.push({ metric: entity.metric, value: value.value, unit: entity.unit, label: entity.label });
      readingsByDevice.set(entity.device, list);
    } else if (!problemsByDevice.has(entity.device)) {
      problemsByDevice.set(entity.device, value.reason);
    }
  }
  for (const [device, readings] of readingsByDevice) {
    meanings.push({ kind: 'readings', device, readings, sampleAt: null, convention: CONVENTION });
  }
  for (const [device, reason] of problemsByDevice) {
    if (!readingsByDevice.has(device))
      meanings.push({ kind: 'invalid', device, reason, convention: CONVENTION });
  }

  const said = new Set<string>();
  for (const key of availabilityKeys) {
    const entity = entityOf(ha, key);
    if (entity === undefined || said.has(entity.device)) continue;
    for (const availability of entity.availability) {
      if (availability.topic !== message.topic) continue;
      const rendered =
        availability.template === null
          ? { ok: true as const, value: text }
          : renderTemplate(availability.template, text, json);
      const word = rendered.ok ? String(rendered.value) : null;
      if (word !== availability.available && word !== availability.notAvailable) continue;
      said.add(entity.device);
      meanings.push({
        kind: 'availability',
        device: entity.device,
        online: word === availability.available,
        convention: CONVENTION,
      });
      break;
    }
  }
  if (meanings.length === 0)
    return { kind: 'ignored', reason: `"${text.slice(0, 40)}" is no availability word here` };
  return combineMeanings(meanings);
}

/** Whether Home Assistant discovery shows this native device (so it is not shown twice). */
export function isShadowed(memory: ConventionMemory, convention: ConventionId, device: string): boolean {
  return memory.ha.shadowed.has(nativeDeviceKey(convention, device));
}

function readValue(
  entity: HaEntity,
  text: string,
  json: () => DecodedJson,
): { ok: true; value: number } | { ok: false; reason: string } {
  if (entity.valueProblem !== null) return { ok: false, reason: `${entity.label}: ${entity.valueProblem}` };
  const rendered =
    entity.template === null
      ? { ok: true as const, value: text }
      : renderTemplate(entity.template, text, json);
  if (!rendered.ok) return { ok: false, reason: `${entity.label}: ${rendered.reason}` };
  const value = rendered.value;
  if (entity.component === 'sensor' || entity.component === 'number') {
    const n = toFiniteNumber(value);
    return n === null
      ? { ok: false, reason: `${entity.label}: ${JSON.stringify(value)?.slice(0, 40)} is not a number` }
      : { ok: true, value: n };
  }
  const word = typeof value === 'string' ? value : JSON.stringify(value);
  if (word === entity.on) return { ok: true, value: 1 };
  if (word === entity.off) return { ok: true, value: 0 };
  const switched = readSwitchWord(value);
  if (switched !== null) return { ok: true, value: switched };
  return {
    ok: false,
    reason: `${entity.label}: "${word.slice(0, 40)}" is neither "${entity.on}" nor "${entity.off}"`,
  };
}

function entityOf(ha: HaMemory, key: string | undefined): HaEntity | undefined {
  return key === undefined ? undefined : ha.entities.get(key);
}
