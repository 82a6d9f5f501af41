import type { ConventionId } from '../device';
import type { Interpretation, InterpretedMessage } from '../interpretation';
import type { InboundMessage } from '../message';
import { interpretCustom } from './customPattern';
import { interpretGeneric } from './generic';
import { placeDiscoveryTopic } from './haConfig';
import { interpretDiscovery } from './haDiscovery';
import type { NativeDevice } from './haPlacement';
import { interpretClaimed } from './haState';
import { homeseerDeviceOf, homeseerMetricOf, interpretHomeseer } from './homeseer';
import { homieDeviceOf, homieMetricOf, interpretHomie } from './homie';
import type { PathStep } from './jsonPath';
import { rememberPayload } from './lastPayloads';
import type { ConventionMemory } from './memory';
import { interpretShelly, shellyDeviceOf, shellyMetricOf } from './shelly';
import { interpretTasmota, tasmotaDeviceOf, tasmotaMetricOf } from './tasmota';
import { interpretZigbee2mqtt, zigbee2mqttDeviceOf, zigbee2mqttMetricOf } from './zigbee2mqtt';

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
 * 2. Home Assistant discovery configs;
 * 3. Homie (`homie/…`), Zigbee2MQTT (`zigbee2mqtt/…`), Tasmota (`tele|stat|cmnd/<t>/<X>`), Shelly
 *    Gen2 (`<id>/status/<component>`, `<id>/online`, `<id>/events/rpc`), HomeSeer mcsMQTT
 *    (`…/mcsMQTT/…`), together with what discovered entities read on the same topic;
 * 4. topics only discovered entities read (an ESPHome state topic);
 * 5. the generic rules (`interpretGeneric`).
 * A native device that Home Assistant discovery also announces is one device: discovery describes
 * its readings (see haDiscovery.ts). A config arriving after the state it reads reads that state
 * at once. May update `memory` (see ConventionMemory); never throws.
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
  const claimed = interpretClaimed(memory, message);
  if (message.topic.startsWith('homeassistant/')) {
    return claimed ?? { kind: 'ignored', reason: 'a Home Assistant topic that is not a discovery config' };
  }
  const native = interpretNative(memory, message);
  if (claimed === null) return native ?? interpretGeneric(message);
  if (native === null) return claimed;
  // Both read the topic: the native convention its device, discovered entities what it does not.
  const parts = (meaning: Interpretation) => (meaning.kind === 'multiple' ? meaning.meanings : [meaning]);
  const entities = parts(claimed).filter((part) => part.kind !== 'ignored');
  return entities.length === 0 ? native : { kind: 'multiple', meanings: [...parts(native), ...entities] };
}

const NATIVE_CONVENTIONS: readonly {
  convention: ConventionId;
  deviceOf: (topic: string) => string | null;
  metricOf: (topic: string, path: readonly PathStep[] | null) => string | null;
}[] = [
  { convention: 'homie', deviceOf: homieDeviceOf, metricOf: homieMetricOf },
  { convention: 'zigbee2mqtt', deviceOf: zigbee2mqttDeviceOf, metricOf: zigbee2mqttMetricOf },
  { convention: 'tasmota', deviceOf: tasmotaDeviceOf, metricOf: tasmotaMetricOf },
  { convention: 'shelly', deviceOf: shellyDeviceOf, metricOf: shellyMetricOf },
  { convention: 'homeseer', deviceOf: homeseerDeviceOf, metricOf: homeseerMetricOf },
];

/**
 * The native (non-Home Assistant) device a topic belongs to, by the conventions' topic rules, with
 * how that convention names the values in its payloads.
 */
export function nativeDeviceOf(topic: string): NativeDevice | null {
  for (const { convention, deviceOf, metricOf } of NATIVE_CONVENTIONS) {
    const device = deviceOf(topic);
    if (device !== null) return { convention, device, metricOf: (path) => metricOf(topic, path) };
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

/**
 * Reads one raw message into what the page folds: the expensive, per-message step, run off the
 * main thread by the connection's worker.
 */
export function interpretInbound(memory: ConventionMemory, message: InboundMessage): InterpretedMessage {
  return { meaning: interpret(memory, message), retained: message.retained, receivedAt: message.receivedAt };
}
