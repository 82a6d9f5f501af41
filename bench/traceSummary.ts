/**
 * Where a page's main thread spends a run, from a Chromium trace (devtools.timeline events): the
 * self time of each event on the renderer's main thread (an event's duration less its
 * children's), summed by kind. The kinds are DevTools' own: scripting, style and layout, paint
 * and compositing, garbage collection; what none names (the task loop itself) is other.
 */

export interface TraceSummary {
  scriptingMs: number;
  styleLayoutMs: number;
  paintMs: number;
  gcMs: number;
  otherMs: number;
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { documentLoaderURL?: string } };
}

type Kind = keyof TraceSummary;

const SCRIPTING = new Set([
  'FunctionCall',
  'EvaluateScript',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
  'EventDispatch',
  'RunMicrotasks',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'v8.run',
  'V8.Execute',
  'XHRReadyStateChange',
  'XHRLoad',
]);
const STYLE_LAYOUT = new Set([
  'UpdateLayoutTree',
  'RecalculateStyles',
  'Layout',
  'HitTest',
  'PrePaint',
  'IntersectionObserverController::computeIntersections',
  'ScheduleStyleRecalculation',
  'InvalidateLayout',
]);
const PAINT = new Set([
  'Paint',
  'PaintImage',
  'CompositeLayers',
  'UpdateLayer',
  'UpdateLayerTree',
  'Commit',
  'Layerize',
]);

export function kindOf(name: string): Kind {
  if (SCRIPTING.has(name)) return 'scriptingMs';
  if (STYLE_LAYOUT.has(name)) return 'styleLayoutMs';
  if (PAINT.has(name)) return 'paintMs';
  if (/GC|Sweep|Mark/.test(name)) return 'gcMs';
  return 'otherMs';
}

/** Sums self time by kind over the renderer main threads' complete events between `fromUs` and `toUs`. */
export function summarizeTrace(
  events: readonly TraceEvent[],
  fromUs = -Infinity,
  toUs = Infinity,
): TraceSummary {
  const mainThreads = new Set(
    events
      .filter(
        (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
      )
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const complete = events
    .filter(
      (event) =>
        event.ph === 'X' &&
        event.dur !== undefined &&
        mainThreads.has(`${event.pid}:${event.tid}`) &&
        event.ts >= fromUs &&
        event.ts <= toUs,
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const summary: TraceSummary = { scriptingMs: 0, styleLayoutMs: 0, paintMs: 0, gcMs: 0, otherMs: 0 };
  // Per thread, the open events: a child ends within its parent, so a stack finds each parent.
  const stacks = new Map<string, Array<{ end: number; kind: Kind; self: number }>>();
  const close = (stack: Array<{ end: number; kind: Kind; self: number }>, upTo: number) => {
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= upTo) {
      const done = stack.pop();
      if (done !== undefined) summary[done.kind] += done.self / 1000;
    }
  };
  for (const event of complete) {
    const thread = `${event.pid}:${event.tid}`;
    const stack = stacks.get(thread) ?? [];
    stacks.set(thread, stack);
    close(stack, event.ts);
    const dur = event.dur ?? 0;
    const parent = stack.at(-1);
    if (parent !== undefined) parent.self -= dur;
    stack.push({ end: event.ts + dur, kind: kindOf(event.name), self: dur });
  }
  for (const stack of stacks.values()) close(stack, Infinity);
  for (const key of Object.keys(summary) as Kind[]) summary[key] = Math.round(Math.max(0, summary[key]));
  return summary;
}
