import { describe, expect, it } from 'vitest';
import { createBatcher, type Schedule } from './batcher';

/** A schedule that runs only when the test says a frame happened. */
function manualSchedule(): { schedule: Schedule; runFrame: () => void; pending: () => number } {
  let runs: Array<() => void> = [];
  return {
    schedule: (run) => {
      runs.push(run);
    },
    runFrame: () => {
      const now = runs;
      runs = [];
      for (const run of now) run();
    },
    pending: () => runs.length,
  };
}

describe('createBatcher', () => {
  it('hands nothing over before the scheduled run', () => {
    const frames = manualSchedule();
    const batches: number[][] = [];
    const batcher = createBatcher<number>(frames.schedule, (b) => batches.push(b));
    batcher.push(1);
    batcher.push(2);
    expect(batches).toEqual([]);
    expect(batcher.queued).toBe(2);
  });

  it('hands everything queued over as one batch per scheduled run', () => {
    const frames = manualSchedule();
    const batches: number[][] = [];
    const batcher = createBatcher<number>(frames.schedule, (b) => batches.push(b));
    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    frames.runFrame();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(batcher.queued).toBe(0);
  });

  it('asks for one run however many items arrive', () => {
    const frames = manualSchedule();
    const batcher = createBatcher<number>(frames.schedule, () => {});
    for (let i = 0; i < 100; i++) batcher.push(i);
    expect(frames.pending()).toBe(1);
  });

  it('does not call back for a run with nothing queued', () => {
    const frames = manualSchedule();
    const batches: number[][] = [];
    createBatcher<number>(frames.schedule, (b) => batches.push(b));
    frames.runFrame();
    expect(batches).toEqual([]);
  });

  it('schedules again for items pushed after a run', () => {
    const frames = manualSchedule();
    const batches: number[][] = [];
    const batcher = createBatcher<number>(frames.schedule, (b) => batches.push(b));
    batcher.push(1);
    frames.runFrame();
    batcher.push(2);
    frames.runFrame();
    expect(batches).toEqual([[1], [2]]);
  });

  it('hands over at once when maxQueued items wait', () => {
    const frames = manualSchedule();
    const batches: number[][] = [];
    const batcher = createBatcher<number>(frames.schedule, (b) => batches.push(b), 3);
    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(batcher.queued).toBe(0);
  });

  it('loses nothing and keeps the order through a burst', () => {
    const frames = manualSchedule();
    const received: number[] = [];
    const batcher = createBatcher<number>(frames.schedule, (b) => received.push(...b), 500);
    for (let i = 0; i < 1234; i++) {
      batcher.push(i);
      if (i % 300 === 0) frames.runFrame();
    }
    frames.runFrame();
    expect(received).toEqual(Array.from({ length: 1234 }, (_, i) => i));
  });

  it('never hands over a batch larger than maxQueued', () => {
    const frames = manualSchedule();
    const sizes: number[] = [];
    const batcher = createBatcher<number>(frames.schedule, (b) => sizes.push(b.length), 500);
    for (let i = 0; i < 1234; i++) batcher.push(i);
    frames.runFrame();
    expect(sizes).toEqual([500, 500, 234]);
  });

  it('hands over everything at once on flush, and the pending run then does nothing', () => {
    const frames = manualSchedule();
    const batches: number[][] = [];
    const batcher = createBatcher<number>(frames.schedule, (b) => batches.push(b));
    batcher.push(1);
    batcher.flush();
    frames.runFrame();
    expect(batches).toEqual([[1]]);
  });
});

describe('createBatcher bounds', () => {
  it('reads a changing bound at each push', () => {
    const frames = manualSchedule();
    const batches: number[][] = [];
    let bound = 10;
    const batcher = createBatcher<number>(
      frames.schedule,
      (b) => batches.push(b),
      () => bound,
    );
    batcher.pushAll([1, 2, 3]);
    expect(batches).toEqual([]);
    bound = 4;
    batcher.pushAll([4, 5]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(batcher.queued).toBe(1);
  });
});
