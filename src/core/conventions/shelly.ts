import type { Control } from '../device';
import type { Interpretation, Reading } from '../interpretation';
import type { InboundMessage } from '../message';
import { asRecord, parseJsonText, readAvailability, readSwitchWord } from '../payload';
import { payloadText, readingsWithControls } from './meanings';
import { type ConventionMemory, firstAnnouncement, MEMORY_LIMITS } from './memory';

/**
 * Shelly Gen2+ over MQTT: `<prefix>/online` true/false, `<prefix>/status/<component>:<n>` with
 * the component's status object (`switch:0` → `output`, `apower`…; `temperature:0` → `tC`), the
 * same objects inside NotifyStatus frames on `<prefix>/events/rpc`, and commands as JSON-RPC on
 * `<prefix>/rpc`. The prefix defaults to the device id (`shellyplus1pm-a8032ab12345`).
 * Metrics keep the component's name: `switch:0`, `switch:0 power`, `temperature:0`.
 */

const CONVENTION = 'shelly';
const COMPONENT = /^([a-z][a-z0-9]*)(?::(\d+))?$/;
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
    const kind = COMPONENT.exec(last)?.[1];
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
      if (status !== null && COMPONENT.test(key)) components.push([key, status]);
    }
  } else {
    return { kind: 'ignored', reason: `Shelly ${String(record.method ?? 'event')} is not shown`, device };
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
    };
  return readingsWithControls(device, readings, controls, CONVENTION);
}

/** The readings in one component's status object. */
function readComponent(component: string, status: Record<string, unknown>): Reading[] {
  const kind = COMPONENT.exec(component)?.[1] ?? '';
  const readings: Reading[] = [];
  const add = (suffix: string, raw: unknown, unit: string) => {
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : readSwitchWord(raw);
    if (value === null) return;
    const metric = suffix === '' ? component : `${component} ${suffix}`;
    readings.push({ metric, value, unit, label: metric });
  };
  const energy = asRecord(status.aenergy);
  const temperature = asRecord(status.temperature);
  switch (kind) {
    case 'switch':
    case 'light':
      add('', status.output, '');
      if (kind === 'light') add('brightness', status.brightness, '%');
      add('power', status.apower, 'W');
      add('voltage', status.voltage, 'V');
      add('current', status.current, 'A');
      add('energy', energy?.total, 'Wh');
      add('temperature', temperature?.tC, '°C');
      break;
    case 'cover':
      add('position', status.current_pos, '%');
      add('power', status.apower, 'W');
      break;
    case 'input':
      add('', status.state, '');
      break;
    case 'temperature':
      add('', status.tC, '°C');
      break;
    case 'humidity':
      add('', status.rh, '%');
      break;
    case 'illuminance':
      add('', status.lux, 'lx');
      break;
    case 'voltmeter':
      add('', status.voltage, 'V');
      break;
    case 'devicepower':
      add('battery', asRecord(status.battery)?.percent, '%');
      break;
    case 'pm1':
      add('power', status.apower, 'W');
      add('voltage', status.voltage, 'V');
      add('current', status.current, 'A');
      add('energy', energy?.total, 'Wh');
      break;
    case 'em1':
      add('power', status.act_power, 'W');
      add('voltage', status.voltage, 'V');
      add('current', status.current, 'A');
      break;
    case 'em':
      add('power', status.total_act_power, 'W');
      add('current', status.total_current, 'A');
      break;
  }
  return readings;
}
