import { asRecord, toFiniteNumber } from '../payload';
import { readAvailability } from './haAvailability';
import { haControlOf } from './haControl';
import type { HaComponent, HaEntity } from './haEntity';
import { expandConfig, payloadWord, withBaseTopic } from './haShorthand';
import { haQuantityOf } from './haVocabulary';
import { readPlaceName } from './placeName';
import { compileTemplate } from './valueTemplate';

/**
 * Home Assistant MQTT discovery configs, read into entities: which topic carries the state, how to
 * read a value out of it, its unit, availability and command. Configs may use HA's abbreviations
 * (`stat_t`, `unit_of_meas`, `dev`/`ids`) and the `~` base topic; both are expanded first.
 */

const COMPONENTS: ReadonlySet<string> = new Set(['sensor', 'binary_sensor', 'switch', 'light', 'number']);

export interface DiscoveryPlace {
  configTopic: string;
  /** The component in the topic, or 'device' for device-based discovery. */
  component: string;
  nodeId: string | null;
  objectId: string;
}

export type HaParse = { ok: true; entities: HaEntity[]; skipped: string[] } | { ok: false; reason: string };

/** `<prefix>/<component>/[<node_id>/]<object_id>/config`, or null for any other topic. */
export function placeDiscoveryTopic(topic: string, prefix = 'homeassistant'): DiscoveryPlace | null {
  const levels = topic.split('/');
  if (levels[0] !== prefix || levels.at(-1) !== 'config') return null;
  if (levels.length !== 4 && levels.length !== 5) return null;
  const component = levels[1] ?? '';
  const nodeId = levels.length === 5 ? (levels[2] ?? null) : null;
  const objectId = levels[levels.length - 2] ?? '';
  if (!/^[a-z_]+$/.test(component) || objectId.length === 0) return null;
  return { configTopic: topic, component, nodeId, objectId };
}

/** Reads one discovery payload into the entities Hearth shows, and says which it skipped. */
export function parseDiscovery(place: DiscoveryPlace, raw: unknown): HaParse {
  const config = asRecord(raw);
  if (config === null) return { ok: false, reason: 'a discovery config must be a JSON object' };
  const root = expandConfig(config);
  const base = typeof root['~'] === 'string' ? root['~'] : null;
  const deviceInfo = asRecord(root.device);
  if (place.component !== 'device') {
    const entity = readEntity(
      place.configTopic,
      place.component,
      place.objectId,
      root,
      deviceInfo,
      place,
      base,
    );
    return typeof entity === 'string'
      ? { ok: true, entities: [], skipped: [entity] }
      : { ok: true, entities: [entity], skipped: [] };
  }
  // Device-based discovery: one config, many components, each with its platform in `p`.
  const components = asRecord(root.components);
  if (deviceInfo === null || components === null) {
    return { ok: false, reason: 'a device discovery config needs "device" and "components"' };
  }
  const entities: HaEntity[] = [];
  const skipped: string[] = [];
  for (const [id, value] of Object.entries(components)) {
    const component = asRecord(value);
    if (component === null) continue;
    const expanded = { ...root, ...expandConfig(component) };
    const platform = typeof expanded.platform === 'string' ? expanded.platform : '';
    const entity = readEntity(`${place.configTopic}#${id}`, platform, id, expanded, deviceInfo, place, base);
    if (typeof entity === 'string') skipped.push(entity);
    else entities.push(entity);
  }
  return { ok: true, entities, skipped };
}

function readEntity(
  key: string,
  component: string,
  objectId: string,
  config: Record<string, unknown>,
  deviceInfo: Record<string, unknown> | null,
  place: DiscoveryPlace,
  base: string | null,
): HaEntity | string {
  if (!COMPONENTS.has(component)) {
    return `Home Assistant "${component}" entities are not shown (Hearth shows sensor, binary_sensor, switch, light and number)`;
  }
  const kind = component as HaComponent;
  const text = (name: string): string | null =>
    typeof config[name] === 'string' ? (config[name] as string) : null;
  const topic = (name: string): string | null => withBaseTopic(text(name), base);
  const deviceId = deviceIdOf(deviceInfo, place, text('unique_id'));
  const announcedDeviceName =
    typeof deviceInfo?.name === 'string' && deviceInfo.name.length > 0 ? deviceInfo.name : null;
  const deviceName = announcedDeviceName ?? place.nodeId ?? deviceId;
  const label = config.name === null ? deviceName : (text('name') ?? objectId);
  if (
    kind === 'sensor' &&
    (['timestamp', 'date', 'enum'].includes(text('device_class') ?? '') || Array.isArray(config.options))
  ) {
    return `"${label}" is a text sensor (${text('device_class') ?? 'options'}); Hearth charts numbers`;
  }
  const stateTopic = topic('state_topic');
  if (stateTopic === null && kind !== 'switch' && kind !== 'light') return `"${label}" has no state_topic`;

  const problems: string[] = [];
  const templateText =
    config.schema === 'json' && kind === 'light'
      ? '{{ value_json.state }}'
      : kind === 'light'
        ? text('state_value_template')
        : text('value_template');
  const compiled = templateText === null ? null : compileTemplate(templateText);
  if (compiled?.ok === false) problems.push(`"${label}": ${compiled.reason}`);
  const payloadOn = payloadWord(config.payload_on) ?? (kind === 'number' || kind === 'sensor' ? '' : 'ON');
  const payloadOff = payloadWord(config.payload_off) ?? (kind === 'number' || kind === 'sensor' ? '' : 'OFF');
  const on = kind === 'switch' ? (payloadWord(config.state_on) ?? payloadOn) : payloadOn;
  const off = kind === 'switch' ? (payloadWord(config.state_off) ?? payloadOff) : payloadOff;
  const unit = kind === 'sensor' || kind === 'number' ? (text('unit_of_measurement') ?? '') : '';
  const precision = toFiniteNumber(config.suggested_display_precision);

  const entity: HaEntity = {
    key,
    component: kind,
    device: deviceId,
    deviceName,
    announcedDeviceName,
    area: readPlaceName(deviceInfo?.suggested_area),
    metric: objectId,
    label,
    cardLabel: config.name === null || typeof config.name === 'string' ? label : null,
    unit,
    quantity: haQuantityOf(kind, text('device_class'), objectId),
    precision: precision !== null && precision >= 0 ? precision : null,
    diagnostic: config.entity_category === 'diagnostic',
    shownOn: { convention: 'homeassistant', device: deviceId },
    nativeMetric: null,
    stateTopic,
    template: compiled?.ok ? compiled.template : null,
    on,
    off,
    availability: readAvailability(config, base, problems),
    control: null,
    valueProblem: compiled?.ok === false ? compiled.reason : null,
    problem: null,
  };
  entity.control = haControlOf(entity, config, topic('command_topic'), problems);
  entity.problem = problems.length > 0 ? problems.join('; ') : null;
  return entity;
}

function deviceIdOf(
  device: Record<string, unknown> | null,
  place: DiscoveryPlace,
  uniqueId: string | null,
): string {
  const ids = device?.identifiers;
  const first = Array.isArray(ids) ? ids[0] : ids;
  if (typeof first === 'string' && first.length > 0) return first;
  const connection = Array.isArray(device?.connections) ? device.connections[0] : undefined;
  if (Array.isArray(connection) && connection.length === 2)
    return `${String(connection[0])}_${String(connection[1])}`;
  return place.nodeId ?? uniqueId ?? place.objectId;
}
