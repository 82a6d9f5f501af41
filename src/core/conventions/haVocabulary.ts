import type { QuantityId } from '../quantity';
import { stateQuantityOf } from './meanings';

/**
 * Home Assistant's device classes in the vocabulary. HA made them for exactly this: one chart of
 * temperatures across integrations. A class Hearth has no quantity for (carbon_monoxide,
 * sound_pressure, monetary, duration…) names none: its unit would guess wrong (CO in ppm is not
 * CO₂, sound in dB is not a signal, a washer's time left is not an uptime).
 */

const SENSOR_CLASSES: Readonly<Record<string, QuantityId>> = {
  temperature: 'temperature',
  humidity: 'humidity',
  illuminance: 'illuminance',
  pressure: 'pressure',
  atmospheric_pressure: 'pressure',
  power: 'power',
  energy: 'energy',
  voltage: 'voltage',
  current: 'current',
  frequency: 'frequency',
  power_factor: 'power_factor',
  carbon_dioxide: 'co2',
  // HA's VOC is in µg/m³ (a unit the vocabulary's VOC lacks: such values keep their unit); the
  // `_parts` class is in ppb or ppm.
  volatile_organic_compounds: 'voc',
  volatile_organic_compounds_parts: 'voc',
  pm25: 'pm25',
  pm10: 'pm10',
  battery: 'battery',
  signal_strength: 'rssi',
  wind_speed: 'wind_speed',
  precipitation: 'rain',
  distance: 'distance',
  moisture: 'moisture',
  gas: 'gas',
  water: 'water',
};

/** Binary sensor classes with a state of their own; every other class reads On/Off. */
const BINARY_CLASSES: Readonly<Record<string, QuantityId>> = {
  door: 'contact',
  window: 'contact',
  garage_door: 'contact',
  opening: 'contact',
  motion: 'motion',
  occupancy: 'occupancy',
  presence: 'presence',
  moisture: 'leak',
  smoke: 'smoke',
  plug: 'switch',
  power: 'switch',
  outlet: 'switch',
};

/**
 * The quantity of a discovered entity: a sensor's `device_class` (no class: its unit and name
 * tell; a class Hearth has no quantity for: none); a binary sensor's class, else what its name
 * says, else a switch (On/Off); switches and lights are switches; a number's class, else none (a set point is commanded in its own unit, so it is
 * shown in it).
 */
export function haQuantityOf(
  component: 'sensor' | 'binary_sensor' | 'switch' | 'light' | 'number',
  deviceClass: string | null,
  objectId: string,
): QuantityId | null | undefined {
  const sensorClass =
    deviceClass !== null && Object.hasOwn(SENSOR_CLASSES, deviceClass)
      ? SENSOR_CLASSES[deviceClass]
      : undefined;
  switch (component) {
    case 'sensor':
      return deviceClass === null ? undefined : (sensorClass ?? null);
    case 'number':
      return sensorClass ?? null;
    case 'switch':
    case 'light':
      return 'switch';
    case 'binary_sensor': {
      if (deviceClass !== null && Object.hasOwn(BINARY_CLASSES, deviceClass))
        return BINARY_CLASSES[deviceClass];
      return deviceClass === null ? stateQuantityOf(objectId) : 'switch';
    }
  }
}
