import type { SampleRing } from './ringBuffer';

/** What the dashboard believes about a device right now. */
export type DeviceStatus = 'online' | 'offline' | 'stale' | 'unknown';

export interface Metric {
  name: string;
  value: number;
  unit: string;
  /** When the latest value arrived (wall-clock ms). */
  receivedAt: number;
  /** When the latest value was measured: the payload's own timestamp, else `receivedAt`. */
  sampleAt: number;
  /** True when the latest value came from the broker's retained store, not live. */
  retained: boolean;
  /** Bounded history, mutated in place; a new Metric object marks each change. */
  history: SampleRing;
}

export interface Device {
  id: string;
  metrics: ReadonlyMap<string, Metric>;
  /** The last availability the device (or its Last Will) announced; null if never. */
  availability: boolean | null;
  availabilityAt: number;
  /** When any message of this device last arrived. */
  lastSeenAt: number;
  /** Whether any message arrived live (not retained) in this session. */
  liveSeen: boolean;
  invalidCount: number;
  oversizeCount: number;
  /** The most recent problem in words ("malformed JSON"), for the card's quiet note. */
  lastProblem: string | null;
  status: DeviceStatus;
}

export interface Fleet {
  devices: ReadonlyMap<string, Device>;
  /** Device ids in display order; a new array only when the set of devices changes. */
  ids: readonly string[];
  /** Messages whose topic names no device (a single-level topic, an empty level). */
  unmappedCount: number;
  /** Messages dropped because the device limit was reached. */
  overLimitCount: number;
}

export const EMPTY_FLEET: Fleet = { devices: new Map(), ids: [], unmappedCount: 0, overLimitCount: 0 };

const DEFAULT_UNITS: Record<string, string> = {
  temperature: '°C',
  temp: '°C',
  brightness: 'lx',
  illuminance: 'lx',
  illuminance_lux: 'lx',
  lux: 'lx',
  humidity: '%',
  battery: '%',
  power: 'W',
  energy: 'kWh',
  voltage: 'V',
  current: 'A',
  pressure: 'hPa',
  co2: 'ppm',
  linkquality: 'lqi',
};

/** The unit shown when a payload names none: °C for temperature, lx for brightness. */
export function defaultUnit(metric: string): string {
  return Object.hasOwn(DEFAULT_UNITS, metric.toLowerCase())
    ? (DEFAULT_UNITS[metric.toLowerCase()] ?? '')
    : '';
}
