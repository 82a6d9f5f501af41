import { describe, expect, it } from 'vitest';
import { kindOf, summarizeTrace, type TraceEvent } from './traceSummary.ts';

const main = { pid: 1, tid: 7 };
const meta: TraceEvent = { name: 'thread_name', ph: 'M', ...main, ts: 0, args: { name: 'CrRendererMain' } };
const x = (name: string, ts: number, dur: number, thread = main): TraceEvent => ({
  name,
  ph: 'X',
  ...thread,
  ts,
  dur,
});

describe('summarizeTrace', () => {
  it('counts each event’s own time once, nested work under its own kind', () => {
    const events = [
      meta,
      x('RunTask', 0, 10_000),
      x('FunctionCall', 1000, 6000),
      x('MinorGC', 2000, 1000),
      x('Layout', 8000, 1500),
    ];
    expect(summarizeTrace(events)).toEqual({
      scriptingMs: 5,
      styleLayoutMs: 2,
      paintMs: 0,
      gcMs: 1,
      otherMs: 3,
    });
  });

  it('leaves out other threads and events outside the window', () => {
    const events = [
      meta,
      x('FunctionCall', 0, 4000, { pid: 2, tid: 9 }),
      x('Paint', 50_000, 2000),
      x('Paint', 1000, 2000),
    ];
    expect(summarizeTrace(events, 10_000, 60_000).paintMs).toBe(2);
    expect(summarizeTrace(events, 10_000, 60_000).scriptingMs).toBe(0);
  });

  it('names DevTools’ kinds', () => {
    expect(kindOf('UpdateLayoutTree')).toBe('styleLayoutMs');
    expect(kindOf('V8.GC_SCAVENGER')).toBe('gcMs');
    expect(kindOf('CompositeLayers')).toBe('paintMs');
    expect(kindOf('ThreadControllerImpl::RunTask')).toBe('otherMs');
  });
});
