import type { Control } from '../device';
import type { Interpretation, Reading } from '../interpretation';
import type { InboundMessage } from '../message';
import { asRecord, parseJsonText, readAvailability, readSwitchWord } from '../payload';
import type { QuantityId } from '../quantity';
import type { PathStep } from './jsonPath';
import { payloadText } from './meanings';
import { type ConventionMemory, firstAnnouncement } from './memory';

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
/** Keys of a SENSOR object that describe the message, not a sensor. */
const NOT_SENSORS: ReadonlySet<string> = new Set(['Time', 'TempUnit', 'PressureUnit', 'SpeedUnit', 'Epoch']);
const RELAY = /^POWER\d*$/;
/** A switch input's state in SENSOR (`"Switch1":"ON"`), not a relay. */
const INPUT = /^Switch\d+$/;

/**
 * What a sensor field means, under any sensor name (`DS18B20-1.Temperature`, `ENERGY.Total`).
 * `unit` 'temp' and 'pressure' stand for the message's TempUnit and PressureUnit. Fields not
 * listed are read as numbers of no known quantity, in no unit.
 */
interface SensorField {
  quantity: QuantityId | null;
  unit: string;
  label?: string;
}

const FIELDS: Readonly<Record<string, SensorField>> = {
  Temperature: { quantity: 'temperature', unit: 'temp' },
  Humidity: { quantity: 'humidity', unit: '%' },
  // A dew point is a temperature, but not the room's: a chart of temperatures would mislead.
  DewPoint: { quantity: null, unit: 'temp', label: 'Dew point' },
  Pressure: { quantity: 'pressure', unit: 'pressure' },
  SeaPressure: { quantity: null, unit: 'pressure', label: 'Sea-level pressure' },
  Illuminance: { quantity: 'illuminance', unit: 'lx' },
  Power: { quantity: 'power', unit: 'W' },
  ApparentPower: { quantity: null, unit: 'VA', label: 'Apparent power' },
  ReactivePower: { quantity: null, unit: 'var', label: 'Reactive power' },
  Voltage: { quantity: 'voltage', unit: 'V' },
  Current: { quantity: 'current', unit: 'A' },
  Total: { quantity: 'energy', unit: 'kWh' },
  // Today restarts at midnight: an energy reading beside Total, told apart by its label.
  Today: { quantity: 'energy', unit: 'kWh', label: 'Energy today' },
  Yesterday: { quantity: null, unit: 'kWh', label: 'Energy yesterday' },
  Factor: { quantity: 'power_factor', unit: '' },
  Frequency: { quantity: 'frequency', unit: 'Hz' },
  CarbonDioxide: { quantity: 'co2', unit: 'ppm' },
  eCO2: { quantity: 'co2', unit: 'ppm' },
  TVOC: { quantity: 'voc', unit: 'ppb' },
  Distance: { quantity: 'distance', unit: 'cm' },
  'PM2.5': { quantity: 'pm25', unit: 'µg/m³' },
  PM10: { quantity: 'pm10', unit: 'µg/m³' },
  Moisture: { quantity: 'moisture', unit: '%' },
};

/**
 * Fields of STATE (and STATUS11) worth showing beside the relays: the Wi-Fi link and the uptime,
 * all about the device. Tasmota's `Wifi.RSSI` is a 0–100 quality, its `Signal` the dBm.
 */
const STATE_FIELDS: Readonly<Record<string, Reading>> = {
  UptimeSec: { metric: 'UptimeSec', value: 0, unit: 's', quantity: 'uptime', diagnostic: true },
  'Wifi.RSSI': {
    metric: 'Wifi.RSSI',
    value: 0,
    unit: '%',
    quantity: 'link_quality',
    diagnostic: true,
    label: 'Wi-Fi quality',
  },
  'Wifi.Signal': {
    metric: 'Wifi.Signal',
    value: 0,
    unit: 'dBm',
    quantity: 'rssi',
    diagnostic: true,
    label: 'Wi-Fi signal',
  },
};

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
  const tempUnit = record.TempUnit === 'F' ? '°F' : '°C';
  const pressureUnit = typeof record.PressureUnit === 'string' ? record.PressureUnit : 'hPa';
  const readings: Array<{ sensor: string; reading: Reading }> = [];
  for (const [sensor, value] of Object.entries(record)) {
    if (NOT_SENSORS.has(sensor)) continue;
    const switched = readSwitchWord(value);
    if (typeof value === 'string' && switched !== null) {
      const input = INPUT.test(sensor);
      readings.push({
        sensor,
        reading: {
          metric: sensor,
          value: switched,
          unit: '',
          label: sensor,
          quantity: 'switch',
          ...(input ? { source: sensor } : {}),
        },
      });
      continue;
    }
    const fields = asRecord(value);
    if (fields === null) continue;
    for (const [field, raw] of Object.entries(fields)) {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) continue;
      const known = Object.hasOwn(FIELDS, field) ? FIELDS[field] : undefined;
      const unit =
        known?.unit === 'temp' ? tempUnit : known?.unit === 'pressure' ? pressureUnit : known?.unit;
      const label = known === undefined ? `${sensor} ${field}` : known.label;
      readings.push({
        sensor,
        reading: {
          metric: `${sensor}.${field}`,
          value: raw,
          unit: unit ?? '',
          quantity: known?.quantity ?? null,
          ...(label !== undefined ? { label } : {}),
        },
      });
    }
  }
  if (readings.length === 0)
    return {
      kind: 'ignored',
      reason: 'a Tasmota SENSOR message without numeric sensor values',
      device,
      convention: CONVENTION,
    };
  return {
    kind: 'readings',
    device,
    readings: withSources(readings),
    sampleAt: null,
    convention: CONVENTION,
  };
}

/**
 * Names each reading's sensor as its source where two sensors of one device read one quantity
 * (two DS18B20 probes, an AM2301 beside a DS18B20), so both are kept and told apart.
 */
function withSources(readings: ReadonlyArray<{ sensor: string; reading: Reading }>): Reading[] {
  const sensorsOf = new Map<string, Set<string>>();
  for (const { sensor, reading } of readings) {
    if (typeof reading.quantity !== 'string') continue;
    const sensors = sensorsOf.get(reading.quantity) ?? new Set<string>();
    sensors.add(sensor);
    sensorsOf.set(reading.quantity, sensors);
  }
  return readings.map(({ sensor, reading }) =>
    typeof reading.quantity === 'string' &&
    reading.source === undefined &&
    (sensorsOf.get(reading.quantity)?.size ?? 0) > 1
      ? { ...reading, source: sensor }
      : reading,
  );
}

function state(
  memory: ConventionMemory,
  device: string,
  topic: string,
  record: Record<string, unknown>,
): Interpretation {
  const readings: Reading[] = [];
  const add = (metric: string, raw: unknown) => {
    const field = Object.hasOwn(STATE_FIELDS, metric) ? STATE_FIELDS[metric] : undefined;
    if (field !== undefined && typeof raw === 'number' && Number.isFinite(raw))
      readings.push({ ...field, value: raw });
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
