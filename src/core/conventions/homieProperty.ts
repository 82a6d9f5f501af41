import type { Control } from '../device';
import { parseDecimal } from '../payload';
import { type QuantityId, quantityOfName, quantityOfUnit } from '../quantity';
import { stateQuantityOf } from './meanings';
import type { HomieProperty } from './memory';

/** What a Homie property's attributes (`$datatype`, `$unit`, `$settable`) make of it. */

/** Settable booleans that switch something on and off. */
const SWITCHED = /^(power|relay|switch|on|state|output|light)$/i;

/**
 * A property's quantity, by its id and `$unit`: a boolean (or an ON/OFF word) is a state — a
 * switch when it is a settable power or relay, else what its name says (`motion`), else a switch;
 * a number is what its unit says (`°C`), else its name (`humidity`); a settable number (a set
 * point) is commanded in its own unit, so it is shown in it, of no quantity.
 */
export function quantityOfProperty(
  property: string,
  info: HomieProperty,
  wordValued: boolean,
): QuantityId | null {
  if (
    info.datatype === 'boolean' ||
    (wordValued && (info.datatype === undefined || info.datatype === 'enum'))
  ) {
    return info.settable === true && SWITCHED.test(property) ? 'switch' : stateQuantityOf(property);
  }
  if (info.settable === true) return null;
  return (info.unit !== undefined ? quantityOfUnit(info.unit) : null) ?? quantityOfName(property);
}

/**
 * The control a settable property offers: a switch for a boolean (`true`/`false` on
 * `<property>/set`), a number within its `$format` (`min:max[:step]`) for an integer or float.
 */
export function controlOf(id: string, metric: string, info: HomieProperty): Control | null {
  if (info.settable !== true) return null;
  const retained = info.retained !== false;
  const common = {
    id: metric,
    label: info.name || metric,
    stateMetric: metric,
    // A non-retained property is an event: it has no state to echo.
    echoes: retained,
  };
  const topic = `homie/${id}/${metric}/set`;
  // The convention: /set is never retained; QoS 1, or 0 for non-retained properties.
  const qos = retained ? 1 : 0;
  if (info.datatype === 'boolean') {
    return {
      ...common,
      kind: 'switch',
      command: { format: 'plain', topic, on: 'true', off: 'false', retain: false, qos },
    };
  }
  if (info.datatype === 'integer' || info.datatype === 'float') {
    const [min, max, step] = (info.format ?? '').split(':').map((part) => parseDecimal(part.trim()));
    return {
      ...common,
      kind: 'number',
      min: min ?? null,
      max: max ?? null,
      step: step ?? (info.datatype === 'integer' ? 1 : null),
      unit: info.unit || null,
      command: { format: 'plain', topic, retain: false, qos },
    };
  }
  return null;
}
