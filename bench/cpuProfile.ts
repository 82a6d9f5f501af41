/**
 * Which functions a page's main thread ran, from a V8 CPU profile (CDP Profiler): each sample is
 * charged to the function on top of the stack, so a function's self time is its samples times
 * the sampling interval. Sums by function name and place, hottest first.
 */

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotFunction {
  /** "name (file:line)", or V8's own "(garbage collector)", "(program)", "(idle)". */
  where: string;
  selfMs: number;
}

/** The `limit` functions with the most self time, leaving out idle time. */
export function hottestFunctions(profile: CpuProfile, limit = 15): HotFunction[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const selfUs = new Map<string, number>();
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i] as number);
    if (node === undefined) continue;
    // A sample's time is the gap to the next sample (the last one has none).
    const us = deltas[i + 1] ?? 0;
    const where = nameOf(node);
    if (where === '(idle)') continue;
    selfUs.set(where, (selfUs.get(where) ?? 0) + us);
  }
  return [...selfUs.entries()]
    .map(([where, us]) => ({ where, selfMs: Math.round(us / 100) / 10 }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, limit);
}

function nameOf(node: CpuProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (url === '') return functionName === '' ? '(anonymous)' : functionName;
  const file = url.slice(url.lastIndexOf('/') + 1).split('?')[0];
  return `${functionName === '' ? '(anonymous)' : functionName} (${file}:${lineNumber + 1})`;
}
