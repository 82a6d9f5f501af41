// aedes-persistence-level ships no types: what the broker uses of it.
declare module 'aedes-persistence-level' {
  import type { Level } from 'level';

  /** An aedes persistence backed by a LevelDB (retained messages, sessions, queued QoS 1/2). */
  export default function aedesPersistenceLevel(db: Level<string, string>): unknown;
}
