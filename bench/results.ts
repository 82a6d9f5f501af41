import type { BrokerKind, Cell, PageKind } from './options.ts';
import type { TraceSummary } from './traceSummary.ts';

/** One page under one load: everything a measured run reports. Times in ms unless named otherwise. */
export interface LoadRunResult {
  page: PageKind;
  /** With --trace: the main thread's time during the load by kind (self time, ms). */
  trace?: TraceSummary;
  rate: number;
  devices: number;
  seconds: number;
  published: number;
  /** Messages per second the publisher really wrote; below `rate` means the publisher saturated. */
  achievedRate: number;
  /** The publisher process's CPU as a fraction of one core. */
  publisherCpu: number;
  /** Messages the page counted in the run (load and markers); null if it exposes no counter. */
  pageMessages: number | null;
  /** Sent (load and markers) minus counted; only a loss if `drained`, else also backlog. */
  lost: number | null;
  /** The final marker was seen: the page had caught up when the count was read. */
  drained: boolean;
  fps: number;
  frameP50: number | null;
  frameP95: number | null;
  frameP99: number | null;
  maxFrame: number | null;
  framesOver50: number;
  longTasks: number;
  longTaskMax: number | null;
  /** Longest task starting after the first second of load: the steady state, not the ramp-up. */
  longTaskMaxAfter1s: number | null;
  longTaskTotal: number;
  markersSent: number;
  markersSeen: number;
  /** Publish-to-DOM latency of the markers sent during the load (unseen ones count as infinite). */
  markerP50: number | null;
  markerP95: number | null;
  /** From the last load message to the final marker on screen; null: not within the timeout. */
  lagAtEnd: number | null;
  heapStartMB: number;
  heapEndMB: number;
  /** Heap after GC taken during the load, `atS` seconds in. */
  heapSamples: Array<{ atS: number; mb: number }>;
  /** Renderer main-thread busy time per wall second (1 = a full core): all tasks, and script alone. */
  taskCpu: number;
  scriptCpu: number;
  /** Whole machine busy fraction during the load (/proc/stat): context for noise. */
  machineBusy: number;
}

/** Retained storm: the page opens onto a broker already holding `topics` retained values. */
export interface StormResult {
  page: PageKind;
  topics: number;
  /** From navigation start until the page knew every device (or had folded every message). */
  allKnownMs: number | null;
  messagesAtEnd: number | null;
  devicesAtEnd: number | null;
  longTasks: number;
  longTaskMax: number | null;
  longTaskTotal: number;
  maxFrame: number | null;
  heapAfterMB: number;
}

export interface MemoryResult {
  run: LoadRunResult;
  heapAt1MinMB: number | null;
  heapAt5MinMB: number;
  /** Heap at 5 minutes over heap at 1 minute: about 1 when state is bounded. */
  growth: number | null;
}

export type ByPage<T> = Partial<Record<PageKind, T>>;

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGB: number;
  chromium: string;
  node: string;
  os: string;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  broker: BrokerKind;
  secondsPerCell: number;
  /** Both pages' main threads this many times slower (absent in results before it existed: 1). */
  cpuThrottle?: number;
  cells: Array<{ cell: Cell; runs: ByPage<LoadRunResult> }>;
  storm: ByPage<StormResult> | null;
  memory: ByPage<MemoryResult> | null;
  /** Runs that could not be measured, in words. */
  failures: Array<{ what: string; reason: string }>;
}
