import type { Interpretation, Reading } from '../interpretation';
import type { InboundMessage } from '../message';
import { decodeJson, parsePayload, readSwitchWord, toFiniteNumber } from '../payload';
import { homeseerMeaningOf } from './homeseerNames';
import { type PathStep, parseJsonPath, readPath } from './jsonPath';
import { stateQuantityOf } from './meanings';

/**
 * Custom topic patterns from settings, for installs no convention describes:
 * `site/{device}/sensors/{metric}` names which levels are the device and the metric; `+` is any
 * one level and a last `#` any rest. A JSON path (`$.data.value` or `data.value`) says where the
 * number is in a JSON payload. Patterns are checked before every convention: the user said so.
 * Readings are placed in the vocabulary by their names and units (a HomeSeer install's by its
 * device names); an ON/OFF word is a state.
 */
export interface CustomPattern {
  pattern: string;
  /** Where the value is in a JSON payload; absent or empty: the payload itself. */
  valuePath?: string;
  /** The unit to show when the payload names none. */
  unit?: string;
  /** 'homeseer' for an mcsMQTT install whose topics were changed; 'custom' otherwise. */
  convention?: 'custom' | 'homeseer';
}

type Level =
  | { kind: 'literal'; text: string }
  | { kind: 'device' }
  | { kind: 'metric' }
  | { kind: 'any' }
  | { kind: 'rest' };

export interface CompiledPattern {
  source: CustomPattern;
  levels: readonly Level[];
  path: readonly PathStep[] | null;
  convention: 'custom' | 'homeseer';
}

export type PatternCheck = { ok: true; pattern: CompiledPattern } | { ok: false; reason: string };

export type PatternMatch =
  | { matches: true; device: string; metric: string | null }
  | { matches: false; reason: string };

/** Checks a pattern as typed in settings; the reason says what to fix. */
export function compilePattern(source: CustomPattern): PatternCheck {
  const text = source.pattern.trim();
  if (text.length === 0) return { ok: false, reason: 'the pattern is empty' };
  const levels: Level[] = [];
  const parts = text.split('/');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part === '{device}') levels.push({ kind: 'device' });
    else if (part === '{metric}') levels.push({ kind: 'metric' });
    else if (part === '+') levels.push({ kind: 'any' });
    else if (part === '#') {
      if (i !== parts.length - 1) return { ok: false, reason: '"#" can only be the last level' };
      levels.push({ kind: 'rest' });
    } else if (/[{}+#]/.test(part)) {
      return { ok: false, reason: `"${part}": {device}, {metric}, + and # must fill a whole level` };
    } else levels.push({ kind: 'literal', text: part });
  }
  const count = (kind: Level['kind']) => levels.filter((level) => level.kind === kind).length;
  if (count('device') !== 1) return { ok: false, reason: 'the pattern needs exactly one {device} level' };
  if (count('metric') > 1) return { ok: false, reason: 'the pattern can have one {metric} level at most' };
  let path: PathStep[] | null = null;
  if (source.valuePath !== undefined && source.valuePath.trim().length > 0) {
    const parsed = parseJsonPath(source.valuePath);
    if (!parsed.ok) return { ok: false, reason: `JSON path: ${parsed.reason}` };
    path = parsed.steps;
  }
  return { ok: true, pattern: { source, levels, path, convention: source.convention ?? 'custom' } };
}

/**
 * Whether a topic matches a pattern and which device and metric it names; when it does not, the
 * reason names the first level that differs, so settings can show matches live as one types.
 */
export function matchPattern(pattern: CompiledPattern, topic: string): PatternMatch {
  const levels = topic.split('/');
  let device: string | null = null;
  let metric: string | null = null;
  for (let i = 0; i < pattern.levels.length; i++) {
    const want = pattern.levels[i];
    if (want?.kind === 'rest') break;
    const level = levels[i];
    if (level === undefined)
      return { matches: false, reason: `the topic has ${levels.length} levels, too few` };
    if (want?.kind === 'literal' && want.text !== level) {
      return { matches: false, reason: `level ${i + 1} is "${level}", the pattern wants "${want.text}"` };
    }
    if (want?.kind === 'device') {
      if (level.length === 0) return { matches: false, reason: `level ${i + 1} (the device) is empty` };
      device = level;
    }
    if (want?.kind === 'metric') {
      if (level.length === 0) return { matches: false, reason: `level ${i + 1} (the metric) is empty` };
      metric = level;
    }
  }
  const open = pattern.levels.at(-1)?.kind === 'rest';
  if (!open && levels.length > pattern.levels.length) {
    return {
      matches: false,
      reason: `the topic has ${levels.length} levels, the pattern ${pattern.levels.length}`,
    };
  }
  if (device === null) return { matches: false, reason: 'no device level' };
  return { matches: true, device, metric };
}

/** Reads a message with the first pattern that matches its topic; null when none does. */
export function interpretCustom(
  patterns: readonly CompiledPattern[],
  message: InboundMessage,
): Interpretation | null {
  for (const pattern of patterns) {
    const match = matchPattern(pattern, message.topic);
    if (match.matches) return readMatched(pattern, match, message);
  }
  return null;
}

function readMatched(
  pattern: CompiledPattern,
  match: Extract<PatternMatch, { matches: true }>,
  message: InboundMessage,
): Interpretation {
  const convention = pattern.convention;
  const device = match.device;
  const lastLevel = message.topic.slice(message.topic.lastIndexOf('/') + 1);
  const metric = match.metric ?? lastLevel;
  const unit = pattern.source.unit?.trim() || null;
  const one = (value: number, payloadUnit: string | null = null): Interpretation => ({
    kind: 'readings',
    device,
    readings: [{ metric, value, unit: payloadUnit ?? unit, ...quantityHint(convention, metric) }],
    sampleAt: null,
    convention,
  });
  const state = (value: number): Interpretation => ({
    kind: 'readings',
    device,
    readings: [{ metric, value, unit: null, quantity: stateQuantityOf(metric) }],
    sampleAt: null,
    convention,
  });
  const invalid = (reason: string): Interpretation => ({ kind: 'invalid', device, reason, convention });

  if (pattern.path !== null) {
    const decoded = decodeJson(message.payload);
    if (decoded.kind === 'oversize') return { kind: 'oversize', device, bytes: decoded.bytes, convention };
    if (decoded.kind === 'invalid') return invalid(decoded.reason);
    const found = readPath(decoded.value, pattern.path);
    if (!found.ok) return invalid(`${found.reason} (JSON path ${pattern.source.valuePath})`);
    const number = toFiniteNumber(found.value);
    if (number !== null) return one(number);
    const switched = readSwitchWord(found.value);
    return switched === null
      ? invalid(`the value at ${pattern.source.valuePath} is not a number`)
      : state(switched);
  }

  const payload = parsePayload(message.payload);
  switch (payload.kind) {
    case 'oversize':
      return { kind: 'oversize', device, bytes: payload.bytes, convention };
    case 'number':
      return one(payload.value);
    case 'measurement':
      return one(payload.value, payload.unit);
    case 'fields': {
      if (match.metric !== null) {
        return invalid('a JSON object: set a JSON path (such as $.value) to say where the number is');
      }
      const readings: Reading[] = payload.values.map(([key, value]) => ({
        metric: key,
        value,
        unit,
        ...quantityHint(convention, key),
      }));
      return { kind: 'readings', device, readings, sampleAt: payload.sampleAt, convention };
    }
    case 'text': {
      const value = readSwitchWord(payload.text);
      return value === null ? invalid(`expected a number, got "${payload.text.slice(0, 40)}"`) : state(value);
    }
    case 'json':
      return invalid(
        'JSON without a number at its top: set a JSON path (such as $.data.value) to say where it is',
      );
    case 'invalid':
      return invalid(payload.reason);
  }
}

/**
 * The quantity a custom pattern's reading has: a HomeSeer install's by its device name (as the
 * mcsMQTT rules read it); any other's by its name and unit, when the fold places it.
 */
function quantityHint(convention: 'custom' | 'homeseer', metric: string): Pick<Reading, 'quantity'> {
  if (convention !== 'homeseer') return {};
  const meaning = homeseerMeaningOf(metric);
  return meaning === null ? {} : { quantity: meaning.quantity };
}

export interface PatternPreview {
  /** Why the pattern cannot be used, or null when it can. */
  problem: string | null;
  matches: Array<{ topic: string; device: string; metric: string | null }>;
  /** How many of the topics did not match. */
  misses: number;
}

/**
 * How a pattern being typed in settings applies to topics seen recently: which match, naming
 * device and metric, and how many do not. At most `limit` matches are listed.
 */
export function previewPattern(source: CustomPattern, topics: readonly string[], limit = 20): PatternPreview {
  const check = compilePattern(source);
  if (!check.ok) return { problem: check.reason, matches: [], misses: topics.length };
  const matches: PatternPreview['matches'] = [];
  let misses = 0;
  for (const topic of topics) {
    const match = matchPattern(check.pattern, topic);
    if (!match.matches) misses++;
    else if (matches.length < limit) matches.push({ topic, device: match.device, metric: match.metric });
  }
  return { problem: null, matches, misses };
}
