import { isUtf8 } from 'node:buffer';
import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { clipText } from '../../core/clip.ts';
import { errorWords, replaceFilePrivately } from '../privateFile.ts';
import type { ControlPublish } from './brokerAccess.ts';

/**
 * Who switched what: every publish a person's session or kept screen made to a command topic
 * through the broker, kept in memory for the event log and appended to a JSON-lines file in the
 * data directory so the record outlives a restart.
 */

export const CONTROL_LOG_FILE_NAME = 'control-log.jsonl';
/** Actions kept in memory and, after a rotation, in the file. */
export const CONTROL_LOG_MAX = 1000;
/** A command payload is a word or a small JSON object; past this it is clipped with "…". */
export const CONTROL_PAYLOAD_MAX_CHARS = 256;
/** 192 bytes are exactly 256 base64 characters. */
const BINARY_PAYLOAD_MAX_BYTES = 192;
/** At most 4 bytes a code point: enough UTF-8 for CONTROL_PAYLOAD_MAX_CHARS, whatever the script. */
const TEXT_PAYLOAD_READ_BYTES = CONTROL_PAYLOAD_MAX_CHARS * 4;

/** How the publisher was signed in: a browser, a kept screen, or nobody in an open house. */
export type ControlActionKind = 'session' | 'screen' | 'open';

/** One control action as the log keeps and /api/control-log answers it. */
export interface ControlAction {
  /** When the broker took the publish, ms since the epoch. */
  at: number;
  /** The account, or null in an open house (no accounts). */
  account: string | null;
  role: string | null;
  /** The kept screen's label ("Kitchen tablet"); "" for a browser session. */
  screen: string;
  kind: ControlActionKind;
  topic: string;
  /** UTF-8 text clipped to CONTROL_PAYLOAD_MAX_CHARS, or `base64:` and the clipped bytes in base64. */
  payload: string;
  retained: boolean;
}

/** What the broker hands over: the payload as it came, the time taken from the log's clock. */
export interface ControlActionInput extends Omit<ControlAction, 'at' | 'payload'> {
  payload: Uint8Array | string;
}

export interface ControlLog {
  /** Keeps one action and queues its line for the file; never throws and never waits. */
  record(action: ControlActionInput): void;
  /** The newest `limit` actions (all kept by default), newest first. */
  list(limit?: number): ControlAction[];
  /** Writes what is queued; actions recorded after it are kept in memory only. */
  close(): Promise<void>;
}

export interface ControlLogOptions {
  /** One line per kind of file trouble (once until that kind works again); never a payload. */
  log: (line: string) => void;
  now?: () => number;
  max?: number;
}

type Trouble = 'read' | 'append' | 'rotate';

/** Topics are kept to this many characters in the log. */
export const CONTROL_TOPIC_MAX_CHARS = 512;

/**
 * Opens the control log of `dataDir`, reading back the newest `max` actions of its file (lines
 * that do not parse are skipped). Each action is appended as one line (file mode 0600: who
 * switched what and when is private); once the file holds more than 2 × `max` lines it is
 * rewritten with the newest `max`, by temporary file and rename so a crash leaves the old file or
 * the new one. Writes run one after another; a failure is logged and the action stays in memory.
 */
export async function createControlLog(
  dataDir: string,
  { log, now = Date.now, max = CONTROL_LOG_MAX }: ControlLogOptions,
): Promise<ControlLog> {
  const file = controlLogPath(dataDir);
  const troubles = new Set<Trouble>();
  const report = (trouble: Trouble, words: string) => {
    if (troubles.has(trouble)) return;
    troubles.add(trouble);
    log(words);
  };

  const read = await readActions(file);
  if (!read.ok) report('read', `${read.reason}; the control log starts empty.`);
  const actions: ControlAction[] = read.ok ? read.actions.slice(-max) : [];
  let fileLines = read.ok ? read.lines : 0;

  let pending: string[] = [];
  let writes = Promise.resolve();
  let closed = false;

  const flush = async () => {
    const lines = pending;
    pending = [];
    if (lines.length === 0) return;
    try {
      await mkdir(dataDir, { recursive: true });
      await appendFile(file, lines.join(''), { mode: 0o600 });
      fileLines += lines.length;
      troubles.delete('append');
    } catch (error) {
      report(
        'append',
        `Cannot add to ${file}: ${errorWords(error)}; control actions are kept in memory only.`,
      );
      return;
    }
    if (fileLines <= 2 * max) return;
    // Actions recorded during this write are queued for the next: leave them out here.
    const written = actions.slice(0, Math.max(0, actions.length - pending.length));
    const rewritten = await rewriteActions(file, written);
    if (rewritten.ok) {
      fileLines = written.length;
      troubles.delete('rotate');
    } else report('rotate', `${rewritten.reason}; the control log file keeps growing.`);
  };

  return {
    record(input) {
      const action: ControlAction = {
        at: now(),
        account: input.account,
        role: input.role,
        screen: input.screen,
        kind: input.kind,
        // MQTT allows 64 kB topics; the log and every screen polling it need only a readable one.
        topic: clipText(input.topic, CONTROL_TOPIC_MAX_CHARS),
        payload: payloadText(input.payload),
        retained: input.retained,
      };
      actions.push(action);
      if (actions.length > max) actions.splice(0, actions.length - max);
      if (closed) return;
      // Lines queued while a write runs go out together: a dimmer dragged sends a burst.
      if (pending.push(`${JSON.stringify(action)}\n`) === 1) writes = writes.then(flush);
    },

    list(limit = max) {
      return limit > 0 ? actions.slice(-limit).reverse() : [];
    },

    async close() {
      closed = true;
      await writes;
    },
  };
}

/**
 * What the log keeps of a publish the broker reports (`onControl`): a browser session's or kept
 * screen's person with the screen's label; in an open house nobody (`account: null`, `open`); an
 * account signed in over MQTT with its password (a script, another app) as a session named by
 * its client id, so the log says it did not come from a screen. Null for the server's own
 * clients and devices, which are no person's action.
 */
export function controlActionOf(publish: ControlPublish): ControlActionInput | null {
  const { identity, topic, payload, retained } = publish;
  if (identity.kind === 'internal') return null;
  if (identity.kind === 'open')
    return { account: null, role: null, screen: '', kind: 'open', topic, payload, retained };
  const { principal, via } = identity;
  if (principal.kind !== 'account') return null;
  const who = { account: principal.name, role: principal.role, topic, payload, retained };
  if (via.kind === 'password')
    return { ...who, kind: 'session', screen: `MQTT client ${clipText(publish.clientId, 64)}` };
  return { ...who, kind: via.kind, screen: via.kind === 'screen' ? via.label : '' };
}

export function controlLogPath(dataDir: string): string {
  return path.join(dataDir, CONTROL_LOG_FILE_NAME);
}

/**
 * A payload as the log shows it: valid UTF-8 as text (its first CONTROL_PAYLOAD_MAX_CHARS
 * characters, then "…"), anything else as `base64:` and its first 192 bytes (then "…"). Only the
 * kept part is decoded, so a megabyte payload costs no more than a short one but the UTF-8 check.
 */
export function payloadText(payload: Uint8Array | string): string {
  if (typeof payload === 'string') return clipText(payload, CONTROL_PAYLOAD_MAX_CHARS);
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  if (isUtf8(bytes)) {
    // Streaming holds back a character cut at the end of the slice instead of showing U+FFFD.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const text = decoder.decode(bytes.subarray(0, TEXT_PAYLOAD_READ_BYTES), { stream: true });
    return clipText(text, CONTROL_PAYLOAD_MAX_CHARS);
  }
  const kept = bytes.subarray(0, BINARY_PAYLOAD_MAX_BYTES).toString('base64');
  return `base64:${kept}${bytes.length > BINARY_PAYLOAD_MAX_BYTES ? '…' : ''}`;
}

/** One line of the file as a ControlAction, or null when it is not one (a torn or edited line). */
export function parseControlAction(line: string): ControlAction | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const { at, account, role, screen, kind, topic, payload, retained } = json as Record<string, unknown>;
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  if (account !== null && typeof account !== 'string') return null;
  if (role !== null && typeof role !== 'string') return null;
  if (typeof screen !== 'string' || typeof topic !== 'string' || typeof payload !== 'string') return null;
  if (kind !== 'session' && kind !== 'screen' && kind !== 'open') return null;
  if (typeof retained !== 'boolean') return null;
  return { at, account, role, screen, kind, topic, payload, retained };
}

type ActionsRead = { ok: true; actions: ControlAction[]; lines: number } | { ok: false; reason: string };

/** The file's actions, oldest first, and how many lines it has (good or not); none when it is missing. */
async function readActions(file: string): Promise<ActionsRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, actions: [], lines: 0 };
    return { ok: false, reason: `Cannot read ${file}: ${errorWords(error)}` };
  }
  // A file from an older Hearth or copied in may be readable by others: it is private.
  await chmod(file, 0o600).catch(() => undefined);
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const actions = lines.map(parseControlAction).filter((action) => action !== null);
  return { ok: true, actions, lines: lines.length };
}

/** Replaces the file with `actions`, so a crash leaves the old file or the new one. */
async function rewriteActions(
  file: string,
  actions: readonly ControlAction[],
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const written = await replaceFilePrivately(
    file,
    actions.map((action) => `${JSON.stringify(action)}\n`).join(''),
  );
  return written.ok
    ? written
    : { ok: false, reason: written.reason.replace('Cannot write', 'Cannot rewrite') };
}
