import type { Interpretation } from '../interpretation';
import type { InboundMessage } from '../message';
import { parseDecimal, readSwitchWord } from '../payload';
import { quantityOf } from '../quantity';
import { controlOf, quantityOfProperty } from './homieProperty';
import type { PathStep } from './jsonPath';
import { payloadText } from './meanings';
import { type ConventionMemory, type HomieProperty, MEMORY_LIMITS } from './memory';

/**
 * Homie 4 (homieiot.github.io): `homie/<device>/$state` says whether a device is there,
 * `homie/<device>/$name` names it, `homie/<device>/<node>/<property>` carries a value, and
 * `<property>/$name|$unit|$datatype|$format|$settable|$retained` describe it. A settable
 * property is commanded on `<property>/set`. Metrics are named `<node>/<property>`, placed in the
 * vocabulary by the property id, `$unit` and `$datatype` (quantityOfProperty).
 */

const CONVENTION = 'homie';
const ROOT = 'homie';

type StateWord = { online: boolean; note?: string };

// A Map so that a `$state` of "constructor" is just an unknown word.
const STATES: ReadonlyMap<string, StateWord> = new Map([
  ['ready', { online: true }],
  ['init', { online: true, note: 'starting up (Homie $state init)' }],
  ['alert', { online: true, note: 'reports a problem that needs attention (Homie $state alert)' }],
  // A sleeping device is expected to be quiet: not an offline alarm.
  ['sleeping', { online: true, note: 'sleeping (Homie $state sleeping)' }],
  ['disconnected', { online: false, note: 'disconnected cleanly (Homie $state disconnected)' }],
  ['lost', { online: false }],
]);

/** The Homie device a topic belongs to, or null when it is not a Homie device topic. */
export function homieDeviceOf(topic: string): string | null {
  const levels = topic.split('/');
  const device = levels[1];
  if (
    levels[0] !== ROOT ||
    levels.length < 3 ||
    device === undefined ||
    device.startsWith('$') ||
    device === '5'
  )
    return null;
  return device;
}

/**
 * The metric the payload of a property topic is read as (`homie/<d>/sensor/temperature` is
 * `sensor/temperature`), or null: how a discovery config names what it describes.
 */
export function homieMetricOf(topic: string, path: readonly PathStep[] | null): string | null {
  const levels = topic.split('/');
  if (homieDeviceOf(topic) === null || levels.length !== 4 || (path !== null && path.length > 0)) return null;
  const [, , node = '', property = ''] = levels;
  return node.startsWith('$') || property.startsWith('$') ? null : `${node}/${property}`;
}

/** Reads a message under `homie/`; null for other topics. */
export function interpretHomie(memory: ConventionMemory, message: InboundMessage): Interpretation | null {
  const levels = message.topic.split('/');
  if (levels[0] !== ROOT) return null;
  if (levels[1] === '5')
    return { kind: 'ignored', reason: 'Homie 5 topics (homie/5/…) are not read yet; Hearth reads Homie 4' };
  const device = homieDeviceOf(message.topic);
  if (device === null) return { kind: 'ignored', reason: 'a Homie broadcast or a topic without a device' };
  const decoded = payloadText(message.payload, device, CONVENTION);
  if ('problem' in decoded) return decoded.problem;
  const { text } = decoded;
  const rest = levels.slice(2);

  if (rest.length === 1 && rest[0] === '$state') {
    const state = STATES.get(text.toLowerCase());
    if (state === undefined)
      return {
        kind: 'invalid',
        device,
        reason: `unknown Homie $state "${text.slice(0, 20)}"`,
        convention: CONVENTION,
      };
    return {
      kind: 'availability',
      device,
      online: state.online,
      convention: CONVENTION,
      ...(state.note ? { note: state.note } : {}),
    };
  }
  if (rest.length === 1 && rest[0] === '$name') {
    return text.length === 0
      ? { kind: 'ignored', reason: 'an empty Homie $name', device, convention: CONVENTION }
      : { kind: 'describe', device, convention: CONVENTION, description: { name: text } };
  }
  if (rest[0]?.startsWith('$'))
    return { kind: 'ignored', reason: 'a Homie device attribute', device, convention: CONVENTION };
  if (rest.length === 2 && rest[1]?.startsWith('$'))
    return { kind: 'ignored', reason: 'a Homie node attribute', device, convention: CONVENTION };
  if (rest.length === 3 && rest[2]?.startsWith('$'))
    return describeProperty(memory, device, levels, rest[2], text);
  if (rest.length === 3 && rest[2] === 'set')
    return { kind: 'ignored', reason: 'a command to a Homie property' };
  if (rest.length !== 2)
    return { kind: 'ignored', reason: 'not a Homie property topic', device, convention: CONVENTION };
  return readProperty(memory, device, levels, text);
}

function readProperty(
  memory: ConventionMemory,
  device: string,
  levels: string[],
  text: string,
): Interpretation {
  const [, id, node, property] = levels;
  const metric = `${node}/${property}`;
  const info = memory.homie.get(`${id}/${metric}`) ?? {};
  const datatype = info.datatype;
  // Values are text; a publisher that quotes them ("19.8734") still means the number.
  const bare = text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
  let value: number | null = null;
  if (datatype === 'boolean') value = readSwitchWord(bare);
  else if (datatype === 'integer' || datatype === 'float') value = parseDecimal(bare);
  else if (datatype === 'enum') value = readSwitchWord(bare);
  else if (datatype === undefined) value = parseDecimal(bare) ?? readSwitchWord(bare);
  if (value === null) {
    return datatype === undefined || datatype === 'integer' || datatype === 'float' || datatype === 'boolean'
      ? {
          kind: 'invalid',
          device,
          reason: `${metric}: "${text.slice(0, 40)}" is not a ${datatype ?? 'number'}`,
          convention: CONVENTION,
        }
      : {
          kind: 'ignored',
          reason: `${metric} is a ${datatype} property; Hearth charts numbers`,
          device,
          convention: CONVENTION,
        };
  }
  const quantity = quantityOfProperty(property ?? '', info, parseDecimal(bare) === null);
  const unit = quantity !== null && quantityOf(quantity)?.kind === 'state' ? '' : (info.unit ?? null);
  return {
    kind: 'readings',
    device,
    readings: [{ metric, value, unit, quantity, ...(info.name ? { label: info.name } : {}) }],
    sampleAt: null,
    convention: CONVENTION,
  };
}

function describeProperty(
  memory: ConventionMemory,
  device: string,
  levels: string[],
  attribute: string,
  text: string,
): Interpretation {
  const [, id, node, property] = levels;
  const metric = `${node}/${property}`;
  const key = `${id}/${metric}`;
  const known = memory.homie.get(key);
  if (known === undefined && memory.homie.size >= MEMORY_LIMITS.homieProperties) {
    return {
      kind: 'ignored',
      reason: `more than ${MEMORY_LIMITS.homieProperties} Homie properties: ${metric} is not described`,
      device,
      convention: CONVENTION,
    };
  }
  const info: HomieProperty = { ...known };
  switch (attribute) {
    case '$name':
      info.name = text;
      break;
    case '$unit':
      info.unit = text;
      break;
    case '$datatype':
      info.datatype = text.toLowerCase();
      break;
    case '$format':
      info.format = text;
      break;
    case '$settable':
      info.settable = text.toLowerCase() === 'true';
      break;
    case '$retained':
      info.retained = text.toLowerCase() !== 'false';
      break;
    default:
      return {
        kind: 'ignored',
        reason: `the Homie property attribute ${attribute}`,
        device,
        convention: CONVENTION,
      };
  }
  memory.homie.set(key, info);
  const control = controlOf(id ?? '', metric, info);
  const numeric = info.datatype === 'integer' || info.datatype === 'float';
  const quantity =
    info.datatype === undefined ? undefined : quantityOfProperty(property ?? '', info, !numeric);
  return {
    kind: 'describe',
    device,
    convention: CONVENTION,
    description: {
      metrics: [
        {
          metric,
          ...(info.name ? { label: info.name } : {}),
          ...(info.unit !== undefined ? { unit: info.unit } : {}),
          ...(quantity !== undefined ? { quantity } : {}),
        },
      ],
      ...(control !== null ? { controls: [control] } : {}),
    },
  };
}
