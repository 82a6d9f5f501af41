import type { Control, QoS } from '../device';
import { toFiniteNumber } from '../payload';
import type { HaEntity } from './haEntity';
import { payloadWord } from './haShorthand';

/**
 * The control a discovered switch, light or number offers: its `command_topic` with
 * `payload_on`/`payload_off` (switch, default light), `{"state":"ON"}` (JSON light) or the number
 * itself (number, between `min` and `max` by `step`). A `command_template` other than
 * `{{ value }}` is not understood, and then no control is offered, with the reason.
 */
export function haControlOf(
  entity: HaEntity,
  config: Record<string, unknown>,
  commandTopic: string | null,
  problems: string[],
): Control | null {
  if (commandTopic === null || entity.component === 'sensor' || entity.component === 'binary_sensor')
    return null;
  const commandTemplate =
    typeof config.command_template === 'string' ? config.command_template.replace(/\s+/g, '') : null;
  if (commandTemplate !== null && commandTemplate !== '{{value}}') {
    problems.push(`"${entity.label}" cannot be controlled: its command_template is not understood`);
    return null;
  }
  if (
    entity.component === 'light' &&
    config.schema !== undefined &&
    config.schema !== 'json' &&
    config.schema !== 'default'
  ) {
    problems.push(
      `"${entity.label}" cannot be controlled: the "${String(config.schema)}" light schema is not understood`,
    );
    return null;
  }
  const qos = readQos(config.qos);
  const retain = config.retain === true;
  const echoes = entity.stateTopic !== null && config.optimistic !== true;
  const common = { id: entity.metric, label: entity.label, stateMetric: entity.metric, echoes };
  if (entity.component === 'number') {
    const step = toFiniteNumber(config.step) ?? 1;
    return {
      ...common,
      kind: 'number',
      min: toFiniteNumber(config.min) ?? 1,
      max: toFiniteNumber(config.max) ?? 100,
      step: step > 0 ? step : 1,
      unit: entity.unit.length > 0 ? entity.unit : null,
      command: { format: 'plain', topic: commandTopic, retain, qos },
    };
  }
  const on = payloadWord(config.payload_on) ?? 'ON';
  const off = payloadWord(config.payload_off) ?? 'OFF';
  if (entity.component === 'light' && config.schema === 'json') {
    return {
      ...common,
      kind: 'switch',
      command: { format: 'json-state', topic: commandTopic, property: 'state', on: 'ON', off: 'OFF', qos },
    };
  }
  return {
    ...common,
    kind: 'switch',
    command: { format: 'plain', topic: commandTopic, on, off, retain, qos },
  };
}

function readQos(raw: unknown): QoS {
  return raw === 1 || raw === 2 ? raw : 0;
}
