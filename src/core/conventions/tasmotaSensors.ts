import type { Reading } from '../interpretation';
import { asRecord, readSwitchWord } from '../payload';
import type { QuantityId } from '../quantity';

/**
 * What Tasmota's sensor fields mean in the vocabulary: `Temperature` is a temperature under any
 * sensor name (`DS18B20`, `DS18B20-1`, `AM2301`, `BME280`), `ENERGY.Total` an energy in kWh.
 */

/** Keys of a SENSOR object that describe the message, not a sensor. */
const NOT_SENSORS: ReadonlySet<string> = new Set(['Time', 'TempUnit', 'PressureUnit', 'SpeedUnit', 'Epoch']);
/** A switch input's state in SENSOR (`"Switch1":"ON"`), not a relay. */
const INPUT = /^Switch\d+$/;
/**
 * The microcontroller itself: Tasmota32 puts `"ESP32":{"Temperature":51.7}` in every SENSOR. The
 * chip's temperature is about the device, not the room: diagnostic, so it keeps its native
 * handle, charts apart and fires no room rule.
 */
const CHIPS: ReadonlySet<string> = new Set(['ESP32', 'ESP8266']);

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

/**
 * The readings of a SENSOR object (`{"DS18B20":{"Temperature":21.4},"TempUnit":"C"}`), each field
 * in the TempUnit and PressureUnit the same message names; a top-level ON/OFF (`Switch1`) is an
 * input's state.
 */
export function readSensors(record: Record<string, unknown>): Reading[] {
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
      const chip = CHIPS.has(sensor);
      const label =
        chip && field === 'Temperature'
          ? 'Device temperature'
          : known === undefined
            ? `${sensor} ${field}`
            : known.label;
      readings.push({
        sensor,
        reading: {
          metric: `${sensor}.${field}`,
          value: raw,
          unit: unit ?? '',
          quantity: known?.quantity ?? null,
          ...(label !== undefined ? { label } : {}),
          ...(chip ? { diagnostic: true } : {}),
        },
      });
    }
  }
  return withSources(readings);
}

/** A field of STATE beside the relays (Wi-Fi, uptime) as a reading, or null for any other. */
export function readStateField(metric: string, raw: unknown): Reading | null {
  const field = Object.hasOwn(STATE_FIELDS, metric) ? STATE_FIELDS[metric] : undefined;
  return field !== undefined && typeof raw === 'number' && Number.isFinite(raw)
    ? { ...field, value: raw }
    : null;
}

/**
 * Names each reading's sensor as its source where two sensors of one device read one quantity
 * (two DS18B20 probes, an AM2301 beside a DS18B20), so both are kept and told apart. A diagnostic
 * reading (the chip's own temperature) is told apart by its label and does not count.
 */
function withSources(readings: ReadonlyArray<{ sensor: string; reading: Reading }>): Reading[] {
  const sensorsOf = new Map<string, Set<string>>();
  for (const { sensor, reading } of readings) {
    if (typeof reading.quantity !== 'string' || reading.diagnostic === true) continue;
    const sensors = sensorsOf.get(reading.quantity) ?? new Set<string>();
    sensors.add(sensor);
    sensorsOf.set(reading.quantity, sensors);
  }
  return readings.map(({ sensor, reading }) =>
    typeof reading.quantity === 'string' &&
    reading.diagnostic !== true &&
    reading.source === undefined &&
    (sensorsOf.get(reading.quantity)?.size ?? 0) > 1
      ? { ...reading, source: sensor }
      : reading,
  );
}
