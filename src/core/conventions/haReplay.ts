import type { Interpretation } from '../interpretation';
import type { HaEntity } from './haEntity';
import { readEntityTopic } from './haState';
import type { ConventionMemory } from './memory';

/**
 * What the last payloads of their topics (ConventionMemory.lastPayloads) mean for entities just
 * announced: their values and availability, shown at once. A broker delivers retained messages in
 * topic order, so Tasmota's `tele/<t>/LWT` and `tele/<t>/SENSOR` arrive before the
 * `homeassistant/…/config` that reads them, and would otherwise wait for the next publish.
 *
 * The meanings are marked `replayed`: they are folded as the state the broker holds (retained),
 * at `receivedAt` (the config's arrival). Only readings and availability are replayed; a payload
 * the entity cannot read is said when it is next published.
 */
export function replayLastPayloads(
  memory: ConventionMemory,
  entities: readonly HaEntity[],
  receivedAt: number,
): Interpretation[] {
  const readers = new Map<string, { state: Set<string>; availability: Set<string> }>();
  const readersOf = (topic: string) => {
    const found = readers.get(topic) ?? { state: new Set<string>(), availability: new Set<string>() };
    readers.set(topic, found);
    return found;
  };
  for (const entity of entities) {
    // A native metric's values are its own convention's: they were read when they came.
    if (entity.stateTopic !== null && entity.nativeMetric === null)
      readersOf(entity.stateTopic).state.add(entity.key);
    for (const availability of entity.availability)
      readersOf(availability.topic).availability.add(entity.key);
  }

  const replayed: Interpretation[] = [];
  for (const [topic, keys] of readers) {
    const payload = memory.lastPayloads.byTopic.get(topic);
    if (payload === undefined) continue;
    const message = { topic, payload, retained: true, receivedAt };
    const meaning = readEntityTopic(memory.ha, message, keys.state, keys.availability);
    for (const part of meaning.kind === 'multiple' ? meaning.meanings : [meaning]) {
      if (part.kind === 'readings' || part.kind === 'availability')
        replayed.push({ ...part, replayed: true });
    }
  }
  return replayed;
}
