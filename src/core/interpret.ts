import type { InboundMessage } from './message';
import { type Payload, parsePayload, readAvailability } from './payload';
import { deviceOfObjectTopic, placeTopic } from './topic';

/** One measured value of one metric. */
export interface Reading {
  metric: string;
  value: number;
  /** The unit the payload named, or null to use the metric's default. */
  unit: string | null;
}

/** What one message means for the device model. */
export type Interpretation =
  | { kind: 'readings'; device: string; readings: Reading[]; sampleAt: number | null }
  | { kind: 'availability'; device: string; online: boolean }
  | { kind: 'invalid'; device: string; reason: string }
  | { kind: 'oversize'; device: string; bytes: number }
  | { kind: 'unmapped'; reason: string };

// A Map, not an object literal: a payload of "constructor" or "__proto__" must not look up Object.prototype.
const SWITCH_WORDS: ReadonlyMap<string, number> = new Map([
  ['on', 1],
  ['off', 0],
  ['true', 1],
  ['false', 0],
]);

/**
 * Applies the topic rules to one message:
 * - `<prefix>/<device>/<metric>` with a number: that metric's value;
 * - `{"value": 21.5, "unit": "°C"}` on `<prefix>/<device>/<metric>`: value and unit;
 * - a JSON object on `<prefix>/<device>` or `<prefix>/<device>/<anything>`: every finite
 *   numeric key is a metric;
 * - `<prefix>/<device>/status|availability|LWT|state|online`: availability.
 */
export function interpretMessage(message: InboundMessage): Interpretation {
  const place = placeTopic(message.topic);
  if (place.kind === 'none') return { kind: 'unmapped', reason: place.reason };
  const payload = parsePayload(message.payload);
  if (payload.kind === 'oversize') return { kind: 'oversize', device: place.device, bytes: payload.bytes };

  if (place.kind === 'availability') {
    const online = readAvailability(payload);
    if (online !== null) return { kind: 'availability', device: place.device, online };
    // `state` is also how switches report ON/OFF, and a JSON object there carries readings
    if (payload.kind === 'fields') return objectReadings(message.topic, payload);
    const switched = payload.kind === 'text' ? SWITCH_WORDS.get(payload.text.toLowerCase()) : undefined;
    if (switched !== undefined) {
      const metric = message.topic.slice(message.topic.lastIndexOf('/') + 1);
      return readings(place.device, [{ metric, value: switched, unit: null }], null);
    }
    return {
      kind: 'invalid',
      device: place.device,
      reason: describeUnreadable(payload, 'an availability word'),
    };
  }

  switch (payload.kind) {
    case 'number':
      return readings(place.device, [{ metric: place.metric, value: payload.value, unit: null }], null);
    case 'measurement':
      return readings(
        place.device,
        [{ metric: place.metric, value: payload.value, unit: payload.unit }],
        payload.sampleAt,
      );
    case 'fields':
      return objectReadings(message.topic, payload);
    case 'text': {
      const value = SWITCH_WORDS.get(payload.text.toLowerCase());
      if (value !== undefined)
        return readings(place.device, [{ metric: place.metric, value, unit: null }], null);
      return { kind: 'invalid', device: place.device, reason: describeUnreadable(payload, 'a number') };
    }
    case 'json':
    case 'invalid':
      return { kind: 'invalid', device: place.device, reason: describeUnreadable(payload, 'a number') };
  }
}

function readings(device: string, list: Reading[], sampleAt: number | null): Interpretation {
  return { kind: 'readings', device, readings: list, sampleAt };
}

function objectReadings(topic: string, payload: Extract<Payload, { kind: 'fields' }>): Interpretation {
  const device = deviceOfObjectTopic(topic);
  if (device === null) return { kind: 'unmapped', reason: 'no device level in the topic' };
  const list = payload.values.map(([metric, value]) => ({ metric, value, unit: null }));
  return readings(device, list, payload.sampleAt);
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
