import { readPlaceName } from './conventions/placeName';
import { CONVENTION_IDS, type ConventionId, type DevicePlace, type DeviceStatus, deviceKey } from './device';
import type {
  ApiDevice,
  ApiDevicesResponse,
  ApiEvent,
  ApiEventKind,
  ApiEventsResponse,
  ApiReading,
} from './historyApi';
import { isQuantityId, type QuantityId } from './quantity';

/**
 * What the dashboard makes of an answer of the Hearth server: the typed answer with a count of
 * the entries it had to leave out, or why the whole answer is unusable. Never thrown.
 */
export type ApiParse<T> = { ok: true; value: T; dropped: number } | { ok: false; reason: string };

/**
 * Text longer than this is not a name or an id but an attack or a bug: a topic level (and so a
 * native id or a name) fits in a 64 KiB payload, nothing longer is ever shown.
 */
export const API_TEXT_MAX_CHARS = 65_536;
/** Units are a few characters ("°C", "kWh"); longer is not a unit. */
export const API_UNIT_MAX_CHARS = 64;
/** As many devices as the fleet holds (`DEFAULT_FOLD_LIMITS.maxDevices`); past that, dropped. */
export const API_DEVICES_MAX = 20_000;
/** Readings per device taken from an answer; a device holds 64 metrics at most anyway. */
export const API_READINGS_MAX = 256;
/** Events per answer (the server answers 1,000 at most). */
export const API_EVENTS_MAX = 10_000;

const CONVENTIONS = CONVENTION_IDS;
const STATUSES: ReadonlySet<string> = new Set<DeviceStatus>(['online', 'offline', 'stale', 'unknown']);
const EVENT_KINDS: ReadonlySet<string> = new Set<ApiEventKind>([
  'online',
  'offline',
  'switch',
  'alert',
  'alert-cleared',
  'control-sent',
  'control-confirmed',
  'recorder-outage',
]);

type Json = Record<string, unknown>;

/**
 * Checks a `GET /api/devices` answer field by field. A device or reading with a missing or
 * mistyped required field (ids, convention, value, unit, times) is dropped and counted; optional
 * fields of the wrong type read as absent. A device's key is rebuilt from its convention and
 * native id, never taken on trust; a second device with the same key is dropped. Past
 * `API_DEVICES_MAX` devices the rest are dropped. `broker` is kept only when it is a WebSocket URL.
 */
export function parseDevicesResponse(json: unknown): ApiParse<ApiDevicesResponse> {
  try {
    if (!isObject(json)) return { ok: false, reason: 'the answer is not a JSON object' };
    const now = field(json, 'now');
    const list = field(json, 'devices');
    if (!isTime(now)) return { ok: false, reason: 'the answer has no valid "now"' };
    if (!Array.isArray(list)) return { ok: false, reason: 'the answer has no "devices" list' };
    let dropped = 0;
    const devices: ApiDevice[] = [];
    const keys = new Set<string>();
    for (const entry of list) {
      const device = devices.length < API_DEVICES_MAX ? parseDevice(entry) : null;
      if (device === null || keys.has(device.device.key)) {
        dropped++;
        continue;
      }
      keys.add(device.device.key);
      devices.push(device.device);
      dropped += device.dropped;
    }
    return { ok: true, value: { now, broker: webSocketUrl(field(json, 'broker')), devices }, dropped };
  } catch {
    return { ok: false, reason: 'the answer could not be read' };
  }
}

/**
 * Checks a `GET /api/events` answer: events with a bad time or an unknown kind are dropped and
 * counted; text fields of the wrong type read as null (the text as empty). Past `API_EVENTS_MAX`
 * the rest are dropped.
 */
export function parseEventsResponse(json: unknown): ApiParse<ApiEventsResponse> {
  try {
    if (!isObject(json)) return { ok: false, reason: 'the answer is not a JSON object' };
    const list = field(json, 'events');
    if (!Array.isArray(list)) return { ok: false, reason: 'the answer has no "events" list' };
    const from = field(json, 'from');
    const to = field(json, 'to');
    let dropped = 0;
    const events: ApiEvent[] = [];
    for (const entry of list) {
      const event = events.length < API_EVENTS_MAX ? parseEvent(entry) : null;
      if (event === null) dropped++;
      else events.push(event);
    }
    return {
      ok: true,
      value: {
        from: isTime(from) ? from : 0,
        to: isTime(to) ? to : 0,
        events,
        truncated: field(json, 'truncated') === true,
      },
      dropped,
    };
  } catch {
    return { ok: false, reason: 'the answer could not be read' };
  }
}

/** Topics a device spoke on: at most 16 texts of MQTT's length, anything else left out. */
function parseTopics(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((topic): topic is string => isText(topic) && topic !== '' && topic.length <= 65_535)
    .slice(-16);
}

function parseDevice(entry: unknown): { device: ApiDevice; dropped: number } | null {
  if (!isObject(entry)) return null;
  const id = field(entry, 'id');
  const convention = field(entry, 'convention');
  const list = field(entry, 'readings');
  if (!isText(id) || id === '' || !isText(convention) || !CONVENTIONS.has(convention)) return null;
  const status = field(entry, 'status');
  const availability = field(entry, 'availability');
  const lastSeenAt = field(entry, 'lastSeenAt');
  let dropped = 0;
  const readings: ApiReading[] = [];
  const metrics = new Set<string>();
  if (Array.isArray(list)) {
    for (const item of list) {
      const reading = readings.length < API_READINGS_MAX ? parseReading(item) : null;
      if (reading === null || metrics.has(reading.metric)) {
        dropped++;
        continue;
      }
      metrics.add(reading.metric);
      readings.push(reading);
    }
  } else if (list !== undefined) {
    dropped++;
  }
  const conventionId = convention as ConventionId;
  return {
    device: {
      key: deviceKey(conventionId, id),
      id,
      convention: conventionId,
      name: optionalText(field(entry, 'name')),
      status: isText(status) && STATUSES.has(status) ? (status as DeviceStatus) : 'unknown',
      availability: typeof availability === 'boolean' ? availability : null,
      lastSeenAt: isTime(lastSeenAt) ? lastSeenAt : 0,
      topics: parseTopics(field(entry, 'topics')),
      readings,
      ...placeOf(field(entry, 'place')),
    },
    dropped,
  };
}

/**
 * Where a device says it is, checked as a convention checks an announcement (a name a room could
 * have, a known source); anything else reads as no place at all, the device still shown.
 */
function placeOf(value: unknown): { place?: DevicePlace } {
  if (!isObject(value)) return {};
  const room = readPlaceName(field(value, 'room'));
  const source = field(value, 'source');
  if (room === null || (source !== 'announced' && source !== 'topic')) return {};
  const floor = readPlaceName(field(value, 'floor'));
  return { place: { room, ...(floor !== null ? { floor } : {}), source } };
}

function parseReading(entry: unknown): ApiReading | null {
  if (!isObject(entry)) return null;
  const metric = field(entry, 'metric');
  const handle = field(entry, 'handle');
  const value = field(entry, 'value');
  const unit = field(entry, 'unit');
  const at = field(entry, 'at');
  const receivedAt = field(entry, 'receivedAt');
  if (!isText(metric) || metric === '' || !isText(handle) || handle === '') return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (typeof unit !== 'string' || unit.length > API_UNIT_MAX_CHARS) return null;
  if (!isTime(at) || !isTime(receivedAt)) return null;
  const quantity = field(entry, 'quantity');
  const sourceUnit = field(entry, 'sourceUnit');
  const precision = field(entry, 'precision');
  const externalPower = field(entry, 'externalPower');
  return {
    metric,
    handle,
    label: optionalText(field(entry, 'label')),
    quantity: typeof quantity === 'string' && isQuantityId(quantity) ? (quantity as QuantityId) : null,
    value,
    unit,
    sourceUnit: typeof sourceUnit === 'string' && sourceUnit.length <= API_UNIT_MAX_CHARS ? sourceUnit : null,
    precision:
      typeof precision === 'number' && Number.isInteger(precision) && precision >= 0 && precision <= 10
        ? precision
        : null,
    diagnostic: field(entry, 'diagnostic') === true,
    source: optionalText(field(entry, 'source')),
    ...(typeof externalPower === 'boolean' ? { externalPower } : {}),
    at,
    receivedAt,
    topic:
      isText(field(entry, 'topic')) && (field(entry, 'topic') as string).length <= 65_535
        ? (field(entry, 'topic') as string)
        : null,
  };
}

function parseEvent(entry: unknown): ApiEvent | null {
  if (!isObject(entry)) return null;
  const at = field(entry, 'at');
  const kind = field(entry, 'kind');
  if (!isTime(at) || !isText(kind) || !EVENT_KINDS.has(kind)) return null;
  const value = field(entry, 'value');
  const until = field(entry, 'until');
  const text = field(entry, 'text');
  return {
    at,
    kind: kind as ApiEventKind,
    device: deviceKeyText(field(entry, 'device')),
    name: optionalText(field(entry, 'name')),
    metric: optionalText(field(entry, 'metric')),
    value: typeof value === 'number' && Number.isFinite(value) ? value : null,
    text: isText(text) ? text : '',
    until: isTime(until) ? until : null,
  };
}

/** A device key as events name it: a known convention, `/`, a native id; anything else is none. */
function deviceKeyText(value: unknown): string | null {
  if (!isText(value)) return null;
  const at = value.indexOf('/');
  return at > 0 && at < value.length - 1 && CONVENTIONS.has(value.slice(0, at)) ? value : null;
}

function webSocketUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'ws:' || url.protocol === 'wss:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own field only: `constructor` or `__proto__` of a plain object is not an answer's field. */
function field(object: Json, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= API_TEXT_MAX_CHARS;
}

function optionalText(value: unknown): string | null {
  return isText(value) ? value : null;
}

/** Epoch milliseconds: a finite number, not before 1970. */
function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
