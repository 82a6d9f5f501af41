import { combineMeanings, type Interpretation, type Reading } from '../interpretation';
import type { InboundMessage } from '../message';
import { type DecodedJson, decodeText, parseJsonText, readSwitchWord, toFiniteNumber } from '../payload';
import { type HaEntity, shownKeyOf } from './haEntity';
import type { ConventionMemory, HaMemory } from './memory';
import { renderTemplate } from './valueTemplate';

/**
 * Home Assistant MQTT discovery, the values: once a config announced an entity, its state topic
 * and availability topics, wherever they are, are read the way the config says.
 */

const CONVENTION = 'homeassistant';

/**
 * Reads a message on a topic some discovered entity reads itself (its state or its
 * availability); null for any other topic.
 */
export function interpretClaimed(memory: ConventionMemory, message: InboundMessage): Interpretation | null {
  const stateKeys = memory.ha.byStateTopic.get(message.topic);
  const availabilityKeys = memory.ha.byAvailabilityTopic.get(message.topic);
  if (stateKeys === undefined && availabilityKeys === undefined) return null;
  return readEntityTopic(memory.ha, message, stateKeys ?? [], availabilityKeys ?? []);
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
    const shownOn = entityOf(ha, first)?.shownOn ?? { device: 'homeassistant', convention: CONVENTION };
    // A native device's own convention already said so.
    if (shownOn.convention !== CONVENTION)
      return { kind: 'ignored', reason: 'an unreadable payload, counted by its own convention' };
    return decoded.kind === 'oversize'
      ? { kind: 'oversize', device: shownOn.device, bytes: decoded.bytes, convention: shownOn.convention }
      : { kind: 'invalid', device: shownOn.device, reason: decoded.reason, convention: shownOn.convention };
  }
  const text = decoded.text;
  let parsed: DecodedJson | null = null;
  const json = () => {
    parsed ??= parseJsonText(text);
    return parsed;
  };

  const meanings: Interpretation[] = [];
  const readingsByDevice = new Map<string, { entity: HaEntity; readings: Reading[] }>();
  const problemsByDevice = new Map<string, { entity: HaEntity; reason: string }>();
  for (const key of stateKeys) {
    const entity = entityOf(ha, key);
    if (entity === undefined) continue;
    const shown = shownKeyOf(entity);
    const value = readValue(entity, text, json);
    if (value.ok) {
      const group = readingsByDevice.get(shown) ?? { entity, readings: [] };
      group.readings.push(readingOf(entity, value.value));
      readingsByDevice.set(shown, group);
    } else if (!problemsByDevice.has(shown) && entity.shownOn.convention === CONVENTION) {
      // On a native device, its own convention says what is wrong with a payload.
      problemsByDevice.set(shown, { entity, reason: value.reason });
    }
  }
  for (const { entity, readings } of readingsByDevice.values()) {
    const { device, convention } = entity.shownOn;
    meanings.push({ kind: 'readings', device, readings, sampleAt: null, convention });
  }
  for (const [shown, { entity, reason }] of problemsByDevice) {
    if (!readingsByDevice.has(shown))
      meanings.push({ kind: 'invalid', device: entity.shownOn.device, reason, convention: CONVENTION });
  }

  const said = new Set<string>();
  for (const key of availabilityKeys) {
    const entity = entityOf(ha, key);
    if (entity === undefined || said.has(shownKeyOf(entity))) continue;
    for (const availability of entity.availability) {
      if (availability.topic !== message.topic) continue;
      const rendered =
        availability.template === null
          ? { ok: true as const, value: text }
          : renderTemplate(availability.template, text, json);
      const word = rendered.ok ? String(rendered.value) : null;
      if (word !== availability.available && word !== availability.notAvailable) continue;
      said.add(shownKeyOf(entity));
      meanings.push({
        kind: 'availability',
        device: entity.shownOn.device,
        online: word === availability.available,
        convention: entity.shownOn.convention,
      });
      break;
    }
  }
  if (meanings.length === 0)
    return { kind: 'ignored', reason: `"${text.slice(0, 40)}" is no availability word here` };
  return combineMeanings(meanings);
}

/** A value of an entity as a reading of the device it is shown on, with what its config says. */
function readingOf(entity: HaEntity, value: number): Reading {
  return {
    metric: entity.metric,
    value,
    unit: entity.unit,
    ...(entity.cardLabel !== null ? { label: entity.cardLabel } : {}),
    ...(entity.quantity !== undefined ? { quantity: entity.quantity } : {}),
    ...(entity.precision !== null ? { precision: entity.precision } : {}),
    ...(entity.diagnostic ? { diagnostic: true } : {}),
  };
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
