import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A command-line value checked into its type, or a one-line reason to show the user. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

type FlagSpec = NonNullable<ParseArgsConfig['options']>;
type FlagValues<Spec extends FlagSpec> = {
  [Name in keyof Spec]?: Spec[Name]['type'] extends 'boolean' ? boolean : string;
};

/**
 * Reads `--name value`, `--name=value` and boolean `--name` flags. Node's parseArgs does the work;
 * this turns its exceptions (whose wording suggests `--` tricks) into short reasons.
 */
export function readFlags<Spec extends FlagSpec>(
  argv: readonly string[],
  spec: Spec,
): Checked<FlagValues<Spec>> {
  try {
    const { values } = parseArgs({ args: [...argv], options: spec, strict: true, allowPositionals: false });
    return { ok: true, value: values as FlagValues<Spec> };
  } catch (error) {
    return { ok: false, reason: describeParseError(error) };
  }
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const named = /'(-[^' ]+)/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${named ?? message}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (!named) return message;
      return message.includes('does not take')
        ? `Option ${named} takes no value.`
        : `Option ${named} needs a value.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? message}: options start with --.`;
    default:
      return message;
  }
}

/** A TCP port, 0 to 65535. `source` names where the text came from, for the reason. */
export function checkPort(text: string, source: string): Checked<number> {
  const port = /^\d{1,5}$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (Number.isInteger(port) && port >= 0 && port <= 65_535) return { ok: true, value: port };
  return { ok: false, reason: `${source} must be a port number from 0 to 65535 (got '${text}').` };
}

/** A duration in seconds, given as a decimal number no less than `minimumSeconds`, in milliseconds. */
export function checkSeconds(text: string, source: string, minimumSeconds: number): Checked<number> {
  const seconds = /^(\d+(\.\d*)?|\.\d+)$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (Number.isFinite(seconds) && seconds >= minimumSeconds)
    return { ok: true, value: Math.round(seconds * 1000) };
  return {
    ok: false,
    reason: `${source} must be a number of seconds, at least ${minimumSeconds} (got '${text}').`,
  };
}
