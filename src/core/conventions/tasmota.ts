import type { Control } from '../device';
import type { Interpretation, Reading } from '../interpretation';
import type { InboundMessage } from '../message';
import { asRecord, parseJsonText, readAvailability, readSwitchWord } from '../payload';
import { payloadText } from './meanings';
import { type ConventionMemory, firstAnnouncement } from './memory';

/**
 * Tasmota with its default FullTopic `%prefix%/%topic%/`: `tele/<topic>/LWT` Online/Offline,
 * `tele/<topic>/SENSOR` sensor objects (`{"DS18B20":{"Temperature":21.4},"TempUnit":"C"}`),
 * `tele/<topic>/STATE` and `stat/<topic>/RESULT` with POWER and Dimmer, `stat/<topic>/POWER`
 * ON/OFF; relays are switched with `cmnd/<topic>/POWER<n>`. Sensor metrics are named
 * `<Sensor>.<Quantity>` (`AM2301.Humidity`), relays `POWER`, `POWER1`…
 */

const CONVENTION = 'tasmota';
const PREFIXES: ReadonlySet<string> = new Set(['tele', 'stat', 'cmnd']);
/** Keys of a SENSOR object that describe the message, not a sensor. */
const NOT_SENSORS: ReadonlySet<string> = new Set(['Time', 'TempUnit', 'PressureUnit', 'SpeedUnit', 'Epoch']);
const RELAY = /^POWER\d*$/;

const UNITS: Readonly<Record<string, string>> = {
  Humidity: '%',
  Illuminance: 'lx',
  Power: 'W',
  ApparentPower: 'VA',
  ReactivePower: 'var',
  Voltage: 'V',
  Current: 'A',
  Total: 'kWh',
  Today: 'kWh',
  Yesterday: 'kWh',
  Frequency: 'Hz',
  CarbonDioxide: 'ppm',
  eCO2: 'ppm',
  TVOC: 'ppb',
  Distance: 'cm',
  Factor: '',
};

/** The Tasmota device of a `tele|stat|cmnd/<topic>/<X>` topic, or null. */
export function tasmotaDeviceOf(topic: string): string | null {
  const levels = topic.split('/');
  if (levels.length !== 3 || !PREFIXES.has(levels[0] ?? '') || (levels[1] ?? '').length === 0) return null;
  return levels[1] ?? null;
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
  return { kind: 'ignored', reason: `Tasmota ${prefix}/${command} is not shown`, device };
}

function sensors(device: string, record: Record<string, unknown>): Interpretation {
  const tempUnit = record.TempUnit === 'F' ? '°F' : '°C';
  const pressureUnit = typeof record.PressureUnit === 'string' ? record.PressureUnit : 'hPa';
  const readings: Reading[] = [];
  for (const [sensor, value] of Object.entries(record)) {
    if (NOT_SENSORS.has(sensor)) continue;
    const switched = readSwitchWord(value);
    if (typeof value === 'string' && switched !== null) {
      readings.push({ metric: sensor, value: switched, unit: '', label: sensor });
      continue;
    }
    const quantities = asRecord(value);
    if (quantities === null) continue;
    for (const [quantity, raw] of Object.entries(quantities)) {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) continue;
      readings.push({
        metric: `${sensor}.${quantity}`,
        value: raw,
        unit: unitOf(quantity, tempUnit, pressureUnit),
        label: `${sensor} ${quantity}`,
      });
    }
  }
  if (readings.length === 0)
    return { kind: 'ignored', reason: 'a Tasmota SENSOR message without numeric sensor values', device };
  return { kind: 'readings', device, readings, sampleAt: null, convention: CONVENTION };
}

function state(
  memory: ConventionMemory,
  device: string,
  topic: string,
  record: Record<string, unknown>,
): Interpretation {
  const readings: Reading[] = [];
  for (const [key, raw] of Object.entries(record)) {
    if (RELAY.test(key)) {
      const value = readSwitchWord(raw);
      if (value !== null) readings.push(relayReading(key, value));
    } else if (key === 'Dimmer' && typeof raw === 'number' && Number.isFinite(raw)) {
      readings.push({ metric: 'Dimmer', value: raw, unit: '%', label: 'Dimmer' });
    }
  }
  if (readings.length === 0)
    return { kind: 'ignored', reason: 'a Tasmota result without POWER or Dimmer', device };
  return withControls(memory, device, topic, readings);
}

function name(device: string, status: Record<string, unknown> | null): Interpretation {
  const friendly = Array.isArray(status?.FriendlyName) ? status.FriendlyName[0] : undefined;
  const candidate = typeof status?.DeviceName === 'string' ? status.DeviceName : friendly;
  // "Tasmota" is the factory default: every device would be called that.
  if (typeof candidate !== 'string' || candidate.trim().length === 0 || candidate === 'Tasmota') {
    return { kind: 'ignored', reason: 'a Tasmota status without a chosen name', device };
  }
  return { kind: 'describe', device, convention: CONVENTION, description: { name: candidate.trim() } };
}

function relayReading(key: string, value: number): Reading {
  const index = key.slice('POWER'.length);
  return { metric: key, value, unit: '', label: index === '' ? 'Power' : `Power ${index}` };
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

function unitOf(quantity: string, tempUnit: string, pressureUnit: string): string {
  if (quantity === 'Temperature' || quantity === 'DewPoint') return tempUnit;
  if (quantity === 'Pressure' || quantity === 'SeaPressure') return pressureUnit;
  return Object.hasOwn(UNITS, quantity) ? (UNITS[quantity] ?? '') : '';
}
