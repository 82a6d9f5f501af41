import { createBatcher } from '../core/batcher';
import type { CustomPattern } from '../core/conventions/customPattern';
import { interpretInbound } from '../core/conventions/interpret';
import { createConventionMemory } from '../core/conventions/memory';
import type { InterpretedMessage } from '../core/interpretation';
import type { ConnectionSinks, Heartbeat } from './connection';
import { RecentTopics } from './recentTopics';

/**
 * The connection's one batching stage: what arrives within this long of a batch goes to the page
 * with the next one. From a worker, each batch is one postMessage and one task on the page, so a
 * thousand messages a second cost the page about sixty tasks, not a thousand; 16 ms is a display
 * frame, so a batch never waits longer than the frame that could show it. A message after a quiet
 * spell goes at once: light traffic waits for nothing.
 */
export const DELIVER_INTERVAL_MS = 16;

/**
 * Past this many messages waiting, the batch goes at once: a retained storm of ten thousand
 * topics reaches the page in pieces it can fold while it paints, not in one lump.
 */
const DELIVER_MAX = 2_000;

/** Where the reader hands its work: the page directly, or the worker's postMessage. */
export interface ReaderSinks {
  onMessages(items: InterpretedMessage[]): void;
  onStatus: ConnectionSinks['onStatus'];
  onHeartbeat(beat: Heartbeat): void;
  onSessionFilters(filters: readonly string[]): void;
}

export interface MessageReader {
  /** The sinks to give the broker connection. */
  readonly connectionSinks: ConnectionSinks;
  /** Distinct topics seen lately, newest first (for trying out topic patterns). */
  recentTopics(): string[];
}

/**
 * Reads what one broker connection delivers, wherever it runs (the connection worker or, without
 * one, the page): each payload interpreted by the conventions (which remember discovery configs
 * and Homie attributes across messages), batched every DELIVER_INTERVAL_MS, and every status and
 * heartbeat preceded by the messages that arrived before it, so the page hears them in order.
 */
export function createMessageReader(
  customPatterns: readonly CustomPattern[],
  sinks: ReaderSinks,
  timer: (run: () => void, ms: number) => void = (run, ms) => void setTimeout(run, ms),
  now: () => number = () => performance.now(),
): MessageReader {
  const memory = createConventionMemory({ customPatterns });
  const recent = new RecentTopics();
  let deliveredAt = Number.NEGATIVE_INFINITY;
  const batcher = createBatcher<InterpretedMessage>(
    (run) => timer(run, Math.max(0, deliveredAt + DELIVER_INTERVAL_MS - now())),
    (items) => {
      deliveredAt = now();
      sinks.onMessages(items);
    },
    DELIVER_MAX,
  );
  return {
    connectionSinks: {
      onMessage: (raw) => {
        recent.add(raw.topic);
        batcher.push(interpretInbound(memory, raw));
      },
      onStatus: (status) => {
        batcher.flush(); // messages that arrived before a status change are folded before it shows
        sinks.onStatus(status);
      },
      onHeartbeat: (beat) => {
        batcher.flush(); // what arrived before the beat is heard before it
        sinks.onHeartbeat(beat);
      },
      onSessionFilters: (filters) => sinks.onSessionFilters(filters),
    },
    recentTopics: () => recent.list(),
  };
}
