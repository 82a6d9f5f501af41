import type { Control } from '../device';
import type { Interpretation, Reading } from '../interpretation';
import type { InboundMessage } from '../message';
import { asRecord, parseJsonText, readAvailability, readSwitchWord, toFiniteNumber } from '../payload';
import type { PathStep } from './jsonPath';
import { payloadText, readingsWithControls } from './meanings';
import { type ConventionMemory, firstAnnouncement } from './memory';
import { isKnownProperty, LONE_ATTRIBUTE, payloadContext, readProperty } from './zigbee2mqttProperties';

/**
 * Zigbee2MQTT with its default base topic: `zigbee2mqtt/<friendly name>` carries the device's
 * JSON state, `zigbee2mqtt/<friendly name>/availability` `online`/`offline` (or
 * `{"state":"online"}`), and `zigbee2mqtt/<friendly name>/set` takes commands
 * (`{"state":"ON"}`, `{"brightness":128}`). Friendly names may contain `/`. With `output:
 * attribute`, `zigbee2mqtt/<friendly name>/<attribute>` carries one property (`1.23`): a reading
 * of that device, never a device of its own. Everything under `zigbee2mqtt/bridge/` is ignored
 * except `bridge/state`, the bridge's own availability. Properties are placed in the vocabulary
 * by their names (zigbee2mqttProperties.ts).
 */

const CONVENTION = 'zigbee2mqtt';
const BASE = 'zigbee2mqtt';
/** The device id of the bridge itself (its availability is `zigbee2mqtt/bridge/state`). */
const BRIDGE_DEVICE = 'zigbee2mqtt-bridge';
const COMMAND_LEVELS: ReadonlySet<string> = new Set(['set', 'get']);

type Place =
  | { kind: 'state'; name: string }
  | { kind: 'availability'; name: string }
  | { kind: 'command' }
  | { kind: 'bridge-state' }
  | { kind: 'bridge' };

/**
 * `zigbee2mqtt/<name>/<attribute>` with the attribute on its own (Zigbee2MQTT's `output:
 * attribute`), told from a friendly name with a slash (`Kitchen/ceiling`) by its payload: a plain
 * value, not a JSON object. Without the payload, by a property Zigbee2MQTT exposes.
 */
function attributeOf(name: string, payloadText: string | null): { device: string; attribute: string } | null {
  const slash = name.lastIndexOf('/');
  if (slash <= 0 || slash === name.length - 1) return null;
  const attribute = name.slice(slash + 1);
  const lone = payloadText === null ? isKnownProperty(attribute) : !payloadText.startsWith('{');
  return lone ? { device: name.slice(0, slash), attribute } : null;
}

function placeOf(topic: string): Place | null {
  const levels = topic.split('/');
  if (levels[0] !== BASE || levels.length < 2) return null;
  if (levels[1] === 'bridge')
    return levels.length === 3 && levels[2] === 'state' ? { kind: 'bridge-state' } : { kind: 'bridge' };
  if (levels.slice(2).some((level) => COMMAND_LEVELS.has(level))) return { kind: 'command' };
  if (levels.length > 2 && levels.at(-1) === 'availability')
    return { kind: 'availability', name: levels.slice(1, -1).join('/') };
  const name = levels.slice(1).join('/');
  return name.length === 0 ? null : { kind: 'state', name };
}

/** The Zigbee2MQTT device a topic belongs to (its friendly name, or the bridge), or null. */
export function zigbee2mqttDeviceOf(topic: string): string | null {
  const place = placeOf(topic);
  if (place === null) return null;
  if (place.kind === 'bridge-state') return BRIDGE_DEVICE;
  if (place.kind === 'state') return attributeOf(place.name, null)?.device ?? place.name;
  return place.kind === 'availability' ? place.name : null;
}

/**
 * The metric a value at `path` in a payload of `topic` is read as (`["temperature"]` in
 * `zigbee2mqtt/<name>` is `temperature`; an attribute topic itself is its attribute), or null
 * when the rules here do not read it: how a discovery config names what it describes.
 */
export function zigbee2mqttMetricOf(topic: string, path: readonly PathStep[] | null): string | null {
  const place = placeOf(topic);
  if (place?.kind !== 'state') return null;
  const attribute = attributeOf(place.name, null);
  if (attribute !== null) return path === null || path.length === 0 ? attribute.attribute : null;
  const [key] = path ?? [];
  return path?.length === 1 && typeof key === 'string' ? key : null;
}

/** Reads a topic under `zigbee2mqtt/`; null for other topics. */
export function interpretZigbee2mqtt(
  memory: ConventionMemory,
  message: InboundMessage,
): Interpretation | null {
  const place = placeOf(message.topic);
  if (place === null) return null;
  if (place.kind === 'command') return { kind: 'ignored', reason: 'a command to a Zigbee2MQTT device' };
  if (place.kind === 'bridge')
    return { kind: 'ignored', reason: 'Zigbee2MQTT bridge information (not a device)' };
  const device = place.kind === 'bridge-state' ? BRIDGE_DEVICE : place.name;
  const decoded = payloadText(message.payload, device, CONVENTION);
  if ('problem' in decoded) return decoded.problem;
  const { text } = decoded;
  const attribute = place.kind === 'state' ? attributeOf(place.name, text) : null;
  if (attribute !== null) return readAttribute(memory, attribute.device, attribute.attribute, text);
  const json = text.startsWith('{') || text.startsWith('"') ? parseJsonText(text) : null;
  if (json?.kind === 'invalid')
    return { kind: 'invalid', device, reason: json.reason, convention: CONVENTION };

  if (place.kind === 'availability' || place.kind === 'bridge-state') {
    const online = readAvailability(
      json?.kind === 'json' ? { kind: 'json', value: json.value } : { kind: 'text', text },
    );
    if (online === null)
      return {
        kind: 'invalid',
        device,
        reason: `expected online or offline, got "${text.slice(0, 20)}"`,
        convention: CONVENTION,
      };
    const availability: Interpretation = { kind: 'availability', device, online, convention: CONVENTION };
    if (place.kind === 'availability' || !firstAnnouncement(memory, CONVENTION, device, 'name'))
      return availability;
    const describe: Interpretation = {
      kind: 'describe',
      device,
      convention: CONVENTION,
      description: { name: 'Zigbee2MQTT bridge' },
    };
    return { kind: 'multiple', meanings: [describe, availability] };
  }
  const state = json?.kind === 'json' ? asRecord(json.value) : null;
  if (state === null)
    return {
      kind: 'invalid',
      device,
      reason: 'expected the JSON state of a Zigbee2MQTT device',
      convention: CONVENTION,
    };
  return readState(memory, device, place.name, state);
}

function readState(
  memory: ConventionMemory,
  device: string,
  name: string,
  state: Record<string, unknown>,
): Interpretation {
  const readings: Reading[] = [];
  const controls: Control[] = [];
  const context = payloadContext(state);
  for (const [key, raw] of Object.entries(state)) {
    const reading = readProperty(key, raw, context);
    if (reading === null) continue;
    readings.push(reading);
    const control = controlOf(memory, device, name, key, raw);
    if (control !== null) controls.push(control);
  }
  if (readings.length === 0)
    return {
      kind: 'ignored',
      reason: 'a Zigbee2MQTT state without numbers or ON/OFF',
      device,
      convention: CONVENTION,
    };
  return readingsWithControls(device, readings, controls, CONVENTION);
}

/** An attribute on its own topic (`zigbee2mqtt/Plug/energy` `1.23`): a reading of its device. */
function readAttribute(
  memory: ConventionMemory,
  device: string,
  attribute: string,
  text: string,
): Interpretation {
  const json = parseJsonText(text);
  const raw = json.kind === 'json' ? json.value : text;
  const reading = readProperty(
    attribute,
    typeof raw === 'string' ? (toFiniteNumber(raw) ?? raw) : raw,
    LONE_ATTRIBUTE,
  );
  if (reading === null)
    return {
      kind: 'ignored',
      reason: `the Zigbee2MQTT attribute ${attribute} is not a number or ON/OFF`,
      device,
      convention: CONVENTION,
    };
  const control = controlOf(memory, device, device, attribute, raw);
  return readingsWithControls(device, [reading], control === null ? [] : [control], CONVENTION);
}

/**
 * The control a property offers, the first time it is seen: `state` (or `state_l1`… on devices
 * with several endpoints) is what `/set` switches, `brightness` what it dims.
 */
function controlOf(
  memory: ConventionMemory,
  device: string,
  name: string,
  key: string,
  raw: unknown,
): Control | null {
  const setTopic = `${BASE}/${name}/set`;
  if (key === 'brightness' && typeof raw === 'number') {
    if (!firstAnnouncement(memory, CONVENTION, device, 'control:brightness')) return null;
    return {
      kind: 'number',
      id: key,
      label: 'Brightness',
      stateMetric: key,
      echoes: true,
      min: 0,
      max: 254,
      step: 1,
      unit: null,
      command: { format: 'json-state', topic: setTopic, property: key, qos: 0 },
    };
  }
  if (typeof raw !== 'string' || !/^state(_.+)?$/.test(key) || readSwitchWord(raw) === null) return null;
  if (!firstAnnouncement(memory, CONVENTION, device, `control:${key}`)) return null;
  return {
    kind: 'switch',
    id: key,
    label: key === 'state' ? 'State' : `State ${key.slice('state_'.length)}`,
    stateMetric: key,
    echoes: true,
    command: { format: 'json-state', topic: setTopic, property: key, on: 'ON', off: 'OFF', qos: 0 },
  };
}
