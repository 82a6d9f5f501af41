import { asRecord } from '../payload';

/**
 * Home Assistant discovery's shorthand: configs may abbreviate keys (`stat_t` for `state_topic`,
 * `dev`/`ids` for `device`/`identifiers`) and write `~` for a base topic. Both are undone before a
 * config is read. Only the keys Hearth reads are listed.
 */

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  avty: 'availability',
  avty_mode: 'availability_mode',
  avty_t: 'availability_topic',
  avty_tpl: 'availability_template',
  cmd_t: 'command_topic',
  cmd_tpl: 'command_template',
  cmps: 'components',
  dev: 'device',
  dev_cla: 'device_class',
  ent_cat: 'entity_category',
  obj_id: 'object_id',
  opt: 'optimistic',
  ops: 'options',
  p: 'platform',
  pl_avail: 'payload_available',
  pl_not_avail: 'payload_not_available',
  pl_off: 'payload_off',
  pl_on: 'payload_on',
  ret: 'retain',
  sa: 'suggested_area',
  stat_off: 'state_off',
  stat_on: 'state_on',
  stat_t: 'state_topic',
  stat_val_tpl: 'state_value_template',
  sug_dsp_prc: 'suggested_display_precision',
  t: 'topic',
  uniq_id: 'unique_id',
  unit_of_meas: 'unit_of_measurement',
  val_tpl: 'value_template',
  ids: 'identifiers',
  cns: 'connections',
};

/** A config object with its abbreviated keys spelled out (the full key wins when both appear). */
export function expandConfig(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const full = Object.hasOwn(ABBREVIATIONS, key) ? (ABBREVIATIONS[key] ?? key) : key;
    if (!Object.hasOwn(out, full) || full === key)
      out[full] = full === 'device' ? expandDevice(value) : value;
  }
  return out;
}

function expandDevice(value: unknown): unknown {
  const record = asRecord(value);
  return record === null ? value : expandConfig(record);
}

/** HA expands `~` at the start or end of a topic to the config's base topic. */
export function withBaseTopic(topic: string | null, base: string | null): string | null {
  if (topic === null || topic.length === 0) return null;
  if (base === null) return topic;
  if (topic.startsWith('~')) return base + topic.slice(1);
  if (topic.endsWith('~')) return topic.slice(0, -1) + base;
  return topic;
}

/**
 * A payload word of a config (`payload_on`, `state_off`): configs may give them as JSON booleans
 * or numbers (`"payload_on": false` for a Zigbee2MQTT contact), which mean their text; null when
 * absent.
 */
export function payloadWord(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'boolean' || (typeof raw === 'number' && Number.isFinite(raw))) return String(raw);
  return null;
}
