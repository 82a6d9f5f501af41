import { type Browser, type CDPSession, chromium, type Page } from '@playwright/test';
import type { CpuProfile } from './cpuProfile.ts';
import { addProbe, type ProbeConfig } from './pageProbe.ts';
import type { TraceEvent } from './traceSummary.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The same flags as the end-to-end tests: headless, software rendering, no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const VIEWPORT = { width: 1280, height: 800 };
const NAVIGATION_TIMEOUT_MS = 60_000;

/** Renderer main-thread time so far, in seconds (CDP Performance metrics). */
export interface RendererTimes {
  task: number;
  script: number;
}

/** A fresh browser with one probed page: nothing cached, nothing shared with the previous run. */
export interface ProbedPage {
  readonly page: Page;
  /** JS heap in bytes after a forced full garbage collection. */
  heapAfterGc(): Promise<number>;
  rendererTimes(): Promise<RendererTimes>;
  /** Starts a Chromium trace of the page (DevTools' timeline categories). */
  startTrace(): Promise<void>;
  /** Ends the trace and returns its events. */
  stopTrace(): Promise<TraceEvent[]>;
  /** Starts V8's sampling CPU profiler on the page's main thread. */
  startProfile(): Promise<void>;
  /** Ends the CPU profile and returns it (DevTools opens it as a .cpuprofile). */
  stopProfile(): Promise<CpuProfile>;
  close(): Promise<void>;
}

/** What DevTools' Performance panel records: enough to tell script, layout, paint and GC apart. */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'blink.user_timing',
];

/** The CPU profile's sampling interval: fine enough to see a 1 ms function, cheap enough not to skew. */
const PROFILE_SAMPLING_US = 200;

/** Browsers still open, closed by {@link closeOpenBrowsers} if the bench is interrupted. */
const openBrowsers = new Set<Browser>();

export async function closeOpenBrowsers(): Promise<void> {
  await Promise.allSettled([...openBrowsers].map((browser) => browser.close()));
}

/** The Chromium version string, e.g. "150.0.7871.100". */
export async function chromiumVersion(): Promise<string> {
  const browser = await launch();
  try {
    return browser.version();
  } finally {
    await browser.close();
    openBrowsers.delete(browser);
  }
}

/** What a measurement adds to the page before it navigates. */
export interface OpenOptions {
  /** Runs after the probe is installed, before the first byte: more init scripts, listeners. */
  beforeNavigation?: (page: Page) => Promise<void>;
  /** Trace and profile from before the first byte (the start-up's), for `stopTrace`/`stopProfile`. */
  recordFromStart?: boolean;
}

/**
 * Launches Chromium, installs the probe and opens `url` (resolves after the `load` event), its
 * main thread `cpuThrottle` times slower from before the first byte when above 1.
 */
export async function openProbedPage(
  url: string,
  config: ProbeConfig,
  cpuThrottle = 1,
  options: OpenOptions = {},
): Promise<ProbedPage> {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await addProbe(page, config);
    await options.beforeNavigation?.(page);
    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (cpuThrottle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
    const startProfile = async () => {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: PROFILE_SAMPLING_US });
      await cdp.send('Profiler.start');
    };
    if (options.recordFromStart === true) {
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      await startProfile();
    }
    await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
    return {
      page,
      async heapAfterGc() {
        await cdp.send('HeapProfiler.collectGarbage');
        return (await cdp.send('Runtime.getHeapUsage')).usedSize;
      },
      async rendererTimes() {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
        return { task: value('TaskDuration'), script: value('ScriptDuration') };
      },
      async startTrace() {
        await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      },
      async stopTrace() {
        const buffer = await browser.stopTracing();
        const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
        return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
      },
      startProfile,
      async stopProfile() {
        const { profile } = await cdp.send('Profiler.stop');
        return profile as CpuProfile;
      },
      async close() {
        await browser.close();
        openBrowsers.delete(browser);
      },
    };
  } catch (error) {
    await browser.close();
    openBrowsers.delete(browser);
    throw error;
  }
}

async function launch(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    // The bench handles Ctrl-C itself, closing browsers before it stops the servers.
    handleSIGINT: false,
    handleSIGTERM: false,
  });
  openBrowsers.add(browser);
  return browser;
}
