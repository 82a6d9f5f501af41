import type { Reading } from '../interpretation';
import { asRecord, readSwitchWord } from '../payload';
import type { QuantityId } from '../quantity';
import type { PathStep } from './jsonPath';

/**
 * What the fields of Shelly Gen2 component statuses mean in the vocabulary, by component type
 * (`switch:0` → its `output`, `apower`…; `temperature:0` → `tC`). A reading is named after its
 * component (`temperature:0`) or component and field (`switch:0 power`), as Hearth always has.
 */

interface ComponentField {
  /** '' for the component's own value (`switch:0`), else its word (`switch:0 power`). */
  suffix: string;
  path: readonly string[];
  quantity: QuantityId | null;
  unit: string;
  diagnostic?: true;
  label?: string;
}

const field = (
  suffix: string,
  path: readonly string[],
  quantity: QuantityId | null,
  unit: string,
  extra: Pick<ComponentField, 'diagnostic' | 'label'> = {},
): ComponentField => ({ suffix, path, quantity, unit, ...extra });

/** Metering of a switch or a power meter; Shelly counts energy in Wh. */
const METERING: readonly ComponentField[] = [
  field('power', ['apower'], 'power', 'W'),
  field('voltage', ['voltage'], 'voltage', 'V'),
  field('current', ['current'], 'current', 'A'),
  field('energy', ['aenergy', 'total'], 'energy', 'Wh'),
];

/** The relay's own temperature: about the device, not the room. */
const DEVICE_TEMPERATURE = field('temperature', ['temperature', 'tC'], 'temperature', '°C', {
  diagnostic: true,
  label: 'Device temperature',
});

const COMPONENTS: Readonly<Record<string, readonly ComponentField[]>> = {
  switch: [field('', ['output'], 'switch', ''), ...METERING, DEVICE_TEMPERATURE],
  // A light's brightness is its dimmer level in %, not a light level in the room.
  light: [
    field('', ['output'], 'switch', ''),
    field('brightness', ['brightness'], null, '%'),
    ...METERING,
    DEVICE_TEMPERATURE,
  ],
  cover: [field('position', ['current_pos'], null, '%'), field('power', ['apower'], 'power', 'W')],
  input: [field('', ['state'], 'switch', '')],
  // tF only where a status has no tC.
  temperature: [field('', ['tC'], 'temperature', '°C'), field('', ['tF'], 'temperature', '°F')],
  humidity: [field('', ['rh'], 'humidity', '%')],
  illuminance: [field('', ['lux'], 'illuminance', 'lx')],
  voltmeter: [field('', ['voltage'], 'voltage', 'V')],
  devicepower: [
    field('battery', ['battery', 'percent'], 'battery', '%'),
    field('battery voltage', ['battery', 'V'], 'voltage', 'V', {
      diagnostic: true,
      label: 'Battery voltage',
    }),
  ],
  pm1: METERING,
  em1: [
    field('power', ['act_power'], 'power', 'W'),
    field('voltage', ['voltage'], 'voltage', 'V'),
    field('current', ['current'], 'current', 'A'),
  ],
  em: [
    field('power', ['total_act_power'], 'power', 'W'),
    field('current', ['total_current'], 'current', 'A'),
  ],
  smoke: [field('', ['alarm'], 'smoke', '')],
  wifi: [field('rssi', ['rssi'], 'rssi', 'dBm', { diagnostic: true, label: 'Wi-Fi signal' })],
  sys: [field('uptime', ['uptime'], 'uptime', 's', { diagnostic: true })],
};

const COMPONENT = /^([a-z][a-z0-9]*)(?::(\d+))?$/;

/** The type and index of a component key (`switch:1` → switch, 1); null for other keys. */
export function componentOf(key: string): { kind: string; index: number | null } | null {
  const match = COMPONENT.exec(key);
  if (match === null) return null;
  return { kind: match[1] ?? '', index: match[2] === undefined ? null : Number(match[2]) };
}

function metricName(component: string, entry: ComponentField): string {
  return entry.suffix === '' ? component : `${component} ${entry.suffix}`;
}

/**
 * The readings in one component's status object. A second component of a type (`switch:1`,
 * `temperature:100` of an add-on) names itself as its readings' source, so two of one quantity
 * are told apart. A battery reading says whether the device runs on external power
 * (`external.present`: a USB-powered H&T reports 0 %).
 */
export function readComponent(component: string, status: Record<string, unknown>): Reading[] {
  const place = componentOf(component);
  const fields = place === null || !Object.hasOwn(COMPONENTS, place.kind) ? [] : COMPONENTS[place.kind];
  const external = asRecord(status.external)?.present;
  const secondary = place !== null && place.index !== null && place.index !== 0;
  const readings: Reading[] = [];
  const seen = new Set<string>();
  for (const entry of fields ?? []) {
    const metric = metricName(component, entry);
    if (seen.has(metric)) continue;
    const raw = valueAt(status, entry.path);
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : readSwitchWord(raw);
    if (value === null) continue;
    seen.add(metric);
    readings.push({
      metric,
      value,
      unit: entry.unit,
      quantity: entry.quantity,
      ...(entry.diagnostic === true ? { diagnostic: true } : {}),
      ...(entry.label !== undefined ? { label: entry.label } : {}),
      ...(secondary ? { source: component } : {}),
      ...(entry.quantity === 'battery' && typeof external === 'boolean' ? { externalPower: external } : {}),
    });
  }
  return readings;
}

/** The metric a field at `path` of a component's status is read as, or null when none is. */
export function componentMetricOf(component: string, path: readonly PathStep[]): string | null {
  const place = componentOf(component);
  if (place === null || !Object.hasOwn(COMPONENTS, place.kind)) return null;
  const entry = COMPONENTS[place.kind]?.find(
    (candidate) =>
      candidate.path.length === path.length && candidate.path.every((step, i) => step === path[i]),
  );
  return entry === undefined ? null : metricName(component, entry);
}

function valueAt(status: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = status;
  for (const step of path) {
    const record = asRecord(current);
    if (record === null || !Object.hasOwn(record, step)) return undefined;
    current = record[step];
  }
  return current;
}
