/**
 * MQTT topic and topic-filter rules (MQTT 3.1.1 section 4.7), plus the rule that turns a topic
 * into a device and a metric.
 */

export type FilterCheck = { ok: true } | { ok: false; reason: string };

const TOPIC_MAX_BYTES = 65535;

/** Checks a subscription filter: `+` fills a whole level, `#` is the whole last level. */
export function checkFilter(filter: string): FilterCheck {
  if (filter.length === 0) return { ok: false, reason: 'a filter cannot be empty' };
  if (filter.length > TOPIC_MAX_BYTES) return { ok: false, reason: 'a filter is at most 65535 bytes' };
  if (filter.includes('\u0000')) return { ok: false, reason: 'a filter cannot contain a NUL character' };
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? '';
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return { ok: false, reason: `"#" must be the whole last level in "${filter}"` };
    }
    if (level.includes('+') && level !== '+') {
      return { ok: false, reason: `"+" must fill a whole level in "${filter}"` };
    }
  }
  return { ok: true };
}

/** Checks a topic to publish to: no wildcards, not empty. */
export function checkPublishTopic(topic: string): FilterCheck {
  if (topic.length === 0) return { ok: false, reason: 'the topic cannot be empty' };
  if (topic.includes('+') || topic.includes('#')) {
    return { ok: false, reason: 'wildcards (+ and #) are only for subscribing, not for publishing' };
  }
  if (topic.includes('\u0000')) return { ok: false, reason: 'a topic cannot contain a NUL character' };
  return { ok: true };
}

/**
 * Whether `topic` matches `filter`. Empty levels are real levels (`a//b`). Topics that begin
 * with `$` are not matched by a filter that begins with a wildcard (MQTT 4.7.2).
 */
export function matchesFilter(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return true; // also matches the parent level itself: `a/#` matches `a`
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}

/** Whether every topic that `narrow` matches is also matched by `wide`. */
export function filterCovers(wide: string, narrow: string): boolean {
  const w = wide.split('/');
  const n = narrow.split('/');
  for (let i = 0; i < w.length; i++) {
    const level = w[i];
    if (level === '#') return !(i === 0 && (n[0] ?? '').startsWith('$'));
    if (i >= n.length) return false;
    const other = n[i];
    if (other === '#') return false;
    if (level === '+') {
      if (i === 0 && (other ?? '').startsWith('$')) return false;
      continue;
    }
    if (level !== other) return false;
  }
  return w.length === n.length;
}

/**
 * Drops empty entries, duplicates and filters already covered by a wider one in the list, so
 * the broker does not deliver one message twice through overlapping subscriptions.
 */
export function normalizeFilters(filters: readonly string[]): string[] {
  const unique = [...new Set(filters.map((f) => f.trim()).filter((f) => f.length > 0))];
  return unique.filter((f, i) => !unique.some((other, j) => j !== i && filterCovers(other, f)));
}

/** Last levels that carry a device's availability rather than a reading. */
const AVAILABILITY_LEVELS = new Set(['status', 'availability', 'lwt', 'state', 'online']);

export type TopicPlace =
  | { kind: 'metric'; device: string; metric: string }
  | { kind: 'availability'; device: string }
  | { kind: 'none'; reason: string };

/**
 * Where a topic sits in the device model. The device is the level before the metric, whatever
 * the prefix: `house/kitchen/temperature` and `site/b1/kitchen/temperature` both give device
 * `kitchen`, metric `temperature`. A last level of status, availability, LWT, state or online
 * (any case) carries availability. A topic with one level names no device.
 */
export function placeTopic(topic: string): TopicPlace {
  const levels = topic.split('/');
  if (levels.length < 2) return { kind: 'none', reason: 'a topic needs at least two levels (device/metric)' };
  const metric = levels[levels.length - 1] ?? '';
  const device = levels[levels.length - 2] ?? '';
  if (device.length === 0) return { kind: 'none', reason: 'the device level is empty' };
  if (AVAILABILITY_LEVELS.has(metric.toLowerCase())) return { kind: 'availability', device };
  if (metric.length === 0) return { kind: 'none', reason: 'the metric level is empty' };
  return { kind: 'metric', device, metric };
}

/**
 * The device for a JSON object payload, which names its metrics itself: on a two-level topic
 * (`house/kitchen`) it is the last level, deeper (`house/kitchen/sensors`) the one before it.
 */
export function deviceOfObjectTopic(topic: string): string | null {
  const levels = topic.split('/');
  if (levels.length < 2) return null;
  const device = levels.length === 2 ? levels[1] : levels[levels.length - 2];
  return device !== undefined && device.length > 0 ? device : null;
}
