import type { Control } from '../device';
import type { Interpretation, Reading } from '../interpretation';
import type { InboundMessage } from '../message';
import { asRecord, parseJsonText, readAvailability, readSwitchWord } from '../payload';
import { payloadText, readingsWithControls } from './meanings';
import { type ConventionMemory, firstAnnouncement } from './memory';

/**
 * Zigbee2MQTT with its default base topic: `zigbee2mqtt/<friendly name>` carries the device's
 * JSON state, `zigbee2mqtt/<friendly name>/availability` `online`/`offline` (or
 * `{"state":"online"}`), and `zigbee2mqtt/<friendly name>/set` takes commands
 * (`{"state":"ON"}`, `{"brightness":128}`). Friendly names may contain `/`. Everything under
 * `zigbee2mqtt/bridge/` is ignored except `bridge/state`, the bridge's own availability.
 */

const CONVENTION = 'zigbee2mqtt';
const BASE = 'zigbee2mqtt';
/** The device id of the bridge itself (its availability is `zigbee2mqtt/bridge/state`). */
const BRIDGE_DEVICE = 'zigbee2mqtt-bridge';
const COMMAND_LEVELS: ReadonlySet<string> = new Set(['set', 'get']);

const UNITS: Readonly<Record<string, string>> = {
  temperature: '°C',
  local_temperature: '°C',
  device_temperature: '°C',
  humidity: '%',
  pressure: 'hPa',
  illuminance_lux: 'lx',
  // Zigbee2MQTT 2.x reports illuminance in lx (1.x reported a raw value under this key).
  illuminance: 'lx',
  battery: '%',
  linkquality: 'lqi',
  power: 'W',
  energy: 'kWh',
  current: 'A',
  co2: 'ppm',
  voc: 'ppb',
  pm25: 'µg/m³',
  color_temp: 'mired',
  occupancy_timeout: 's',
};

type Place =
  | { kind: 'state'; name: string }
  | { kind: 'availability'; name: string }
  | { kind: 'command' }
  | { kind: 'bridge-state' }
  | { kind: 'bridge' };

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
  return place.kind === 'state' || place.kind === 'availability' ? place.name : null;
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
  const setTopic = `${BASE}/${name}/set`;
  for (const [key, raw] of Object.entries(state)) {
    if (typeof raw === 'number' && Number.isFinite(raw)) {
      readings.push({ metric: key, value: raw, unit: unitOf(key, raw) });
      if (key === 'brightness' && firstAnnouncement(memory, CONVENTION, device, 'control:brightness')) {
        controls.push({
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
        });
      }
      continue;
    }
    const switched = readSwitchWord(raw);
    if (switched === null) continue;
    readings.push({ metric: key, value: switched, unit: '' });
    // `state`, or `state_l1`… on devices with several endpoints, is what `/set` switches.
    if (
      typeof raw === 'string' &&
      /^state(_.+)?$/.test(key) &&
      firstAnnouncement(memory, CONVENTION, device, `control:${key}`)
    ) {
      controls.push({
        kind: 'switch',
        id: key,
        label: key === 'state' ? 'State' : `State ${key.slice('state_'.length)}`,
        stateMetric: key,
        echoes: true,
        command: { format: 'json-state', topic: setTopic, property: key, on: 'ON', off: 'OFF', qos: 0 },
      });
    }
  }
  if (readings.length === 0)
    return { kind: 'ignored', reason: 'a Zigbee2MQTT state without numbers or ON/OFF', device };
  return readingsWithControls(device, readings, controls, CONVENTION);
}

function unitOf(key: string, value: number): string | null {
  // Battery sensors report millivolts, mains devices volts; the size tells which.
  if (key === 'voltage') return value > 100 ? 'mV' : 'V';
  return Object.hasOwn(UNITS, key) ? (UNITS[key] ?? null) : null;
}
