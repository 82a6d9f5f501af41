/**
 * Bytes from the network into typed values. Never throws: anything unreadable comes back as
 * `{ kind: 'invalid', reason }` so one bad message cannot break the message loop.
 */

/** Payloads above this are dropped without being decoded. */
export const PAYLOAD_MAX_BYTES = 64 * 1024;

export type Payload =
  | { kind: 'number'; value: number }
  | { kind: 'measurement'; value: number; unit: string | null; sampleAt: number | null }
  | {
      kind: 'fields';
      values: ReadonlyArray<readonly [string, number]>;
      unit: string | null;
      sampleAt: number | null;
    }
  | { kind: 'text'; text: string }
  | { kind: 'json'; value: unknown }
  | { kind: 'invalid'; reason: string }
  | { kind: 'oversize'; bytes: number };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Keys of a JSON object that describe the sample rather than measure something. */
const TIME_KEYS = ['ts', 'time', 'timestamp'];

/** Decodes a payload: a plain number without JSON.parse, JSON objects, or text. */
export function parsePayload(bytes: Uint8Array): Payload {
  if (bytes.byteLength > PAYLOAD_MAX_BYTES) return { kind: 'oversize', bytes: bytes.byteLength };
  if (bytes.byteLength === 0) return { kind: 'invalid', reason: 'empty payload' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'invalid', reason: 'binary payload (not UTF-8 text)' };
  }
  const trimmed = text.trim();
  if (trimmed.length === 0) return { kind: 'invalid', reason: 'blank payload' };
  const first = trimmed.charCodeAt(0);
  if (first === 123 /* { */ || first === 91 /* [ */) return parseJson(trimmed);
  const number = parseDecimal(
    trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed,
  );
  if (number !== null) return { kind: 'number', value: number };
  if (hasControlCharacters(trimmed))
    return { kind: 'invalid', reason: 'binary payload (control characters)' };
  return { kind: 'text', text: trimmed };
}

/** A finite decimal number, or null. Rejects hex, `NaN`, `Infinity` and numbers that overflow. */
export function parseDecimal(text: string): number | null {
  if (text.length > 40 || !DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function parseJson(text: string): Payload {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'malformed JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'json', value };
  const record = value as Record<string, unknown>;
  const unit = typeof record.unit === 'string' ? record.unit.slice(0, 16) : null;
  const sampleAt = readSampleTime(record);
  if ('value' in record) {
    const v = toFiniteNumber(record.value);
    if (v === null) return { kind: 'invalid', reason: '"value" is not a finite number' };
    return { kind: 'measurement', value: v, unit, sampleAt };
  }
  const values: Array<readonly [string, number]> = [];
  for (const [key, raw] of Object.entries(record)) {
    if (TIME_KEYS.includes(key) || typeof raw !== 'number' || !Number.isFinite(raw)) continue;
    values.push([key, raw]);
  }
  if (values.length === 0) return { kind: 'json', value };
  return { kind: 'fields', values, unit, sampleAt };
}

/** A finite number from a JSON value: a number, or a decimal in a string. Null otherwise. */
export function toFiniteNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'string') return parseDecimal(raw.trim());
  return null;
}

// A Map, not an object literal: a payload of "constructor" or "__proto__" must not look up Object.prototype.
const SWITCH_WORDS: ReadonlyMap<string, 1 | 0> = new Map([
  ['on', 1],
  ['off', 0],
  ['true', 1],
  ['false', 0],
]);

/** ON/OFF and true/false (any case, JSON booleans too) as 1/0; null for anything else. */
export function readSwitchWord(raw: unknown): 1 | 0 | null {
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw !== 'string') return null;
  return SWITCH_WORDS.get(raw.trim().toLowerCase()) ?? null;
}

export type DecodedText =
  | { kind: 'text'; text: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'oversize'; bytes: number };

/**
 * The payload as UTF-8 text, for conventions that compare words (`Online`, `ready`) or read
 * JSON themselves. An empty payload is the empty string: it means something (an MQTT removal).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.byteLength > PAYLOAD_MAX_BYTES) return { kind: 'oversize', bytes: bytes.byteLength };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'invalid', reason: 'binary payload (not UTF-8 text)' };
  }
  if (hasControlCharacters(text)) return { kind: 'invalid', reason: 'binary payload (control characters)' };
  return { kind: 'text', text };
}

export type DecodedJson =
  | { kind: 'json'; value: unknown }
  | { kind: 'invalid'; reason: string }
  | { kind: 'oversize'; bytes: number };

/** The payload as any JSON value (objects keep their text and nested values). */
export function decodeJson(bytes: Uint8Array): DecodedJson {
  const decoded = decodeText(bytes);
  if (decoded.kind !== 'text') return decoded;
  return parseJsonText(decoded.text);
}

/** JSON.parse as a value: `{ kind: 'invalid' }` instead of an exception. */
export function parseJsonText(text: string): DecodedJson {
  if (text.trim().length === 0) return { kind: 'invalid', reason: 'empty payload' };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'invalid', reason: 'malformed JSON' };
  }
}

/** The object a JSON value is, or null for arrays, strings, numbers and null. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * The sample time a payload carries (`ts`, `time` or `timestamp`: epoch seconds, epoch
 * milliseconds or an ISO 8601 string), or null when it has none we trust.
 */
function readSampleTime(record: Record<string, unknown>): number | null {
  for (const key of TIME_KEYS) {
    const raw = record[key];
    if (typeof raw === 'number' && Number.isFinite(raw) && raw > 0) {
      return raw < 1e11 ? raw * 1000 : raw; // below 1e11 it can only be seconds
    }
    if (typeof raw === 'string') {
      const ms = Date.parse(raw);
      if (Number.isFinite(ms)) return ms;
    }
  }
  return null;
}

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) return true;
  }
  return false;
}

const ONLINE_WORDS = new Set(['online', 'true', '1', 'connected', 'ready', 'up']);
const OFFLINE_WORDS = new Set(['offline', 'false', '0', 'disconnected', 'lost', 'down']);

/**
 * Reads an availability payload: online/offline in any case, true/false, 1/0, and JSON
 * `{"state": "online"}` or `{"status": "offline"}`. Null when it says neither.
 */
export function readAvailability(payload: Payload): boolean | null {
  let word: string | null = null;
  if (payload.kind === 'text') word = payload.text.replace(/^"(.*)"$/, '$1');
  else if (payload.kind === 'number') word = String(payload.value);
  else if (payload.kind === 'json') {
    const v = payload.value;
    if (typeof v === 'boolean') word = String(v);
    else if (typeof v === 'string') word = v;
    else if (v !== null && typeof v === 'object') {
      const record = v as Record<string, unknown>;
      const inner = record.state ?? record.status ?? record.online;
      if (typeof inner === 'string' || typeof inner === 'boolean') word = String(inner);
    }
  } else if (payload.kind === 'fields') {
    word = null;
  }
  if (word === null) return null;
  const lower = word.trim().toLowerCase();
  if (ONLINE_WORDS.has(lower)) return true;
  if (OFFLINE_WORDS.has(lower)) return false;
  return null;
}
