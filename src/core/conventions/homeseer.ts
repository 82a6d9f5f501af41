import type { Interpretation } from '../interpretation';
import type { InboundMessage } from '../message';
import { parsePayload, readSwitchWord } from '../payload';
import { homeseerMeaningOf, readStateWord } from './homeseerNames';
import type { PathStep } from './jsonPath';
import { type ConventionMemory, firstAnnouncement } from './memory';
import { readPlaceName } from './placeName';

/**
 * HomeSeer through the mcsMQTT plug-in. mcsMQTT publishes each HomeSeer device it is told to
 * publish on `<HS computer>/mcsMQTT/<Location2>/<Location>/<Name>` (spaces as underscores) with the
 * device value (`$$VALUE:`) or its status text (`$$STATUS:`) as the payload, and listens for
 * control on that topic plus `/Control`. Hearth groups a location's devices into one card:
 * device `<Location2>/<Location>`, metric `<Name>`, placed in the vocabulary by the words of its
 * name (homeseerNames.ts), and announced as placed in room `<Location>` on floor `<Location2>`.
 * Installs that changed the topics use a custom pattern with the homeseer convention instead.
 */

const CONVENTION = 'homeseer';
const MARKER = 'mcsmqtt';

type Place = { kind: 'value'; location: string[]; name: string } | { kind: 'control' };

function placeOf(topic: string): Place | null {
  const levels = topic.split('/');
  const at = levels.findIndex((level) => level.toLowerCase() === MARKER);
  if (at < 0) return null;
  const rest = levels.slice(at + 1);
  if (rest.length >= 2 && rest.at(-1)?.toLowerCase() === 'control') return { kind: 'control' };
  if (rest.length < 1 || rest.length > 3 || rest.some((level) => level.length === 0)) return null;
  return { kind: 'value', location: rest.slice(0, -1), name: rest.at(-1) ?? '' };
}

/** The HomeSeer location device of an mcsMQTT topic, or null. */
export function homeseerDeviceOf(topic: string): string | null {
  const place = placeOf(topic);
  if (place?.kind !== 'value') return null;
  return place.location.length > 0 ? place.location.join('/') : 'HomeSeer';
}

/** The metric an mcsMQTT topic's payload is read as (its device name), or null. */
export function homeseerMetricOf(topic: string, path: readonly PathStep[] | null): string | null {
  const place = placeOf(topic);
  return place?.kind === 'value' && (path === null || path.length === 0) ? place.name : null;
}

/** Reads an mcsMQTT topic; null for other topics. */
export function interpretHomeseer(memory: ConventionMemory, message: InboundMessage): Interpretation | null {
  const place = placeOf(message.topic);
  if (place === null) return null;
  if (place.kind === 'control') return { kind: 'ignored', reason: 'a control message to HomeSeer' };
  const device = homeseerDeviceOf(message.topic) ?? 'HomeSeer';
  const metric = place.name;
  const label = metric.replaceAll('_', ' ');
  const meaning = homeseerMeaningOf(metric);
  const payload = parsePayload(message.payload);
  const one = (value: number, unit: string | null): Interpretation => {
    const readings: Interpretation = {
      kind: 'readings',
      device,
      readings: [
        {
          metric,
          // A state is 1 or 0: a light HomeSeer reports at 100 (or dimmed to 40) is on.
          value: meaning?.state === true && value !== 0 ? 1 : value,
          unit: meaning === null || meaning.state ? unit : (unit ?? meaning.unit),
          label,
          ...(meaning !== null ? { quantity: meaning.quantity } : {}),
        },
      ],
      sampleAt: null,
      convention: CONVENTION,
    };
    if (!firstAnnouncement(memory, CONVENTION, device, 'name')) return readings;
    const name = homeseerName(device);
    const where = homeseerPlace(place.location);
    return {
      kind: 'multiple',
      meanings: [
        {
          kind: 'describe',
          device,
          convention: CONVENTION,
          description: { name, ...(where !== null ? { place: where } : {}) },
        },
        readings,
      ],
    };
  };
  switch (payload.kind) {
    case 'oversize':
      return { kind: 'oversize', device, bytes: payload.bytes, convention: CONVENTION };
    case 'number':
      return one(payload.value, null);
    case 'measurement':
      return one(payload.value, payload.unit);
    case 'text': {
      const switched = readSwitchWord(payload.text) ?? (meaning?.state ? readStateWord(payload.text) : null);
      if (switched !== null) return one(switched, '');
      return {
        kind: 'ignored',
        reason: `${label} reports the text "${payload.text.slice(0, 30)}"; publish $$VALUE: in mcsMQTT to chart it`,
        device,
        convention: CONVENTION,
      };
    }
    case 'fields':
    case 'json':
    case 'invalid':
      return {
        kind: 'invalid',
        device,
        reason: payload.kind === 'invalid' ? payload.reason : `${label}: expected a device value`,
        convention: CONVENTION,
      };
  }
}

/**
 * Where a HomeSeer location device is: `<Location2>/<Location>` is its floor and room (HomeSeer's
 * two location levels, Location2 the wider one by default), one level its room alone; mcsMQTT
 * writes spaces as underscores. Null when no level makes a room name (see `readPlaceName`).
 */
export function homeseerPlace(location: readonly string[]): { room: string; floor?: string } | null {
  const words = (level: string | undefined) => readPlaceName(level?.replaceAll('_', ' '));
  const room = words(location.at(-1));
  if (room === null) return null;
  const floor = location.length >= 2 ? words(location.at(-2)) : null;
  return floor === null ? { room } : { room, floor };
}

/** The display name for a HomeSeer location device: its levels with spaces. */
export function homeseerName(device: string): string {
  return device.replaceAll('_', ' ').replaceAll('/', ' · ');
}
