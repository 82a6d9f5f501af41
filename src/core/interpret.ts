import type { Control, ConventionId, MetricDescription } from './device';
import type { InboundMessage } from './message';
import { type Payload, parsePayload, readAvailability, readSwitchWord } from './payload';
import { deviceOfObjectTopic, placeTopic } from './topic';

/** One measured value of one metric. */
export interface Reading {
  metric: string;
  value: number;
  /** The unit the payload named, or null to use the metric's default ('' for none at all). */
  unit: string | null;
  /** How the convention calls the metric for people, when the message itself says so. */
  label?: string;
}

/** What a convention announces about a device: merged into what was announced before. */
export interface DeviceDescription {
  name?: string;
  metrics?: readonly MetricDescription[];
  controls?: readonly Control[];
  /** Something in the announcement Hearth cannot use, in words (a template not understood). */
  problem?: string;
}

/**
 * What one message means for the device model. `convention` is absent for the generic rules.
 * Messages about a device that are not its readings (announcements, removals) do not count as
 * hearing from the device: only readings, availability, invalid, oversize and `ignored` with a
 * device do.
 */
export type Interpretation =
  | {
      kind: 'readings';
      device: string;
      readings: Reading[];
      sampleAt: number | null;
      convention?: ConventionId;
      /** Read again from a payload remembered earlier: folded as retained, whatever carried it. */
      replayed?: true;
    }
  | {
      kind: 'availability';
      device: string;
      online: boolean;
      convention?: ConventionId;
      /** A state worth a word beside online/offline ("sleeping", "reports an alert"). */
      note?: string;
      /** Read again from a payload remembered earlier: folded as retained, whatever carried it. */
      replayed?: true;
    }
  | { kind: 'describe'; device: string; convention: ConventionId; description: DeviceDescription }
  | {
      kind: 'remove';
      device: string;
      convention: ConventionId;
      metrics: readonly string[];
      controls: readonly string[];
      /** The device has nothing announced left (its last Home Assistant entity went). */
      wholeDevice: boolean;
    }
  | { kind: 'invalid'; device: string; reason: string; convention?: ConventionId }
  | { kind: 'oversize'; device: string; bytes: number; convention?: ConventionId }
  /**
   * A message a convention knows and deliberately does not show (commands, bridge logs, text
   * properties). With a device, it still tells that the device is alive.
   */
  | { kind: 'ignored'; reason: string; device?: string }
  /** One message that means several things (a shared availability topic, a first announcement). */
  | { kind: 'multiple'; meanings: readonly Interpretation[] }
  | { kind: 'unmapped'; reason: string };

/** One meaning for several: the only one itself, else a `multiple`. */
export function combineMeanings(meanings: readonly Interpretation[]): Interpretation {
  const [first] = meanings;
  return meanings.length === 1 && first !== undefined ? first : { kind: 'multiple', meanings };
}

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
  // On a two-level topic (`house/cellar`) a payload that is not a plain reading was meant for
  // the device the topic names, as a JSON object would be: count its problems there.
  const troubled = deviceOfObjectTopic(message.topic) ?? place.device;
  if (payload.kind === 'oversize') return { kind: 'oversize', device: troubled, bytes: payload.bytes };

  if (place.kind === 'availability') {
    const online = readAvailability(payload);
    if (online !== null) return { kind: 'availability', device: place.device, online };
    // `state` is also how switches report ON/OFF, and a JSON object there carries readings
    if (payload.kind === 'fields') return objectReadings(message.topic, payload);
    const switched = payload.kind === 'text' ? readSwitchWord(payload.text) : null;
    if (switched !== null) {
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
      const value = readSwitchWord(payload.text);
      if (value !== null) return readings(place.device, [{ metric: place.metric, value, unit: null }], null);
      return { kind: 'invalid', device: troubled, reason: describeUnreadable(payload, 'a number') };
    }
    case 'json':
    case 'invalid':
      return { kind: 'invalid', device: troubled, reason: describeUnreadable(payload, 'a number') };
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
