/**
 * A small JSON path: the part of JSONPath and of Jinja attribute access that names one value.
 * `$.data.value`, `data.value`, `data.values[0]`, `$['data']["value"]` and `.a['b']` (the tail of
 * a Home Assistant `value_json` expression) all read one nested value. No wildcards, no filters.
 */

export type PathStep = string | number;

export type ParsedPath = { ok: true; steps: PathStep[] } | { ok: false; reason: string };

export type PathValue = { ok: true; value: unknown } | { ok: false; reason: string };

const KEY_CHAR = /[^.[\]\s'"]/;

/**
 * Parses a path. With `bareStart`, the first key may come without a dot (`data.value`); a leading
 * `$` is always allowed. An empty path (or `$`) reads the whole value.
 */
export function parseJsonPath(text: string, bareStart = true): ParsedPath {
  const source = text.trim();
  let i = source.startsWith('$') ? 1 : 0;
  const steps: PathStep[] = [];
  let first = i === 0 && bareStart;
  while (i < source.length) {
    const c = source[i];
    if (c === '.' || first) {
      if (c === '.') i++;
      first = false;
      const start = i;
      while (i < source.length && KEY_CHAR.test(source[i] ?? '')) i++;
      if (i === start)
        return { ok: false, reason: `a key is missing at character ${start + 1} of "${text}"` };
      steps.push(source.slice(start, i));
    } else if (c === '[') {
      const close = source.indexOf(']', i);
      if (close < 0) return { ok: false, reason: `"[" without "]" in "${text}"` };
      const inner = source.slice(i + 1, close).trim();
      const quoted = /^(['"])(.*)\1$/.exec(inner);
      if (quoted !== null) steps.push(quoted[2] ?? '');
      else if (/^\d+$/.test(inner)) steps.push(Number(inner));
      else return { ok: false, reason: `"[${inner}]" is neither a quoted key nor an index in "${text}"` };
      i = close + 1;
    } else {
      return { ok: false, reason: `unexpected "${c}" at character ${i + 1} of "${text}"` };
    }
  }
  return { ok: true, steps };
}

/** Follows the steps into a JSON value; own keys only, so `__proto__` is just a missing key. */
export function readPath(value: unknown, steps: readonly PathStep[]): PathValue {
  let current = value;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) {
        return { ok: false, reason: `no item [${step}] in the payload` };
      }
      current = current[step];
      continue;
    }
    if (
      current === null ||
      typeof current !== 'object' ||
      Array.isArray(current) ||
      !Object.hasOwn(current, step)
    ) {
      return { ok: false, reason: `no "${step}" in the payload` };
    }
    current = (current as Record<string, unknown>)[step];
  }
  return { ok: true, value: current };
}

/** The path in its canonical dotted form, for messages. */
export function formatPath(steps: readonly PathStep[]): string {
  return steps.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('');
}
