import type { ConventionId } from '../device';
import { type CompiledPattern, type CustomPattern, compilePattern } from './customPattern';
import type { HaEntity } from './haEntity';

/**
 * What the conventions remember between messages. Some meanings depend on earlier messages: a
 * Home Assistant state topic means nothing without its discovery config, a Homie value needs its
 * `$datatype`, a control is announced once.
 *
 * This is a plain mutable object, owned by whoever reads the messages (the connection worker, one
 * per connection). `interpret(memory, message)` may update it in place. Chosen over returning
 * a new state per message because a broker replays thousands of retained attribute messages at
 * subscribe time, and copying maps per message would make that quadratic. Create a new one when
 * the connection starts (or its settings change); everything it holds is re-sent as retained.
 *
 * Everything it holds is bounded (MEMORY_LIMITS); past a limit the message says so in words.
 */
export interface ConventionMemory {
  readonly customPatterns: readonly CompiledPattern[];
  /** Custom patterns that did not compile, with the reason, for settings to show. */
  readonly patternProblems: readonly string[];
  readonly ha: HaMemory;
  /** Homie property attributes by `<device>/<node>/<property>`. */
  readonly homie: Map<string, HomieProperty>;
  /** Shelly topic prefixes seen on status topics, so `<prefix>/online` is known to be Shelly. */
  readonly shellyPrefixes: Set<string>;
  /**
   * `<convention>\u0000<device>\u0000<what>` already described (a control, a name), so it is
   * announced once. Device ids are native ids, so the convention keeps two conventions' devices of
   * the same name apart.
   */
  readonly announced: Set<string>;
  /** The last payload of recent topics, for a discovery config that arrives after its state. */
  readonly lastPayloads: LastPayloads;
}

/**
 * The last payload of each recent topic (custom-pattern topics and discovery configs aside). A
 * broker delivers retained messages in topic order at subscribe time, so Tasmota's `tele/<t>/LWT`
 * and `tele/<t>/SENSOR` arrive before the `homeassistant/…/config` that reads them; kept here, they
 * are read for the new entity the moment its config arrives.
 */
export interface LastPayloads {
  /** By topic, oldest first: a Map keeps insertion order, and a topic heard again moves last. */
  readonly byTopic: Map<string, Uint8Array>;
  /** Payload bytes plus topic characters held, against MEMORY_LIMITS.lastPayloadBytes. */
  bytes: number;
  /** Whether forgetting the oldest was already said (once per connection). */
  limitSaid: boolean;
}

export interface HaMemory {
  /** By config topic, plus `#<component id>` for device-based discovery. */
  readonly entities: Map<string, HaEntity>;
  /** Topics entities read their values from themselves (a native convention reads the rest). */
  readonly byStateTopic: Map<string, Set<string>>;
  readonly byAvailabilityTopic: Map<string, Set<string>>;
}

export interface HomieProperty {
  name?: string;
  unit?: string;
  datatype?: string;
  format?: string;
  settable?: boolean;
  retained?: boolean;
}

export const MEMORY_LIMITS = {
  haEntities: 10_000,
  homieProperties: 20_000,
  shellyPrefixes: 5_000,
  announced: 20_000,
  lastPayloadTopics: 5_000,
  lastPayloadBytes: 4 * 1024 * 1024,
} as const;

export interface ConventionOptions {
  customPatterns?: readonly CustomPattern[];
}

/** A fresh memory for one connection, with the custom patterns from settings compiled once. */
export function createConventionMemory(options: ConventionOptions = {}): ConventionMemory {
  const customPatterns: CompiledPattern[] = [];
  const patternProblems: string[] = [];
  for (const source of options.customPatterns ?? []) {
    const check = compilePattern(source);
    if (check.ok) customPatterns.push(check.pattern);
    else patternProblems.push(`"${source.pattern}": ${check.reason}`);
  }
  return {
    customPatterns,
    patternProblems,
    ha: { entities: new Map(), byStateTopic: new Map(), byAvailabilityTopic: new Map() },
    homie: new Map(),
    shellyPrefixes: new Set(),
    announced: new Set(),
    lastPayloads: { byTopic: new Map(), bytes: 0, limitSaid: false },
  };
}

/**
 * True the first time `what` is announced for `device`. When the set is full it starts over:
 * announcing again is harmless (the fold merges), forgetting forever would not be.
 */
export function firstAnnouncement(
  memory: ConventionMemory,
  convention: ConventionId,
  device: string,
  what: string,
): boolean {
  const key = `${convention}\u0000${device}\u0000${what}`;
  if (memory.announced.has(key)) return false;
  if (memory.announced.size >= MEMORY_LIMITS.announced) memory.announced.clear();
  memory.announced.add(key);
  return true;
}
