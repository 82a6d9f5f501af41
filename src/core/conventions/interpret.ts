import type { ConventionId } from '../device';
import type { Interpretation, InterpretedMessage } from '../interpretation';
import type { InboundMessage } from '../message';
import { interpretCustom } from './customPattern';
import { interpretGeneric } from './generic';
import { placeDiscoveryTopic } from './haConfig';
import { interpretDiscovery, type NativeDevice } from './haDiscovery';
import { interpretClaimed, isShadowed } from './haState';
import { homeseerDeviceOf, interpretHomeseer } from './homeseer';
import { homieDeviceOf, interpretHomie } from './homie';
import { rememberPayload } from './lastPayloads';
import type { ConventionMemory } from './memory';
import { interpretShelly, shellyDeviceOf } from './shelly';
import { interpretTasmota, tasmotaDeviceOf } from './tasmota';
import { interpretZigbee2mqtt, zigbee2mqttDeviceOf } from './zigbee2mqtt';

/**
 * Subscriptions that cover every convention's own topics. Home Assistant state topics can be
 * anywhere, so a broker shared with Home Assistant is best read with `#`.
 */
export const CONVENTION_FILTERS: readonly string[] = [
  'homeassistant/#',
  'homie/#',
  'tele/#',
  'stat/#',
  'zigbee2mqtt/#',
  '+/online',
  '+/status/#',
  '+/events/rpc',
  '+/mcsMQTT/#',
];

/**
 * What one message means, whatever convention published it. Each convention is recognised by
 * its topics alone, in this order:
 * 1. custom patterns from settings (the user said so);
 * 2. Home Assistant discovery configs, and any topic a discovered entity reads;
 * 3. Homie (`homie/…`), Zigbee2MQTT (`zigbee2mqtt/…`), Tasmota (`tele|stat|cmnd/<t>/<X>`), Shelly
 *    Gen2 (`<id>/status/<component>`, `<id>/online`, `<id>/events/rpc`), HomeSeer mcsMQTT
 *    (`…/mcsMQTT/…`);
 * 4. the generic rules (`interpretGeneric`).
 * A native device whose state Home Assistant discovery already reads is shown once, as the Home
 * Assistant device; a config arriving after the state it reads reads that state at once. May
 * update `memory` (see ConventionMemory); never throws.
 */
export function interpret(memory: ConventionMemory, message: InboundMessage): Interpretation {
  const custom = interpretCustom(memory.customPatterns, message);
  if (custom !== null) return custom;

  const topic = message.topic;
  const discovery = topic.startsWith('homeassistant/') ? placeDiscoveryTopic(topic) : null;
  if (discovery !== null) return interpretDiscovery(memory, message, discovery, nativeDeviceOf);

  const meaning = interpretState(memory, message);
  // Any topic may be one a discovery config arriving later reads.
  const limit = rememberPayload(memory.lastPayloads, topic, message.payload);
  if (limit === null) return meaning;
  const note: Interpretation = { kind: 'ignored', reason: limit };
  return {
    kind: 'multiple',
    meanings: meaning.kind === 'multiple' ? [...meaning.meanings, note] : [meaning, note],
  };
}

/** Everything but a custom pattern's topic or a discovery config. */
function interpretState(memory: ConventionMemory, message: InboundMessage): Interpretation {
  const topic = message.topic;
  const claimed = interpretClaimed(memory, message);
  if (claimed !== null) {
    if (!claimed.availabilityOnly) return claimed.meaning;
    // A topic discovered entities use for availability may also be a native device's own (the
    // Zigbee2MQTT bridge state): both are true.
    const native = interpretNative(memory, message);
    if (native !== null && isOwnAvailability(memory, native)) {
      return { kind: 'multiple', meanings: [claimed.meaning, native] };
    }
    return claimed.meaning;
  }
  if (topic.startsWith('homeassistant/')) {
    return { kind: 'ignored', reason: 'a Home Assistant topic that is not a discovery config' };
  }
  const native = interpretNative(memory, message);
  if (native !== null) return memory.ha.shadowed.size === 0 ? native : withoutShadowed(memory, native);
  return interpretGeneric(message);
}

const NATIVE_DEVICE_OF: readonly [ConventionId, (topic: string) => string | null][] = [
  ['homie', homieDeviceOf],
  ['zigbee2mqtt', zigbee2mqttDeviceOf],
  ['tasmota', tasmotaDeviceOf],
  ['shelly', shellyDeviceOf],
  ['homeseer', homeseerDeviceOf],
];

/** The native (non-Home Assistant) device a topic belongs to, by the conventions' topic rules. */
export function nativeDeviceOf(topic: string): NativeDevice | null {
  for (const [convention, deviceOf] of NATIVE_DEVICE_OF) {
    const device = deviceOf(topic);
    if (device !== null) return { convention, device };
  }
  return null;
}

function interpretNative(memory: ConventionMemory, message: InboundMessage): Interpretation | null {
  // Route by the first level, so a message costs one topic split, not one per convention.
  switch (message.topic.slice(0, message.topic.indexOf('/'))) {
    case 'homie':
      return interpretHomie(memory, message);
    case 'zigbee2mqtt':
      return interpretZigbee2mqtt(memory, message);
    case 'tele':
    case 'stat':
    case 'cmnd': {
      const tasmota = interpretTasmota(memory, message);
      if (tasmota !== null) return tasmota;
      break;
    }
  }
  return interpretShelly(memory, message) ?? interpretHomeseer(memory, message);
}

/** Availability (with its first announcement) of a device Home Assistant does not already show. */
function isOwnAvailability(memory: ConventionMemory, meaning: Interpretation): boolean {
  const parts = meaning.kind === 'multiple' ? meaning.meanings : [meaning];
  return (
    parts.some((part) => part.kind === 'availability') &&
    parts.every(
      (part) => (part.kind === 'availability' || part.kind === 'describe') && !shadowed(memory, part),
    )
  );
}

function withoutShadowed(memory: ConventionMemory, meaning: Interpretation): Interpretation {
  if (meaning.kind === 'multiple') {
    const kept = meaning.meanings
      .map((inner) => withoutShadowed(memory, inner))
      .filter((inner) => inner.kind !== 'ignored');
    if (kept.length === meaning.meanings.length) return meaning;
    return kept.length === 0 ? shadowedNote() : { kind: 'multiple', meanings: kept };
  }
  if (meaning.kind === 'unmapped' || meaning.kind === 'ignored') return meaning;
  return shadowed(memory, meaning) ? shadowedNote() : meaning;
}

/** Whether a native meaning is about a device Home Assistant discovery already shows. */
function shadowed(memory: ConventionMemory, meaning: { device: string; convention?: ConventionId }): boolean {
  return meaning.convention !== undefined && isShadowed(memory, meaning.convention, meaning.device);
}

function shadowedNote(): Interpretation {
  return { kind: 'ignored', reason: 'this device is shown through its Home Assistant discovery' };
}

/**
 * Reads one raw message into what the page folds: the expensive, per-message step, run off the
 * main thread by the connection's worker.
 */
export function interpretInbound(memory: ConventionMemory, message: InboundMessage): InterpretedMessage {
  return { meaning: interpret(memory, message), retained: message.retained, receivedAt: message.receivedAt };
}
