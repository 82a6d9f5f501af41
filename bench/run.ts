// `npm run bench`: Hearth and a bare MQTT.js page, side by side, under MQTT load in headless
// Chromium. `npm run bench -- --help` for the options; docs/performance.md for the figures.
import path from 'node:path';
import { chromiumVersion, closeOpenBrowsers } from './browser.ts';
import { type ControlClient, connectControlClient } from './controlClient.ts';
import { runHistorySize } from './historySize.ts';
import { startLimitServer } from './limitServer.ts';
import { describeMachine } from './machine.ts';
import { runLoad } from './measure.ts';
import { type BenchOptions, type Cell, type PageKind, parseBenchOptions, USAGE } from './options.ts';
import { hearthTarget, limitTarget, type PageTarget } from './pages.ts';
import { PERFORMANCE_DOC, writePerformanceDoc } from './performanceDoc.ts';
import { killRunningChildren } from './processes.ts';
import { runRecorderBench } from './recorder.ts';
import { describeRun, PAGE_NAMES, renderTables, writeResultsJson } from './report.ts';
import type { BenchResults, ByPage, LoadRunResult, MemoryResult, StormResult } from './results.ts';
import { runSectionsBench } from './sections.ts';
import { REPO_ROOT, startHearthServer, startMosquitto } from './services.ts';
import { runStartupBench } from './startup.ts';
import { runStorm, STORM_TOPICS } from './storm.ts';

const MEMORY_RATE = 1000;
const MEMORY_DEVICES = 200;
const MEMORY_SECONDS = 300;
const MEMORY_FIRST_SAMPLE_S = 60;

/** What to undo at the end, in reverse order of starting. */
const teardown: Array<() => Promise<void>> = [];
let tearingDown: Promise<void> | null = null;

function tearDown(): Promise<void> {
  tearingDown ??= (async () => {
    await closeOpenBrowsers();
    for (const step of teardown.splice(0).reverse()) {
      try {
        await step();
      } catch {
        // Stopping is best effort; whatever survives is killed below.
      }
    }
    killRunningChildren();
  })();
  return tearingDown;
}

process.on('exit', killRunningChildren);
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) {
      killRunningChildren();
      process.exit(130);
    }
    interrupted = true;
    console.error(`\n${signal}: closing the browser and stopping the servers (again to force)…`);
    void tearDown().finally(() => process.exit(130));
  });
}

function log(line: string): void {
  console.error(line);
}

/** The runs of one bench invocation, with where their results go. */
class BenchSession {
  readonly failures: BenchResults['failures'] = [];
  private done = 0;

  constructor(
    private readonly options: BenchOptions,
    private readonly targets: Record<PageKind, PageTarget>,
    private readonly brokerTcpUrl: string,
    private readonly control: ControlClient,
    private readonly total: number,
  ) {}

  async cell(cell: Cell, index: number): Promise<ByPage<LoadRunResult>> {
    const runs: ByPage<LoadRunResult> = {};
    // Alternate which page goes first, so neither always meets a warmer (or busier) machine.
    const order = index % 2 === 0 ? this.options.pages : [...this.options.pages].reverse();
    for (const page of order) {
      const what = `${PAGE_NAMES[page]}, ${cell.rate} msg/s over ${cell.devices} devices`;
      const run = await this.attempt(what, () =>
        this.load(page, cell.rate, cell.devices, this.options.seconds),
      );
      if (run !== undefined) {
        runs[page] = run;
        log(`    ${describeRun(run)}`);
      }
    }
    return runs;
  }

  async storm(): Promise<ByPage<StormResult>> {
    const runs: ByPage<StormResult> = {};
    const retained = await this.attempt(`retaining ${STORM_TOPICS} topics`, async () => {
      await this.control.retainStorm(STORM_TOPICS);
      return true;
    });
    if (retained === undefined) return runs;
    try {
      for (const page of this.options.pages) {
        const run = await this.attempt(`${PAGE_NAMES[page]}, retained storm`, () =>
          runStorm(this.targets[page], this.options.cpuThrottle),
        );
        if (run !== undefined) {
          runs[page] = run;
          log(`    all known after ${run.allKnownMs ?? 'never'} ms, longest task ${run.longTaskMax ?? 0} ms`);
        }
      }
    } finally {
      await this.control.clearStorm(STORM_TOPICS);
    }
    return runs;
  }

  async memory(): Promise<ByPage<MemoryResult>> {
    const runs: ByPage<MemoryResult> = {};
    for (const page of this.options.pages) {
      const what = `${PAGE_NAMES[page]}, memory (${MEMORY_SECONDS / 60} min at ${MEMORY_RATE} msg/s)`;
      const run = await this.attempt(what, () =>
        this.load(page, MEMORY_RATE, MEMORY_DEVICES, MEMORY_SECONDS, [MEMORY_FIRST_SAMPLE_S]),
      );
      if (run === undefined) continue;
      const first = run.heapSamples.find((sample) => sample.atS === MEMORY_FIRST_SAMPLE_S)?.mb ?? null;
      runs[page] = {
        run,
        heapAt1MinMB: first,
        heapAt5MinMB: run.heapEndMB,
        growth: first === null || first === 0 ? null : Math.round((run.heapEndMB / first) * 100) / 100,
      };
      log(`    heap ${first ?? '?'} MB at 1 min, ${run.heapEndMB} MB at 5 min; ${describeRun(run)}`);
    }
    return runs;
  }

  private load(page: PageKind, rate: number, devices: number, seconds: number, heapSamplesAtS?: number[]) {
    return runLoad({
      target: this.targets[page],
      brokerTcpUrl: this.brokerTcpUrl,
      control: this.control,
      rate,
      devices,
      seconds,
      heapSamplesAtS,
      cpuThrottle: this.options.cpuThrottle,
      trace: this.options.trace,
      profile: this.options.profile,
      ...(this.options.traceDir === null ? {} : { traceDir: this.options.traceDir }),
    });
  }

  /** Runs one measurement; a failure is recorded and the bench goes on with the next. */
  private async attempt<T>(what: string, measure: () => Promise<T>): Promise<T | undefined> {
    if (interrupted) throw new Error('interrupted');
    this.done += 1;
    log(`[${this.done}/${this.total}] ${what}`);
    try {
      return await measure();
    } catch (error) {
      if (interrupted) throw error;
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      this.failures.push({ what, reason });
      log(`    failed: ${reason}`);
      return undefined;
    }
  }
}

async function main(): Promise<number> {
  if (process.argv.includes('--recorder')) return runRecorderBench(process.argv.slice(2));
  if (process.argv.includes('--history-size')) return runHistorySize();
  if (process.argv.includes('--sections')) return runSectionsBench();
  const parsed = parseBenchOptions(process.argv.slice(2));
  if (parsed.ok === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!parsed.ok) {
    console.error(`${parsed.reason}\n\n${USAGE}`);
    return 2;
  }
  const options = parsed.options;
  if (options.startup) return runStartupBench(options, (step) => teardown.push(step), log);
  const startedAt = new Date();
  const machine = describeMachine(await chromiumVersion());

  log('Starting the Hearth server (it builds the dashboard if needed)…');
  const hearth = await startHearthServer();
  teardown.push(hearth.stop);
  let broker = hearth.info.broker;
  if (options.broker === 'mosquitto') {
    const mosquitto = await startMosquitto();
    teardown.push(mosquitto.stop);
    broker = mosquitto.info;
  }
  const limit = await startLimitServer();
  teardown.push(limit.close);
  const control = await connectControlClient(broker.tcpUrl);
  teardown.push(control.close);
  log(`Broker: ${broker.kind} (${broker.tcpUrl}, ${broker.wsUrl}); dashboard ${hearth.info.pageUrl}`);

  const pagesPerSet = options.pages.length;
  const total =
    pagesPerSet * (options.cells.length + (options.storm ? 1 : 0) + (options.memory ? 1 : 0)) +
    (options.storm ? 1 : 0);
  const session = new BenchSession(
    options,
    {
      hearth: hearthTarget(hearth.info.pageUrl, broker, options.hearthParams),
      limit: limitTarget(limit.pageUrl, broker),
    },
    broker.tcpUrl,
    control,
    total,
  );
  const cells: BenchResults['cells'] = [];
  for (const [index, cell] of options.cells.entries())
    cells.push({ cell, runs: await session.cell(cell, index) });
  const storm = options.storm ? await session.storm() : null;
  const memory = options.memory ? await session.memory() : null;

  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    broker: broker.kind,
    secondsPerCell: options.seconds,
    cpuThrottle: options.cpuThrottle,
    cells,
    storm,
    memory,
    failures: session.failures,
  };
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = await writeResultsJson(
    results,
    options.outFile ?? path.join(REPO_ROOT, 'bench', 'results', `${stamp}.json`),
  );
  console.log(renderTables(results));
  log(`\nResults: ${path.relative(process.cwd(), file)}`);
  if (options.writeDoc) {
    await writePerformanceDoc(results);
    log(`Rewrote ${PERFORMANCE_DOC}`);
  }
  return session.failures.length > 0 ? 1 : 0;
}

main().then(
  async (code) => {
    await tearDown();
    process.exit(code);
  },
  async (error: unknown) => {
    if (!interrupted) console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    await tearDown();
    process.exit(interrupted ? 130 : 1);
  },
);
