import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PageKind } from './options.ts';
import type { BenchResults, ByPage, LoadRunResult, MemoryResult, StormResult } from './results.ts';

/** One line of a comparison table: how to read a figure from a result and how to show it. */
interface Figure<R> {
  label: string;
  value(result: R): number | null;
  /** Shown instead of a dash when the value is null (e.g. "not seen"). */
  missing?: string;
  decimals?: number;
  /** Ratios make no sense for some figures (a count that is 0 on the limit page). */
  ratio?: boolean;
}

const NOT_SEEN = 'not seen in 30 s';

const LOAD_FIGURES: Figure<LoadRunResult>[] = [
  { label: 'publisher, msg/s achieved', value: (r) => r.achievedRate },
  { label: 'lost (sent − counted by the page)', value: (r) => r.lost, missing: 'no counter', ratio: false },
  { label: 'marker latency p50, ms', value: (r) => r.markerP50, missing: NOT_SEEN },
  { label: 'marker latency p95, ms', value: (r) => r.markerP95, missing: NOT_SEEN },
  { label: 'lag at end, ms', value: (r) => r.lagAtEnd, missing: NOT_SEEN },
  { label: 'frame interval p50, ms', value: (r) => r.frameP50, decimals: 1 },
  { label: 'frame interval p95, ms', value: (r) => r.frameP95, decimals: 1 },
  { label: 'frame interval p99, ms', value: (r) => r.frameP99, decimals: 1 },
  { label: 'frames over 50 ms', value: (r) => r.framesOver50, ratio: false },
  { label: 'long tasks', value: (r) => r.longTasks, ratio: false },
  { label: 'longest task, ms', value: (r) => r.longTaskMax, missing: 'none', ratio: false },
  { label: 'longest task after 1 s, ms', value: (r) => r.longTaskMaxAfter1s, missing: 'none', ratio: false },
  { label: 'renderer main thread, cores', value: (r) => r.taskCpu, decimals: 2 },
  { label: 'of which script, cores', value: (r) => r.scriptCpu, decimals: 2 },
  { label: 'heap at start, MB', value: (r) => r.heapStartMB, decimals: 1 },
  { label: 'heap at end, MB', value: (r) => r.heapEndMB, decimals: 1 },
  { label: 'machine busy (all cores)', value: (r) => r.machineBusy, decimals: 2, ratio: false },
];

/** With --trace: where the main thread's time went during the load (self time, DevTools' kinds). */
const TRACE_FIGURES: Figure<LoadRunResult>[] = [
  { label: 'trace: scripting, ms', value: (r) => r.trace?.scriptingMs ?? null, missing: 'not traced' },
  {
    label: 'trace: style and layout, ms',
    value: (r) => r.trace?.styleLayoutMs ?? null,
    missing: 'not traced',
  },
  {
    label: 'trace: paint and compositing, ms',
    value: (r) => r.trace?.paintMs ?? null,
    missing: 'not traced',
  },
  { label: 'trace: garbage collection, ms', value: (r) => r.trace?.gcMs ?? null, missing: 'not traced' },
  { label: 'trace: other (task loop), ms', value: (r) => r.trace?.otherMs ?? null, missing: 'not traced' },
];

const STORM_FIGURES: Figure<StormResult>[] = [
  { label: 'all known after, ms (from navigation)', value: (r) => r.allKnownMs, missing: 'not in 60 s' },
  { label: 'messages counted', value: (r) => r.messagesAtEnd, missing: 'no counter' },
  { label: 'devices known', value: (r) => r.devicesAtEnd, missing: 'no counter', ratio: false },
  { label: 'long tasks', value: (r) => r.longTasks },
  { label: 'longest task, ms', value: (r) => r.longTaskMax, missing: 'none' },
  { label: 'long tasks in total, ms', value: (r) => r.longTaskTotal },
  { label: 'longest frame, ms', value: (r) => r.maxFrame },
  { label: 'heap after, MB', value: (r) => r.heapAfterMB, decimals: 1 },
];

const MEMORY_FIGURES: Figure<MemoryResult>[] = [
  { label: 'heap at start, MB', value: (r) => r.run.heapStartMB, decimals: 1 },
  { label: 'heap at 1 min, MB', value: (r) => r.heapAt1MinMB, decimals: 1 },
  { label: 'heap at 5 min, MB', value: (r) => r.heapAt5MinMB, decimals: 1 },
  { label: 'growth, 5 min ÷ 1 min', value: (r) => r.growth, decimals: 2 },
  { label: 'lost', value: (r) => r.run.lost, missing: 'no counter', ratio: false },
  { label: 'marker latency p95, ms', value: (r) => r.run.markerP95, missing: NOT_SEEN },
  { label: 'lag at end, ms', value: (r) => r.run.lagAtEnd, missing: NOT_SEEN },
  { label: 'frame interval p95, ms', value: (r) => r.run.frameP95, decimals: 1 },
  { label: 'longest task after 1 s, ms', value: (r) => r.run.longTaskMaxAfter1s, ratio: false },
  { label: 'renderer main thread, cores', value: (r) => r.run.taskCpu, decimals: 2 },
];

/** Every table of a bench run, in markdown. */
/** How the CPU was slowed for this run, after a heading; nothing at full speed. */
export function throttleWords(results: Pick<BenchResults, 'cpuThrottle'>): string {
  const rate = results.cpuThrottle ?? 1;
  return rate > 1 ? `, CPU ${rate}x slower${rate === 4 ? ' (tablet profile)' : ''}` : '';
}

export function renderTables(results: BenchResults): string {
  const parts: string[] = [];
  if (results.cells.length > 0) {
    parts.push('### At a glance (Hearth / limit page)', '', renderGlance(results), '');
    for (const { cell, runs } of results.cells) {
      parts.push(
        `### ${formatNumber(cell.rate)} msg/s over ${formatNumber(cell.devices)} devices, ${results.secondsPerCell} s${throttleWords(results)}`,
        '',
        renderComparison(
          Object.values(runs).some((run) => run?.trace !== undefined)
            ? [...LOAD_FIGURES, ...TRACE_FIGURES]
            : LOAD_FIGURES,
          runs,
        ),
        '',
      );
    }
  }
  if (results.storm !== null) {
    parts.push('### Retained storm: 10,000 retained topics before the page opens', '');
    parts.push(renderComparison(STORM_FIGURES, results.storm), '');
  }
  if (results.memory !== null) {
    parts.push('### Memory: 5 minutes at 1,000 msg/s over 200 devices', '');
    parts.push(renderComparison(MEMORY_FIGURES, results.memory), '');
  }
  if (results.failures.length > 0) {
    parts.push('### Runs that failed', '');
    for (const failure of results.failures) parts.push(`- ${failure.what}: ${failure.reason}`);
    parts.push('');
  }
  return parts.join('\n').trimEnd();
}

/** The figures that decide whether a page keeps up, one row per cell. */
function renderGlance(results: BenchResults): string {
  const columns: Array<Figure<LoadRunResult>> = [
    { label: 'lost', value: (r) => r.lost, missing: '?' },
    { label: 'marker p95, ms', value: (r) => r.markerP95, missing: '∞' },
    { label: 'lag at end, ms', value: (r) => r.lagAtEnd, missing: '> 30 s' },
    { label: 'frame p95, ms', value: (r) => r.frameP95, decimals: 1 },
    { label: 'longest task after 1 s, ms', value: (r) => r.longTaskMaxAfter1s, missing: 'none' },
    { label: 'main thread, cores', value: (r) => r.taskCpu, decimals: 2 },
    { label: 'machine busy', value: (r) => r.machineBusy, decimals: 2 },
  ];
  const header = ['msg/s', 'devices', 'achieved msg/s', ...columns.map((c) => c.label)];
  const rows = results.cells.map(({ cell, runs }) => {
    const achieved = runs.hearth?.achievedRate ?? runs.limit?.achievedRate ?? null;
    return [
      formatNumber(cell.rate),
      formatNumber(cell.devices),
      achieved === null ? '—' : formatNumber(achieved),
      ...columns.map((c) => `${show(c, runs.hearth)} / ${show(c, runs.limit)}`),
    ];
  });
  return markdownTable(header, rows);
}

function renderComparison<R>(figures: Figure<R>[], runs: ByPage<R>): string {
  const rows = figures.map((figure) => [
    figure.label,
    show(figure, runs.hearth),
    show(figure, runs.limit),
    ratioOf(figure, runs),
  ]);
  return markdownTable(['', 'Hearth', 'limit page', 'Hearth ÷ limit'], rows);
}

function show<R>(figure: Figure<R>, result: R | undefined): string {
  if (result === undefined) return '—';
  const value = figure.value(result);
  return value === null ? (figure.missing ?? '—') : formatNumber(value, figure.decimals ?? 0);
}

function ratioOf<R>(figure: Figure<R>, runs: ByPage<R>): string {
  if (figure.ratio === false || runs.hearth === undefined || runs.limit === undefined) return '';
  const hearth = figure.value(runs.hearth);
  const limit = figure.value(runs.limit);
  if (hearth === null || limit === null || limit === 0) return '';
  return `${(hearth / limit).toFixed(2)}×`;
}

function formatNumber(value: number, decimals = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rule = `|${header.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Writes the raw results (bench/results/ is ignored by git) and returns the file written. */
export async function writeResultsJson(results: BenchResults, file: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

/** A one-line summary of a load run for progress output. */
export function describeRun(run: LoadRunResult): string {
  const ms = (n: number | null) => (n === null ? 'not seen' : `${Math.round(n)} ms`);
  return [
    `${formatNumber(run.achievedRate)} msg/s achieved`,
    `lost ${run.lost ?? '?'}${run.drained ? '' : ' (behind)'}`,
    `marker p95 ${ms(run.markerP95)}`,
    `lag at end ${ms(run.lagAtEnd)}`,
    `frame p95 ${run.frameP95 ?? '?'} ms`,
    `main thread ${run.taskCpu} cores`,
  ].join(', ');
}

export const PAGE_NAMES: Record<PageKind, string> = { hearth: 'Hearth', limit: 'limit page' };
