import { describe, expect, it } from 'vitest';
import type { InterpretedMessage } from '../core/interpretation';
import { createMessageReader, DELIVER_INTERVAL_MS } from './messageReader';

function setup() {
  let clock = 0;
  const timers: Array<{ at: number; run: () => void }> = [];
  const heard: string[] = [];
  const batches: InterpretedMessage[][] = [];
  const reader = createMessageReader(
    [],
    {
      onMessages: (items) => {
        batches.push(items);
        heard.push(`batch ${items.length}`);
      },
      onStatus: (status) => heard.push(`status ${status.kind}`),
      onHeartbeat: () => heard.push('beat'),
      onSessionFilters: () => heard.push('filters'),
    },
    (run, ms) => timers.push({ at: clock + ms, run }),
    () => clock,
  );
  const message = (topic: string, payload = '21.5') =>
    reader.connectionSinks.onMessage({
      topic,
      payload: new TextEncoder().encode(payload),
      retained: false,
      receivedAt: clock,
    });
  const advance = (ms: number) => {
    clock += ms;
    for (const timer of timers.splice(0).sort((a, b) => a.at - b.at)) {
      if (timer.at <= clock) timer.run();
      else timers.push(timer);
    }
  };
  return { reader, message, advance, heard, batches, timerDelays: () => timers.map((t) => t.at - clock) };
}

describe('createMessageReader', () => {
  it('sends a message after a quiet spell at once, and batches what follows within a frame', () => {
    const { message, advance, batches, timerDelays } = setup();
    message('house/kitchen/temperature');
    expect(timerDelays()).toEqual([0]);
    advance(0);
    expect(batches.map((b) => b.length)).toEqual([1]);
    message('house/kitchen/temperature', '21.6');
    message('house/hall/temperature', '19');
    expect(timerDelays()).toEqual([DELIVER_INTERVAL_MS]);
    advance(DELIVER_INTERVAL_MS);
    expect(batches.map((b) => b.length)).toEqual([1, 2]);
    expect(
      batches[1]?.map((m) => (m.meaning.kind === 'readings' ? m.meaning.readings[0]?.value : null)),
    ).toEqual([21.6, 19]);
  });

  it('hands over the messages before a status or a heartbeat first, and remembers recent topics', () => {
    const { reader, message, heard } = setup();
    message('house/kitchen/temperature');
    reader.connectionSinks.onStatus({ kind: 'disconnected', reason: 'stopped' });
    message('house/hall/temperature');
    reader.connectionSinks.onHeartbeat?.({ at: 1, pausedSince: null });
    expect(heard).toEqual(['batch 1', 'status disconnected', 'batch 1', 'beat']);
    expect(reader.recentTopics()).toEqual(['house/hall/temperature', 'house/kitchen/temperature']);
  });
});
