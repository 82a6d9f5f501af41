import { openProbedPage } from './browser.ts';
import { callProbe } from './pageProbe.ts';
import type { PageTarget } from './pages.ts';
import { sleep } from './processes.ts';
import type { StormResult } from './results.ts';
import { BYTES_PER_MB, intervals, maximum, round } from './stats.ts';

/** Retained topics waiting for the page: house/dev<i>/temperature for i below this. */
export const STORM_TOPICS = 10_000;
const STORM_TIMEOUT_MS = 60_000;
/** Long tasks and frames are counted until this long after the page knew everything. */
const AFTERMATH_MS = 500;

/**
 * Opens `target` onto a broker that already retains {@link STORM_TOPICS} values and times how
 * long until the page knows them all, with the long tasks it took on the way.
 */
export async function runStorm(target: PageTarget, cpuThrottle = 1): Promise<StormResult> {
  const probed = await openProbedPage(
    target.url,
    { markerSelector: target.markerSelector, storeTarget: STORM_TOPICS },
    cpuThrottle,
  );
  try {
    const { page } = probed;
    const reachedAt = await Promise.race([
      callProbe(page, 'storeReached'),
      sleep(STORM_TIMEOUT_MS).then(() => null),
    ]);
    await sleep(AFTERMATH_MS);
    const frameWindow = await callProbe(page, 'endWindow');
    const until = (reachedAt ?? frameWindow.endedAt) + AFTERMATH_MS;
    const tasks = (await callProbe(page, 'longTasks')).filter((t) => t.startTime <= until);
    const counts = await callProbe(page, 'counts');
    const heap = await probed.heapAfterGc();
    const durations = tasks.map((t) => t.duration);
    return {
      page: target.kind,
      topics: STORM_TOPICS,
      allKnownMs: round(reachedAt, 0),
      messagesAtEnd: counts.messages,
      devicesAtEnd: counts.devices,
      longTasks: tasks.length,
      longTaskMax: round(maximum(durations), 0),
      longTaskTotal:
        round(
          durations.reduce((sum, d) => sum + d, 0),
          0,
        ) ?? 0,
      maxFrame: round(maximum(intervals(frameWindow.frames.filter((t) => t <= until))), 0),
      heapAfterMB: round(heap / BYTES_PER_MB) ?? 0,
    };
  } finally {
    await probed.close();
  }
}
