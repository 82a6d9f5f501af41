// The in-page half of a measured run: installed before the page's own scripts, it records
// animation frames and long tasks, watches for marker values, and reads the page's counters.
// Node reaches it through `window.__benchProbe`, always with string expressions (see callProbe).
import type { Page } from '@playwright/test';

export interface ProbeConfig {
  /** The one element whose text shows the marker topic's value. */
  markerSelector: string;
  /** Report when the page knows this many devices (or has folded this many messages); null: off. */
  storeTarget: number | null;
}

export interface LongTask {
  /** Page time (ms since navigation start). */
  startTime: number;
  duration: number;
}

/** The page's own counters, if it exposes them (`?bench=1` for Hearth). */
export interface PageCounts {
  messages: number | null;
  devices: number | null;
}

/** What `window.__benchProbe` offers; every method is called from Node by name. */
interface ProbeApi {
  /** Page time now (ms since navigation) and the same instant as wall-clock epoch ms. */
  clock(): { pageMs: number; epochMs: number };
  beginWindow(): number;
  endWindow(): { endedAt: number; frames: number[] };
  longTasks(): LongTask[];
  counts(): PageCounts;
  /** Values that will be published to the marker topic, in publishing order. */
  expectMarkers(values: string[]): void;
  /** Epoch ms at which each expected marker (or a later one) was first in the marker element. */
  markerSightings(): Record<string, number>;
  revealMarker(): boolean;
  storeReached(): Promise<number | null>;
}

/** The few browser globals the probe touches, typed here because bench/ compiles without the DOM lib. */
interface ProbeGlobals {
  performance: { now(): number; readonly timeOrigin: number };
  requestAnimationFrame(callback: (time: number) => void): number;
  PerformanceObserver: new (
    callback: (list: { getEntries(): Array<{ startTime: number; duration: number }> }) => void,
  ) => { observe(options: { type: string; buffered: boolean }): void };
  MutationObserver: new (
    callback: () => void,
  ) => {
    observe(target: unknown, options: { subtree: boolean; childList: boolean; characterData: boolean }): void;
    disconnect(): void;
  };
  document: {
    documentElement: unknown;
    querySelector(
      selector: string,
    ): { textContent: string | null; scrollIntoView(options: object): void } | null;
  };
  __benchCount?: () => number;
  __benchDevices?: () => number;
  __benchProbe?: ProbeApi;
}

/**
 * tsx compiles with esbuild's keepNames, which wraps functions in calls to a `__name` helper
 * that exists only in Node. Functions that Playwright serializes into the page need it too.
 */
const NAME_HELPER = 'globalThis.__name = globalThis.__name || ((target) => target);';

/** Runs in the page. Self-contained: it may use nothing from this module but its argument. */
function installProbe(config: ProbeConfig): void {
  const page = globalThis as unknown as ProbeGlobals;
  const epochNow = () => page.performance.timeOrigin + page.performance.now();
  // A storm is measured from navigation on; a load run opens its window later.
  let recording = config.storeTarget !== null;
  let frames: number[] = [];
  const longTasks: LongTask[] = [];
  let reachedAt: number | null = null;
  const reachedWaiters: Array<(at: number | null) => void> = [];

  const counts = (): PageCounts => ({
    messages: typeof page.__benchCount === 'function' ? page.__benchCount() : null,
    devices: typeof page.__benchDevices === 'function' ? page.__benchDevices() : null,
  });

  const onFrame = (time: number) => {
    if (recording) frames.push(time);
    if (config.storeTarget !== null && reachedAt === null) {
      const now = counts();
      if ((now.devices ?? 0) >= config.storeTarget || (now.messages ?? 0) >= config.storeTarget) {
        reachedAt = page.performance.now();
        for (const wake of reachedWaiters.splice(0)) wake(reachedAt);
      }
    }
    page.requestAnimationFrame(onFrame);
  };
  page.requestAnimationFrame(onFrame);

  try {
    new page.PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        longTasks.push({ startTime: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the report shows zero long tasks.
  }

  // Markers: values expected on the marker topic, oldest first. Seeing one means every older one
  // was folded too (one topic keeps its order), so they are all stamped at that instant. Only the
  // marker element is read, so a mutation costs a selector lookup, not a layout of the page.
  const pending: string[] = [];
  const sightings: Record<string, number> = {};
  let observer: { disconnect(): void } | null = null;
  const checkMarkers = () => {
    const text = (page.document.querySelector(config.markerSelector)?.textContent ?? '').replace(
      /[\s,.\u00a0\u202f']/g,
      '',
    );
    let newest = -1;
    for (let i = 0; i < pending.length; i++) if (text.includes(pending[i] ?? '\u0000')) newest = i;
    if (newest < 0) return;
    const at = epochNow();
    for (const value of pending.splice(0, newest + 1)) sightings[value] = at;
    if (pending.length === 0 && observer !== null) {
      observer.disconnect();
      observer = null;
    }
  };

  page.__benchProbe = {
    clock: () => ({ pageMs: page.performance.now(), epochMs: epochNow() }),
    beginWindow() {
      frames = [];
      recording = true;
      return page.performance.now();
    },
    endWindow() {
      recording = false;
      return { endedAt: page.performance.now(), frames };
    },
    longTasks: () => longTasks,
    counts,
    expectMarkers(values) {
      pending.push(...values);
      if (observer === null) {
        const created = new page.MutationObserver(checkMarkers);
        created.observe(page.document.documentElement, {
          subtree: true,
          childList: true,
          characterData: true,
        });
        observer = created;
      }
      checkMarkers();
    },
    markerSightings: () => sightings,
    revealMarker() {
      const element = page.document.querySelector(config.markerSelector);
      element?.scrollIntoView({ block: 'center' });
      return element !== null;
    },
    storeReached: () =>
      reachedAt !== null
        ? Promise.resolve(reachedAt)
        : new Promise((resolve) => reachedWaiters.push(resolve)),
  };
}

/** Installs the probe in every document `page` loads from now on. */
export async function addProbe(page: Page, config: ProbeConfig): Promise<void> {
  await page.addInitScript({ content: NAME_HELPER });
  await page.addInitScript(installProbe, config);
}

type ProbeMethod = keyof ProbeApi;

/**
 * Calls a probe method in the page. A string expression, not a function, so that nothing
 * compiled by tsx has to run in the page; arguments travel as JSON.
 */
export async function callProbe<M extends ProbeMethod>(
  page: Page,
  method: M,
  ...args: Parameters<ProbeApi[M]>
): Promise<Awaited<ReturnType<ProbeApi[M]>>> {
  const argumentList = args.map((value) => JSON.stringify(value)).join(', ');
  const result: unknown = await page.evaluate(`window.__benchProbe.${method}(${argumentList})`);
  return result as Awaited<ReturnType<ProbeApi[M]>>;
}
