import type { Control } from '../device';
import type { Interpretation, Reading } from '../interpretation';
import type { InboundMessage } from '../message';
import { asRecord, parseJsonText, readAvailability, readSwitchWord } from '../payload';
import type { PathStep } from './jsonPath';
import { payloadText } from './meanings';
import { type ConventionMemory, firstAnnouncement } from './memory';
import { readSensors, readStateField } from './tasmotaSensors';

/**
 * Tasmota with its default FullTopic `%prefix%/%topic%/`: `tele/<topic>/LWT` Online/Offline,
 * `tele/<topic>/SENSOR` sensor objects (`{"DS18B20":{"Temperature":21.4},"TempUnit":"C"}`),
 * `tele/<topic>/STATE` and `stat/<topic>/RESULT` with POWER, Dimmer, Wi-Fi and uptime,
 * `stat/<topic>/POWER` ON/OFF; relays are switched with `cmnd/<topic>/POWER<n>`. Sensor metrics
 * are named `<Sensor>.<Field>` (`AM2301.Humidity`), relays `POWER`, `POWER1`… Each field has its
 * quantity whatever the sensor's name (FIELDS), in the TempUnit and PressureUnit of its message.
 */

const CONVENTION = 'tasmota';
const PREFIXES: ReadonlySet<string> = new Set(['tele', 'stat', 'cmnd']);
const RELAY = /^POWER\d*$/;

/** Commands whose payload the convention reads, so a discovery config may describe their metrics. */
const READ_COMMANDS: ReadonlySet<string> = new Set(['SENSOR', 'STATE', 'RESULT', 'STATUS10', 'STATUS11']);

/** The Tasmota device of a `tele|stat|cmnd/<topic>/<X>` topic, or null. */
export function tasmotaDeviceOf(topic: string): string | null {
  const levels = topic.split('/');
  if (levels.length !== 3 || !PREFIXES.has(levels[0] ?? '') || (levels[1] ?? '').length === 0) return null;
  return levels[1] ?? null;
}

/**
 * The metric a value at `path` in a payload of `topic` is read as (`["AM2301","Temperature"]` in
 * `tele/<t>/SENSOR` is `AM2301.Temperature`; `stat/<t>/POWER` itself is `POWER`), or null when
 * Tasmota's rules do not read it: how a discovery config names what it describes.
 */
export function tasmotaMetricOf(topic: string, path: readonly PathStep[] | null): string | null {
  const [prefix, , command = ''] = topic.split('/');
  if (tasmotaDeviceOf(topic) === null || prefix === 'cmnd') return null;
  if (path === null || path.length === 0) return prefix === 'stat' && RELAY.test(command) ? command : null;
  if (!READ_COMMANDS.has(command) || path.some((step) => typeof step !== 'string')) return null;
  const steps = command.startsWith('STATUS') ? path.slice(1) : path;
  return steps.length === 0 ? null : steps.join('.');
}

/** Reads a Tasmota topic; null for other topics. */
export function interpretTasmota(memory: ConventionMemory, message: InboundMessage): Interpretation | null {
  const device = tasmotaDeviceOf(message.topic);
  if (device === null) return null;
  const [prefix, topic = '', command = ''] = message.topic.split('/');
  if (prefix === 'cmnd') return { kind: 'ignored', reason: 'a command to a Tasmota device' };
  const decoded = payloadText(message.payload, device, CONVENTION);
  if ('problem' in decoded) return decoded.problem;
  const { text } = decoded;

  if (prefix === 'tele' && command === 'LWT') {
    const online = readAvailability({ kind: 'text', text });
    return online === null
      ? {
          kind: 'invalid',
          device,
          reason: `expected Online or Offline, got "${text.slice(0, 20)}"`,
          convention: CONVENTION,
        }
      : { kind: 'availability', device, online, convention: CONVENTION };
  }
  if (prefix === 'stat' && RELAY.test(command)) {
    const value = readSwitchWord(text);
    if (value === null)
      return {
        kind: 'invalid',
        device,
        reason: `expected ON or OFF, got "${text.slice(0, 20)}"`,
        convention: CONVENTION,
      };
    return withControls(memory, device, topic, [relayReading(command, value)]);
  }
  const json = text.startsWith('{') ? parseJsonText(text) : null;
  const record = json?.kind === 'json' ? asRecord(json.value) : null;
  if (json?.kind === 'invalid')
    return { kind: 'invalid', device, reason: json.reason, convention: CONVENTION };

  if (record !== null && prefix === 'tele' && command === 'SENSOR') return sensors(device, record);
  if (record !== null && prefix === 'stat' && command === 'STATUS10')
    return sensors(device, asRecord(record.StatusSNS) ?? {});
  if (
    record !== null &&
    ((prefix === 'tele' && command === 'STATE') || (prefix === 'stat' && command === 'RESULT'))
  ) {
    return state(memory, device, topic, record);
  }
  if (record !== null && prefix === 'stat' && command === 'STATUS11')
    return state(memory, device, topic, asRecord(record.StatusSTS) ?? {});
  if (record !== null && prefix === 'stat' && command === 'STATUS')
    return name(device, asRecord(record.Status));
  return {
    kind: 'ignored',
    reason: `Tasmota ${prefix}/${command} is not shown`,
    device,
    convention: CONVENTION,
  };
}

function sensors(device: string, record: Record<string, unknown>): Interpretation {
  const readings = readSensors(record);
  if (readings.length === 0)
    return {
      kind: 'ignored',
      reason: 'a Tasmota SENSOR message without numeric sensor values',
      device,
      convention: CONVENTION,
    };
  return { kind: 'readings', device, readings, sampleAt: null, convention: CONVENTION };
}

function state(
  memory: ConventionMemory,
  device: string,
  topic: string,
  record: Record<string, unknown>,
): Interpretation {
  const readings: Reading[] = [];
  const add = (metric: string, raw: unknown) => {
    const reading = readStateField(metric, raw);
    if (reading !== null) readings.push(reading);
  };
  for (const [key, raw] of Object.entries(record)) {
    if (RELAY.test(key)) {
      const value = readSwitchWord(raw);
      if (value !== null) readings.push(relayReading(key, value));
    } else if (key === 'Dimmer' && typeof raw === 'number' && Number.isFinite(raw)) {
      // A dimmer's level in %, not a light level: no quantity.
      readings.push({ metric: 'Dimmer', value: raw, unit: '%', label: 'Dimmer', quantity: null });
    } else if (key === 'Wifi') {
      const wifi = asRecord(raw);
      add('Wifi.RSSI', wifi?.RSSI);
      add('Wifi.Signal', wifi?.Signal);
    } else {
      add(key, raw);
    }
  }
  if (readings.length === 0)
    return {
      kind: 'ignored',
      reason: 'a Tasmota result without POWER or Dimmer',
      device,
      convention: CONVENTION,
    };
  return withControls(memory, device, topic, readings);
}

function name(device: string, status: Record<string, unknown> | null): Interpretation {
  const friendly = Array.isArray(status?.FriendlyName) ? status.FriendlyName[0] : undefined;
  const candidate = typeof status?.DeviceName === 'string' ? status.DeviceName : friendly;
  // "Tasmota" is the factory default: every device would be called that.
  if (typeof candidate !== 'string' || candidate.trim().length === 0 || candidate === 'Tasmota') {
    return {
      kind: 'ignored',
      reason: 'a Tasmota status without a chosen name',
      device,
      convention: CONVENTION,
    };
  }
  return { kind: 'describe', device, convention: CONVENTION, description: { name: candidate.trim() } };
}

function relayReading(key: string, value: number): Reading {
  const index = key.slice('POWER'.length);
  return {
    metric: key,
    value,
    unit: '',
    label: index === '' ? 'Power' : `Power ${index}`,
    quantity: 'switch',
  };
}

/** Readings, preceded the first time by the controls they show the device has. */
function withControls(
  memory: ConventionMemory,
  device: string,
  topic: string,
  readings: Reading[],
): Interpretation {
  const meaning: Interpretation = {
    kind: 'readings',
    device,
    readings,
    sampleAt: null,
    convention: CONVENTION,
  };
  const controls: Control[] = [];
  for (const reading of readings) {
    if (!RELAY.test(reading.metric) && reading.metric !== 'Dimmer') continue;
    if (!firstAnnouncement(memory, CONVENTION, device, `control:${reading.metric}`)) continue;
    const common = {
      id: reading.metric,
      label: reading.label ?? reading.metric,
      stateMetric: reading.metric,
      echoes: true,
    };
    const commandTopic = `cmnd/${topic}/${reading.metric}`;
    controls.push(
      reading.metric === 'Dimmer'
        ? {
            ...common,
            kind: 'number',
            min: 0,
            max: 100,
            step: 1,
            unit: '%',
            command: { format: 'plain', topic: commandTopic, retain: false, qos: 0 },
          }
        : {
            ...common,
            kind: 'switch',
            command: { format: 'plain', topic: commandTopic, on: 'ON', off: 'OFF', retain: false, qos: 0 },
          },
    );
  }
  if (controls.length === 0) return meaning;
  return {
    kind: 'multiple',
    meanings: [{ kind: 'describe', device, convention: CONVENTION, description: { controls } }, meaning],
  };
}
