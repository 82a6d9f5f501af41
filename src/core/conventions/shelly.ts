import type { Control } from '../device';
import type { Interpretation, Reading } from '../interpretation';
import type { InboundMessage } from '../message';
import { asRecord, parseJsonText, readAvailability } from '../payload';
import type { PathStep } from './jsonPath';
import { payloadText, readingsWithControls } from './meanings';
import { type ConventionMemory, firstAnnouncement, MEMORY_LIMITS } from './memory';
import { componentMetricOf, componentOf, readComponent } from './shellyComponents';

/**
 * Shelly Gen2+ over MQTT: `<prefix>/online` true/false, `<prefix>/status/<component>:<n>` with
 * the component's status object (`switch:0` → `output`, `apower`…; `temperature:0` → `tC`), the
 * same objects inside NotifyStatus frames on `<prefix>/events/rpc`, and commands as JSON-RPC on
 * `<prefix>/rpc`. The prefix defaults to the device id (`shellyplus1pm-a8032ab12345`).
 * Metrics keep the component's name: `switch:0`, `switch:0 power`, `temperature:0`; each field's
 * quantity and unit come from its component type (shellyComponents.ts).
 */

const CONVENTION = 'shelly';
const KNOWN_COMPONENTS: ReadonlySet<string> = new Set([
  'switch',
  'cover',
  'light',
  'input',
  'temperature',
  'humidity',
  'devicepower',
  'pm1',
  'em',
  'em1',
  'illuminance',
  'voltmeter',
  'smoke',
  'sys',
  'wifi',
  'cloud',
  'mqtt',
  'ble',
  'eth',
  'ws',
  'script',
]);

type Place =
  | { kind: 'status'; prefix: string; component: string }
  | { kind: 'online'; prefix: string }
  | { kind: 'events'; prefix: string }
  | { kind: 'rpc' };

function placeOf(topic: string, memory: ConventionMemory | null): Place | null {
  const levels = topic.split('/');
  const last = levels.at(-1) ?? '';
  if (levels.length >= 3 && levels.at(-2) === 'status') {
    const kind = componentOf(last)?.kind;
    const prefix = levels.slice(0, -2).join('/');
    return kind !== undefined && KNOWN_COMPONENTS.has(kind) && prefix.length > 0
      ? { kind: 'status', prefix, component: last }
      : null;
  }
  if (levels.length >= 3 && levels.at(-2) === 'events' && last === 'rpc')
    return { kind: 'events', prefix: levels.slice(0, -2).join('/') };
  // `<prefix>/rpc` carries requests (ours included) and `<src>/rpc` the replies to them.
  if (levels.length >= 2 && last === 'rpc') return { kind: 'rpc' };
  if (levels.length >= 2 && last === 'online') {
    const prefix = levels.slice(0, -1).join('/');
    const known = memory?.shellyPrefixes.has(prefix) ?? false;
    return known || (levels.at(-2) ?? '').toLowerCase().startsWith('shelly')
      ? { kind: 'online', prefix }
      : null;
  }
  return null;
}

/** The Shelly device of a topic (its topic prefix, `shellyplus1pm-<mac>`), or null. */
export function shellyDeviceOf(topic: string): string | null {
  const place = placeOf(topic, null);
  return place === null || place.kind === 'rpc' ? null : place.prefix;
}

/**
 * The metric a value at `path` in the status on `topic` is read as (`["apower"]` in
 * `<id>/status/switch:0` is `switch:0 power`), or null when none is: how a discovery config names
 * what it describes.
 */
export function shellyMetricOf(topic: string, path: readonly PathStep[] | null): string | null {
  const place = placeOf(topic, null);
  if (place?.kind !== 'status' || path === null) return null;
  return componentMetricOf(place.component, path);
}

/** Reads a Shelly Gen2 topic; null for other topics. */
export function interpretShelly(memory: ConventionMemory, message: InboundMessage): Interpretation | null {
  const place = placeOf(message.topic, memory);
  if (place === null) return null;
  if (place.kind === 'rpc') return { kind: 'ignored', reason: 'a Shelly RPC request or reply' };
  const device = place.prefix;
  if (place.kind !== 'online' && memory.shellyPrefixes.size < MEMORY_LIMITS.shellyPrefixes)
    memory.shellyPrefixes.add(place.prefix);
  const decoded = payloadText(message.payload, device, CONVENTION);
  if ('problem' in decoded) return decoded.problem;
  const { text } = decoded;

  if (place.kind === 'online') {
    const online = readAvailability({ kind: 'text', text });
    return online === null
      ? {
          kind: 'invalid',
          device,
          reason: `expected true or false, got "${text.slice(0, 20)}"`,
          convention: CONVENTION,
        }
      : { kind: 'availability', device, online, convention: CONVENTION };
  }
  const json = parseJsonText(text);
  const record = json.kind === 'json' ? asRecord(json.value) : null;
  if (record === null) {
    return {
      kind: 'invalid',
      device,
      reason: json.kind === 'invalid' ? json.reason : 'expected a JSON object',
      convention: CONVENTION,
    };
  }
  const components: Array<[string, Record<string, unknown>]> = [];
  if (place.kind === 'status') components.push([place.component, record]);
  else if (record.method === 'NotifyStatus' || record.method === 'NotifyFullStatus') {
    for (const [key, value] of Object.entries(asRecord(record.params) ?? {})) {
      const status = asRecord(value);
      if (status !== null && componentOf(key) !== null) components.push([key, status]);
    }
  } else {
    return {
      kind: 'ignored',
      reason: `Shelly ${String(record.method ?? 'event')} is not shown`,
      device,
      convention: CONVENTION,
    };
  }
  const readings: Reading[] = [];
  const controls: Control[] = [];
  for (const [component, status] of components) {
    readings.push(...readComponent(component, status));
    if (
      component.startsWith('switch:') &&
      typeof status.output === 'boolean' &&
      firstAnnouncement(memory, CONVENTION, device, `control:${component}`)
    ) {
      controls.push({
        kind: 'switch',
        id: component,
        label: `Switch ${component.slice('switch:'.length)}`,
        stateMetric: component,
        echoes: true,
        command: {
          format: 'shelly-rpc',
          topic: `${place.prefix}/rpc`,
          id: Number(component.slice('switch:'.length)),
        },
      });
    }
  }
  if (readings.length === 0)
    return {
      kind: 'ignored',
      reason: `Shelly ${components.map(([c]) => c).join(', ') || 'status'} has nothing to chart`,
      device,
      convention: CONVENTION,
    };
  return readingsWithControls(device, readings, controls, CONVENTION);
}
