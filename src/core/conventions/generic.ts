import type { Interpretation, Reading } from '../interpretation';
import type { InboundMessage } from '../message';
import { type Payload, parsePayload, readAvailability, readSwitchWord } from '../payload';
import { deviceOfObjectTopic, placeTopic } from '../topic';
import { stateQuantityOf } from './meanings';
import { readPlaceName } from './placeName';

const CONVENTION = 'generic';

/**
 * Applies the topic rules to one message:
 * - `<prefix>/<device>/<metric>` with a number: that metric's value;
 * - `{"value": 21.5, "unit": "°C"}` on `<prefix>/<device>/<metric>`: value and unit;
 * - a JSON object on `<prefix>/<device>` or `<prefix>/<device>/<anything>`: every finite
 *   numeric key is a metric;
 * - `<prefix>/<device>/status|availability|LWT|state|online`: availability;
 * - on a three-level topic the device level suggests its room too (`topicRoomOf`).
 * The quantity of a reading is left to its name and unit (`temp`, `°C`: see `holdReading`),
 * except that an ON/OFF word is always a state.
 */
export function interpretGeneric(message: InboundMessage): Interpretation {
  const place = placeTopic(message.topic);
  if (place.kind === 'none') return { kind: 'unmapped', reason: place.reason };
  const payload = parsePayload(message.payload);
  // On a two-level topic (`house/cellar`) a payload that is not a plain reading was meant for
  // the device the topic names, as a JSON object would be: count its problems there.
  const troubled = deviceOfObjectTopic(message.topic) ?? place.device;
  if (payload.kind === 'oversize')
    return { kind: 'oversize', device: troubled, bytes: payload.bytes, convention: CONVENTION };

  if (place.kind === 'availability') {
    const online = readAvailability(payload);
    if (online !== null)
      return { kind: 'availability', device: place.device, online, convention: CONVENTION };
    // `state` is also how switches report ON/OFF, and a JSON object there carries readings
    if (payload.kind === 'fields') return objectReadings(message.topic, payload);
    const switched = payload.kind === 'text' ? readSwitchWord(payload.text) : null;
    if (switched !== null) {
      const metric = message.topic.slice(message.topic.lastIndexOf('/') + 1);
      return readings(place.device, [switchReading(metric, switched)], null, topicRoomOf(message.topic));
    }
    return {
      kind: 'invalid',
      device: place.device,
      reason: describeUnreadable(payload, 'an availability word'),
      convention: CONVENTION,
    };
  }

  // biome-ignore lint/nursery/useExhaustiveSwitchCases: 'oversize' returned above; TypeScript checks every other kind returns
  switch (payload.kind) {
    case 'number':
      return readings(
        place.device,
        [{ metric: place.metric, value: payload.value, unit: null }],
        null,
        topicRoomOf(message.topic),
      );
    case 'measurement':
      return readings(
        place.device,
        [{ metric: place.metric, value: payload.value, unit: payload.unit }],
        payload.sampleAt,
        topicRoomOf(message.topic),
      );
    case 'fields':
      return objectReadings(message.topic, payload);
    case 'text': {
      const value = readSwitchWord(payload.text);
      if (value !== null)
        return readings(place.device, [switchReading(place.metric, value)], null, topicRoomOf(message.topic));
      return {
        kind: 'invalid',
        device: troubled,
        reason: describeUnreadable(payload, 'a number'),
        convention: CONVENTION,
      };
    }
    case 'json':
    case 'invalid':
      return {
        kind: 'invalid',
        device: troubled,
        reason: describeUnreadable(payload, 'a number'),
        convention: CONVENTION,
      };
  }
}

function readings(
  device: string,
  list: Reading[],
  sampleAt: number | null,
  topicRoom: string | null,
): Interpretation {
  return {
    kind: 'readings',
    device,
    readings: list,
    sampleAt,
    convention: CONVENTION,
    ...(topicRoom !== null ? { topicRoom } : {}),
  };
}

/**
 * The room a seed-shaped topic suggests: on `<prefix>/<room>/<metric>` the device level is a room
 * (`house/living-room/temperature` → "Living room", written as people write it). Deeper or
 * shallower topics name devices, not rooms: null. Only a suggestion the user accepts.
 */
export function topicRoomOf(topic: string): string | null {
  const levels = topic.split('/');
  if (levels.length !== 3) return null;
  const words = (levels[1] ?? '').replace(/[-_]+/g, ' ').trim();
  return readPlaceName(words.charAt(0).toUpperCase() + words.slice(1));
}

function switchReading(metric: string, value: number): Reading {
  return { metric, value, unit: null, quantity: stateQuantityOf(metric) };
}

function objectReadings(topic: string, payload: Extract<Payload, { kind: 'fields' }>): Interpretation {
  const device = deviceOfObjectTopic(topic);
  if (device === null) return { kind: 'unmapped', reason: 'no device level in the topic' };
  const list = payload.values.map(([metric, value]) => ({ metric, value, unit: null }));
  return readings(device, list, payload.sampleAt, topicRoomOf(topic));
}

function describeUnreadable(payload: Payload, expected: string): string {
  switch (payload.kind) {
    case 'invalid':
      return payload.reason;
    case 'text':
      return `expected ${expected}, got "${payload.text.slice(0, 40)}"`;
    case 'json':
      return `expected ${expected}, got JSON without numeric values`;
    default:
      return `expected ${expected}`;
  }
}
