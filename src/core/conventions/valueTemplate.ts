import { type DecodedJson, parseDecimal } from '../payload';
import { type PathStep, parseJsonPath, readPath } from './jsonPath';

/**
 * The part of Home Assistant's Jinja value templates that names a value, which is what almost
 * every discovery config uses: `{{ value }}`, `{{ value_json.x }}`, `{{ value_json['x'] }}`,
 * `{{ value_json.x.y }}`, `{{ value_json.x[0] }}`, then any of the filters `float`, `int`
 * (each with an optional default), `round(n)`, `default(x)`, `is_defined`, `lower`, `upper`,
 * `trim`, `string`. Anything else (arithmetic, `{% if %}`, `states()`, `iif`) is not
 * understood, and the reason says so rather than guessing.
 */

type Filter =
  | { name: 'float' | 'int'; fallback: number | null }
  | { name: 'round'; digits: number }
  | { name: 'default'; fallback: string | number }
  | { name: 'is_defined' | 'lower' | 'upper' | 'trim' | 'string' };

export interface ValueTemplate {
  text: string;
  source: 'value' | 'value_json';
  steps: readonly PathStep[];
  filters: readonly Filter[];
}

export type CompiledTemplate = { ok: true; template: ValueTemplate } | { ok: false; reason: string };

export type RenderedValue = { ok: true; value: unknown } | { ok: false; reason: string };

export const UNDERSTOOD_TEMPLATES =
  "{{ value }}, {{ value_json.x }}, {{ value_json['x'] }}, {{ value_json.x.y }}, with | float, | int, | round(n), | default(x)";

/** Compiles a value template once, when its config arrives, so each message only renders it. */
export function compileTemplate(text: string): CompiledTemplate {
  const notUnderstood = (why: string): CompiledTemplate => ({
    ok: false,
    reason: `the template "${text.slice(0, 80)}" is not understood (${why}); Hearth reads ${UNDERSTOOD_TEMPLATES}`,
  });
  const body = /^\s*\{\{(.*)\}\}\s*$/s.exec(text)?.[1];
  if (body === undefined || body.includes('{{') || body.includes('{%') || body.includes('}}')) {
    return notUnderstood('only one {{ … }} expression is read');
  }
  const parts = splitFilters(body);
  const head = (parts[0] ?? '').trim();
  const source = head === 'value' ? 'value' : head.startsWith('value_json') ? 'value_json' : null;
  if (source === null) return notUnderstood(`"${head}" is neither value nor value_json`);
  const path = parseJsonPath(head.slice(source.length), false);
  if (!path.ok) return notUnderstood(path.reason);
  if (source === 'value' && path.steps.length > 0) return notUnderstood('value has no keys; use value_json');
  const filters: Filter[] = [];
  for (const part of parts.slice(1)) {
    const filter = parseFilter(part.trim());
    if (filter === null) return notUnderstood(`the filter "${part.trim()}"`);
    filters.push(filter);
  }
  return { ok: true, template: { text, source, steps: path.steps, filters } };
}

/**
 * Renders a compiled template against one payload. `json` is asked only when the template reads
 * `value_json`, so plain-text payloads are never parsed.
 */
export function renderTemplate(
  template: ValueTemplate,
  text: string,
  json: () => DecodedJson,
): RenderedValue {
  let current: RenderedValue;
  if (template.source === 'value') {
    current = { ok: true, value: text };
  } else {
    const decoded = json();
    if (decoded.kind !== 'json') {
      current = { ok: false, reason: decoded.kind === 'invalid' ? decoded.reason : 'payload too large' };
    } else {
      current = readPath(decoded.value, template.steps);
    }
  }
  for (const filter of template.filters) current = applyFilter(filter, current);
  return current;
}

function splitFilters(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

function parseFilter(text: string): Filter | null {
  const call = /^([a-z_]+)\s*(?:\((.*)\))?$/s.exec(text);
  if (call === null) return null;
  const name = call[1];
  const arg = call[2]?.trim() ?? '';
  switch (name) {
    case 'float':
    case 'int': {
      if (arg === '') return { name, fallback: null };
      const fallback = parseDecimal(arg);
      return fallback === null ? null : { name, fallback };
    }
    case 'round': {
      const digits = arg === '' ? 0 : Number(arg);
      return Number.isInteger(digits) && digits >= 0 && digits <= 10 ? { name, digits } : null;
    }
    case 'default': {
      const quoted = /^(['"])(.*)\1$/.exec(arg);
      if (quoted !== null) return { name, fallback: quoted[2] ?? '' };
      const fallback = parseDecimal(arg);
      return fallback === null ? null : { name, fallback };
    }
    case 'is_defined':
    case 'lower':
    case 'upper':
    case 'trim':
    case 'string':
      return arg === '' ? { name } : null;
    default:
      return null;
  }
}

function applyFilter(filter: Filter, current: RenderedValue): RenderedValue {
  if (filter.name === 'default') return current.ok ? current : { ok: true, value: filter.fallback };
  if (!current.ok) return current;
  const value = current.value;
  // biome-ignore lint/nursery/useExhaustiveSwitchCases: 'default' returned above; TypeScript checks every other filter returns
  switch (filter.name) {
    case 'float':
    case 'int': {
      const n =
        typeof value === 'number' ? value : typeof value === 'string' ? parseDecimal(value.trim()) : null;
      if (n === null || !Number.isFinite(n)) {
        return filter.fallback !== null
          ? { ok: true, value: filter.fallback }
          : { ok: false, reason: `${JSON.stringify(value)?.slice(0, 40)} is not a number` };
      }
      return { ok: true, value: filter.name === 'int' ? Math.trunc(n) : n };
    }
    case 'round': {
      if (typeof value !== 'number') return { ok: false, reason: 'round needs a number (add | float first)' };
      const scale = 10 ** filter.digits;
      return { ok: true, value: Math.round(value * scale) / scale };
    }
    case 'is_defined':
      return current;
    case 'lower':
    case 'upper':
    case 'trim':
    case 'string': {
      const s = typeof value === 'string' ? value : JSON.stringify(value);
      if (filter.name === 'lower') return { ok: true, value: s.toLowerCase() };
      if (filter.name === 'upper') return { ok: true, value: s.toUpperCase() };
      if (filter.name === 'trim') return { ok: true, value: s.trim() };
      return { ok: true, value: s };
    }
  }
}
