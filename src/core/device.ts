import type { QuantityId } from './quantity';
import type { SampleRing } from './ringBuffer';

/** What the dashboard believes about a device right now. */
export type DeviceStatus = 'online' | 'offline' | 'stale' | 'unknown';

/**
 * Where a device's messages come from. A device is its convention plus its native id (the id
 * its convention names it by: `kitchen_plug` for a Tasmota topic, a Zigbee2MQTT friendly name,
 * the generic rules' device level): a generic `kitchen` and a Tasmota `kitchen` are two devices.
 */
export type ConventionId =
  | 'generic'
  | 'homeassistant'
  | 'homie'
  | 'tasmota'
  | 'zigbee2mqtt'
  | 'shelly'
  | 'homeseer'
  | 'custom';

/** Every convention, for checking a name that came over the network. */
export const CONVENTION_IDS: ReadonlySet<string> = new Set<ConventionId>([
  'generic',
  'homeassistant',
  'homie',
  'tasmota',
  'zigbee2mqtt',
  'shelly',
  'homeseer',
  'custom',
]);

export interface Metric {
  /** The native name, unique within the device (`DS18B20-2.Temperature`, `temperature`). */
  name: string;
  /**
   * What pages and tests call the reading (`data-metric`): its quantity (`temperature`), with
   * `_2`, `_3` for further readings of one quantity on one device; the native name when the
   * quantity is unknown. Fixed when the metric first appears.
   */
  handle: string;
  /** How the convention calls the metric for people ("Kitchen temperature"); absent: see `metricLabel`. */
  label?: string;
  /** Its quantity in the vocabulary, or null when none is known. */
  quantity: QuantityId | null;
  /** In the quantity's canonical unit (see quantity.ts); as sent when the quantity is unknown. */
  value: number;
  /** The canonical unit of the quantity, or the unit as sent for a reading of no known quantity. */
  unit: string;
  /** The unit the source sends in (`°F`, `Wh`), null when it names none. */
  sourceUnit: string | null;
  /** Decimals the source suggests, null for the quantity's default. */
  precision: number | null;
  /** Most decimals seen in a value, at most 3: how a reading of no known quantity is shown. */
  decimals: number;
  /** About the device rather than the house: shown in the details line, not as a reading. */
  diagnostic: boolean;
  /** What tells it apart from another reading of its quantity on the device ("DS18B20-2"). */
  source?: string;
  /** A battery of a device on external power (USB): its percent says nothing worth an alert. */
  externalPower?: boolean;
  /** When the latest value arrived (wall-clock ms). */
  receivedAt: number;
  /** When the latest value was measured: the payload's own timestamp, else `receivedAt`. */
  sampleAt: number;
  /** True when the latest value came from the broker's retained store, not live. */
  retained: boolean;
  /** Bounded history, mutated in place; a new Metric object marks each change. */
  history: SampleRing;
}

/** What a convention announces about a metric, before or besides its values. */
export interface MetricDescription {
  metric: string;
  label?: string;
  unit?: string;
  quantity?: QuantityId | null;
  precision?: number;
  diagnostic?: boolean;
  source?: string;
  externalPower?: boolean;
}

export type QoS = 0 | 1 | 2;

/** How an on/off command goes out, per convention. */
export type SwitchCommand =
  /** The payload alone: Home Assistant `command_topic`, Homie `/set`, Tasmota `cmnd/<t>/POWER`. */
  | { format: 'plain'; topic: string; on: string; off: string; retain: boolean; qos: QoS }
  /** A JSON object with one key: Zigbee2MQTT `/set` `{"state":"ON"}`, Home Assistant JSON lights. */
  | { format: 'json-state'; topic: string; property: string; on: string; off: string; qos: QoS }
  /** A Shelly Gen2 JSON-RPC frame on `<id>/rpc`: `Switch.Set` with the switch's id. */
  | { format: 'shelly-rpc'; topic: string; id: number };

/** How a number (a set point, a brightness) goes out, per convention. */
export type NumberCommand =
  | { format: 'plain'; topic: string; retain: boolean; qos: QoS }
  | { format: 'json-state'; topic: string; property: string; qos: QoS };

interface ControlBase {
  /** Unique within the device. */
  id: string;
  label: string;
  /** The metric that echoes the device's actual state (1/0 for a switch). */
  stateMetric: string;
  /** False when the device never reports the state back (a command-only entity): no pending wait. */
  echoes: boolean;
}

export interface SwitchControl extends ControlBase {
  kind: 'switch';
  command: SwitchCommand;
}

export interface NumberControl extends ControlBase {
  kind: 'number';
  min: number | null;
  max: number | null;
  step: number | null;
  unit: string | null;
  command: NumberCommand;
}

/** Something on a device card that sends a command, when the convention says it is settable. */
export type Control = SwitchControl | NumberControl;

export interface Device {
  /** The device's key in the fleet: `deviceKey(convention, nativeId)`. */
  id: string;
  /** The id its convention names it by (`kitchen_plug`); unique together with `convention`. */
  nativeId: string;
  /** The name its convention announced (HA device name, Homie `$name`); absent: see `deviceLabel`. */
  name?: string;
  convention: ConventionId;
  /** What the convention announced about metrics, including ones with no value yet. */
  metricInfo?: ReadonlyMap<string, MetricDescription>;
  /** Switches and set points the convention says can be commanded, in announcement order. */
  controls?: readonly Control[];
  metrics: ReadonlyMap<string, Metric>;
  /** A state worth a word beside online/offline, from the last availability ("sleeping"). */
  note?: string;
  /** The last availability the device (or its Last Will) announced; null if never. */
  availability: boolean | null;
  availabilityAt: number;
  /** When any message of this device last arrived; 0 if only announced, never heard from. */
  lastSeenAt: number;
  /** Whether any message arrived live (not retained) in this session. */
  liveSeen: boolean;
  invalidCount: number;
  oversizeCount: number;
  /** The most recent problem in words ("malformed JSON"), for the card's quiet note. */
  lastProblem: string | null;
  status: DeviceStatus;
  /**
   * Known only from the Hearth server's memory: nothing about it has reached this page yet. It is
   * shown as remembered (offline if the server last heard it go offline) but raises no alert and
   * never goes stale here: an alert is for what this screen sees happen, and what happened before
   * it opened is in the alert log.
   */
  remembered?: true;
  /** For a remembered device: when the server last heard it (orders the remembered after the heard). */
  rememberedAt?: number;
  /**
   * Where the device says it is: announced (Home Assistant `suggested_area`, HomeSeer's
   * `<Location2>/<Location>`), placed in that room unless the user chose otherwise; or read from a
   * topic's room level (`house/<room>/…`), only a suggestion the user accepts.
   */
  place?: DevicePlace;
}

/** A room (and floor) a device names for itself. */
export interface DevicePlace {
  room: string;
  floor?: string;
  source: 'announced' | 'topic';
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

/**
 * A device's key: its convention and native id joined by `/`. Conventions never hold a `/`, so
 * the first one splits the key again, whatever the native id holds.
 */
export function deviceKey(convention: ConventionId, nativeId: string): string {
  return `${convention}/${nativeId}`;
}

/** The convention and native id of a key made by `deviceKey`. */
export function splitDeviceKey(key: string): { convention: string; nativeId: string } {
  const at = key.indexOf('/');
  return at < 0
    ? { convention: 'generic', nativeId: key }
    : { convention: key.slice(0, at), nativeId: key.slice(at + 1) };
}

/** The name to show for a device: the one its convention announced, else its native id. */
export function deviceLabel(device: Pick<Device, 'nativeId' | 'name'>): string {
  return device.name !== undefined && device.name.length > 0 ? device.name : device.nativeId;
}

/** Every convention, so a saved key can be told from a native id saved by an earlier version. */
const CONVENTIONS: Readonly<Record<ConventionId, true>> = {
  generic: true,
  homeassistant: true,
  homie: true,
  tasmota: true,
  zigbee2mqtt: true,
  shelly: true,
  homeseer: true,
  custom: true,
};

/**
 * A device as saved: a key (`tasmota/kitchen`) stays, a native id alone (what versions before
 * device keys saved, in rules and night-dim settings) becomes a generic device's key, the only
 * kind those versions named without a convention.
 */
export function savedDeviceKey(saved: string): string {
  const at = saved.indexOf('/');
  return at > 0 && Object.hasOwn(CONVENTIONS, saved.slice(0, at)) ? saved : deviceKey('generic', saved);
}
