import type { Reading } from '../interpretation';
import { readSwitchWord } from '../payload';
import type { QuantityId } from '../quantity';

/**
 * What Zigbee2MQTT's exposed properties mean in the vocabulary. Zigbee2MQTT names a property the
 * same on every device (`temperature`, `occupancy`, `linkquality`), so the name alone says its
 * quantity and unit; a few need the rest of the payload (`voltage`, `illuminance`).
 */

interface PropertyMeaning {
  quantity: QuantityId | null;
  /** The unit Zigbee2MQTT reports it in; '' for a state. */
  unit: string;
  diagnostic?: true;
}

const PROPERTIES: Readonly<Record<string, PropertyMeaning>> = {
  temperature: { quantity: 'temperature', unit: '°C' },
  local_temperature: { quantity: 'temperature', unit: '°C' },
  device_temperature: { quantity: 'temperature', unit: '°C', diagnostic: true },
  humidity: { quantity: 'humidity', unit: '%' },
  pressure: { quantity: 'pressure', unit: 'hPa' },
  // Zigbee2MQTT 2.x reports illuminance in lx (1.x a raw value beside illuminance_lux).
  illuminance: { quantity: 'illuminance', unit: 'lx' },
  illuminance_lux: { quantity: 'illuminance', unit: 'lx' },
  co2: { quantity: 'co2', unit: 'ppm' },
  voc: { quantity: 'voc', unit: 'ppb' },
  pm25: { quantity: 'pm25', unit: 'µg/m³' },
  pm10: { quantity: 'pm10', unit: 'µg/m³' },
  soil_moisture: { quantity: 'moisture', unit: '%' },
  battery: { quantity: 'battery', unit: '%' },
  linkquality: { quantity: 'link_quality', unit: 'lqi', diagnostic: true },
  power: { quantity: 'power', unit: 'W' },
  energy: { quantity: 'energy', unit: 'kWh' },
  current: { quantity: 'current', unit: 'A' },
  voltage: { quantity: 'voltage', unit: 'V' },
  contact: { quantity: 'contact', unit: '' },
  occupancy: { quantity: 'occupancy', unit: '' },
  presence: { quantity: 'presence', unit: '' },
  water_leak: { quantity: 'leak', unit: '' },
  smoke: { quantity: 'smoke', unit: '' },
  state: { quantity: 'switch', unit: '' },
  // A light's level (0–254) and colour, not a light level in the room.
  brightness: { quantity: null, unit: '' },
  color_temp: { quantity: null, unit: 'mired' },
  occupancy_timeout: { quantity: null, unit: 's' },
};

/** A switched endpoint of a multi-gang device: `state_l1`, `state_left`. */
const ENDPOINT_STATE = /^state_(.+)$/;

/** What the rest of a device's payload tells about one property. */
export interface PayloadContext {
  /** The payload has `battery`: its `voltage` is the battery's, in mV. */
  batteryPowered: boolean;
  /** The payload has `power` or `state`: its `voltage` is the mains'. */
  mains: boolean;
  /** The payload has `illuminance_lux`: its `illuminance` is the raw sensor value (1.x). */
  rawIlluminance: boolean;
}

/** The context of a whole JSON state. */
export function payloadContext(state: Record<string, unknown>): PayloadContext {
  return {
    batteryPowered: Object.hasOwn(state, 'battery'),
    mains: Object.hasOwn(state, 'power') || Object.hasOwn(state, 'state'),
    rawIlluminance: Object.hasOwn(state, 'illuminance_lux'),
  };
}

/** A single attribute on its own topic says nothing of its neighbours. */
export const LONE_ATTRIBUTE: PayloadContext = { batteryPowered: false, mains: false, rawIlluminance: false };

/** Whether Zigbee2MQTT exposes a property of this name (so `<name>/<property>` is an attribute topic). */
export function isKnownProperty(key: string): boolean {
  return Object.hasOwn(PROPERTIES, key) || ENDPOINT_STATE.test(key);
}

/**
 * One property as a reading: numbers, ON/OFF and booleans; null for anything else (text, objects).
 * `contact: true` means the contact is made, the door CLOSED (so 0; open is 1). `voltage` is
 * the battery's in mV on a battery device (diagnostic), the mains' in V on a plug; alone, its
 * size tells (230 is the mains in V, 3005 a battery in mV). Unknown numbers keep their name and
 * are placed by it; unknown booleans are states of no known quantity.
 */
export function readProperty(key: string, raw: unknown, context: PayloadContext): Reading | null {
  const number = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
  const switched = number === null ? readSwitchWord(raw) : null;
  if (number === null && switched === null) return null;
  const endpoint = ENDPOINT_STATE.exec(key)?.[1];
  if (endpoint !== undefined && switched !== null) {
    return { metric: key, value: switched, unit: '', quantity: 'switch', source: endpoint };
  }
  const known = Object.hasOwn(PROPERTIES, key) ? PROPERTIES[key] : undefined;
  if (known === undefined) {
    return number !== null
      ? { metric: key, value: number, unit: null }
      : { metric: key, value: switched ?? 0, unit: '', quantity: null };
  }
  if (key === 'contact' && switched !== null) {
    return { metric: key, value: switched === 1 ? 0 : 1, unit: '', quantity: 'contact' };
  }
  if (key === 'voltage' && number !== null) return voltage(number, context);
  const value = number ?? switched ?? 0;
  const quantity = key === 'illuminance' && context.rawIlluminance ? null : known.quantity;
  const unit = quantity === null && key === 'illuminance' ? '' : known.unit;
  return {
    metric: key,
    value,
    unit,
    quantity,
    ...(known.diagnostic === true ? { diagnostic: true } : {}),
  };
}

/** Above this a voltage with no neighbours is a battery's in mV (3005); mains reads 90–300 V. */
const BATTERY_MILLIVOLTS_ABOVE = 1000;

/**
 * A battery's voltage on a battery device, the mains' beside `power` or `state`. With no
 * neighbours (a per-attribute topic, a state of voltage alone) its size tells: above 1000 it is a
 * battery in mV; below, a voltage in V (230 is the mains, never 0.23 V of a battery).
 */
function voltage(value: number, context: PayloadContext): Reading {
  const battery = context.batteryPowered || (!context.mains && value > BATTERY_MILLIVOLTS_ABOVE);
  if (!battery) return { metric: 'voltage', value, unit: 'V', quantity: 'voltage' };
  return {
    metric: 'voltage',
    value,
    // A battery's voltage in V is a small number (3.0); Zigbee2MQTT sends mV (3005).
    unit: value > 100 ? 'mV' : 'V',
    quantity: 'voltage',
    diagnostic: true,
    label: 'Battery voltage',
  };
}
