import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openProbedPage } from './browser.ts';
import { type ControlClient, MARKER_TOPIC } from './controlClient.ts';
import { hottestFunctions } from './cpuProfile.ts';
import { busyBetween, readCpuJiffies } from './machine.ts';
import { callProbe, type LongTask } from './pageProbe.ts';
import type { PageTarget } from './pages.ts';
import { epochNow, sleep } from './processes.ts';
import { armPublisher } from './publisher.ts';
import type { LoadRunResult } from './results.ts';
import { BYTES_PER_MB, intervals, maximum, percentile, round } from './stats.ts';
import { summarizeTrace } from './traceSummary.ts';

/** A marker goes out about this often during the load, the first one this long after the start. */
const MARKER_INTERVAL_MS = 1_000;
const FIRST_MARKER_MS = 1_000;
/**
 * Each marker is sent up to this much later than its slot. Without it, markers a whole number of
 * frames apart would all land at the same point of the frame and sample one latency ten times.
 */
const MARKER_JITTER_MS = 250;
const READY_TIMEOUT_MS = 30_000;
const WARM_UP_REPEAT_MS = 500;
/** After the page is ready, before the measured window: let start-up work finish. */
const SETTLE_MS = 1_000;
const FINAL_MARKER_TIMEOUT_MS = 30_000;
const SIGHTING_POLL_MS = 100;
/** After the final marker, before reading the count: the last messages may trail it by a frame. */
const COUNT_SETTLE_MS = 500;
const FRAME_JANK_MS = 50;
const LONG_TASK_STEADY_AFTER_MS = 1_000;

export interface LoadRunSpec {
  target: PageTarget;
  brokerTcpUrl: string;
  control: ControlClient;
  rate: number;
  devices: number;
  seconds: number;
  /** Seconds into the load at which to take the heap after GC (the memory run). */
  heapSamplesAtS?: number[];
  /** The page's main thread this many times slower (1: as fast as this machine). */
  cpuThrottle?: number;
  /** Trace the load window and say where the main thread's time went. */
  trace?: boolean;
  /** Where to keep each trace whole, to open in DevTools' Performance panel. */
  traceDir?: string;
  /** Record a CPU profile of the load window and log the hottest functions. */
  profile?: boolean;
}

/** Six-digit values no load payload can take (those are at most "99" or "27.9"), unique per bench. */
let lastMarker = 100_000 + Math.floor(Math.random() * 400_000);
function nextMarker(): string {
  lastMarker += 1;
  return String(lastMarker);
}

/** One page, one load: opens a fresh browser, publishes, measures, closes. */
export async function runLoad(spec: LoadRunSpec): Promise<LoadRunResult> {
  const { target, control } = spec;
  const probed = await openProbedPage(
    target.url,
    { markerSelector: target.markerSelector, storeTarget: null },
    spec.cpuThrottle ?? 1,
  );
  const publisher = await armPublisher({
    brokerTcpUrl: spec.brokerTcpUrl,
    rate: spec.rate,
    devices: spec.devices,
    seconds: spec.seconds,
  });
  const timers: NodeJS.Timeout[] = [];
  try {
    const { page } = probed;
    await waitUntilPageReceives(page, control, target);
    await callProbe(page, 'revealMarker');
    await sleep(SETTLE_MS);
    const clockOffset = await measureClockOffset(page);

    const heapStart = await probed.heapAfterGc();
    const countsBefore = await callProbe(page, 'counts');
    const loadMarkers = plannedMarkerTimes(spec.seconds).map((atMs) => ({
      atMs,
      value: nextMarker(),
      sentAt: 0,
    }));
    const finalMarker = nextMarker();
    await callProbe(page, 'expectMarkers', [...loadMarkers.map((m) => m.value), finalMarker]);

    const heapSamples: Array<{ atS: number; mb: number }> = [];
    const cpuBefore = readCpuJiffies();
    const timesBefore = await probed.rendererTimes();
    const timesBeforeAt = epochNow();
    if (spec.trace === true) await probed.startTrace();
    if (spec.profile === true) await probed.startProfile();
    const windowStart = await callProbe(page, 'beginWindow');
    const loadDone = publisher.run({ topic: MARKER_TOPIC, value: finalMarker });
    for (const marker of loadMarkers) {
      timers.push(setTimeout(() => (marker.sentAt = control.publishMarker(marker.value)), marker.atMs));
    }
    for (const atS of spec.heapSamplesAtS ?? []) {
      timers.push(
        setTimeout(() => {
          probed.heapAfterGc().then(
            (bytes) => heapSamples.push({ atS, mb: bytes / BYTES_PER_MB }),
            () => undefined,
          );
        }, atS * 1000),
      );
    }

    const load = await loadDone;
    for (const timer of timers) clearTimeout(timer);
    const timesAfter = await probed.rendererTimes();
    const timesAfterAt = epochNow();
    const cpuAfter = readCpuJiffies();
    const frameWindow = await callProbe(page, 'endWindow');
    const cpuProfile = spec.profile === true ? await probed.stopProfile() : null;
    if (cpuProfile !== null) {
      console.error(`    hottest functions (self time) on ${target.kind}:`);
      for (const hot of hottestFunctions(cpuProfile))
        console.error(`      ${hot.selfMs.toFixed(1).padStart(8)} ms  ${hot.where}`);
      if (spec.traceDir !== undefined)
        await writeFile(
          path.join(spec.traceDir, `${target.kind}-${spec.rate}-${spec.devices}.cpuprofile`),
          JSON.stringify(cpuProfile),
        );
    }
    const traceEvents = spec.trace === true ? await probed.stopTrace() : null;
    const trace = traceEvents === null ? null : summarizeTrace(traceEvents);
    if (traceEvents !== null && spec.traceDir !== undefined)
      await writeFile(
        path.join(spec.traceDir, `${target.kind}-${spec.rate}-${spec.devices}.json`),
        JSON.stringify({ traceEvents }),
      );

    const sightings = await waitForSighting(page, finalMarker, FINAL_MARKER_TIMEOUT_MS);
    const drained = sightings[finalMarker] !== undefined;
    await sleep(COUNT_SETTLE_MS);
    const countsAfter = await callProbe(page, 'counts');
    const heapEnd = await probed.heapAfterGc();
    const longTasks = await callProbe(page, 'longTasks');

    const sent = loadMarkers.filter((m) => m.sentAt > 0);
    const seenAt = (value: string) => {
      const pageEpoch = sightings[value];
      return pageEpoch === undefined ? null : pageEpoch - clockOffset;
    };
    // An unseen marker counts as infinitely late, so percentiles never flatter a page that lost some.
    const latencies = sent.map((m) => (seenAt(m.value) ?? Number.POSITIVE_INFINITY) - m.sentAt);
    const finalSeenAt = seenAt(finalMarker);
    const pageMessages =
      countsBefore.messages !== null && countsAfter.messages !== null
        ? countsAfter.messages - countsBefore.messages
        : null;
    const frameGaps = intervals(frameWindow.frames);
    const inWindow = longTasks.filter(
      (t) => t.startTime >= windowStart && t.startTime <= frameWindow.endedAt,
    );
    const wallS = (timesAfterAt - timesBeforeAt) / 1000;
    const windowS = (frameWindow.endedAt - windowStart) / 1000;
    return {
      page: target.kind,
      ...(trace === null ? {} : { trace }),
      rate: spec.rate,
      devices: spec.devices,
      seconds: spec.seconds,
      published: load.published,
      achievedRate: load.achievedRate,
      publisherCpu: load.publisherCpu,
      pageMessages,
      lost: pageMessages === null ? null : load.published + sent.length + 1 - pageMessages,
      drained,
      fps: round(frameWindow.frames.length / windowS) ?? 0,
      frameP50: round(percentile(frameGaps, 50)),
      frameP95: round(percentile(frameGaps, 95)),
      frameP99: round(percentile(frameGaps, 99)),
      maxFrame: round(maximum(frameGaps), 0),
      framesOver50: frameGaps.filter((gap) => gap > FRAME_JANK_MS).length,
      ...summarizeLongTasks(inWindow, windowStart + LONG_TASK_STEADY_AFTER_MS),
      markersSent: sent.length,
      markersSeen: sent.filter((m) => seenAt(m.value) !== null).length,
      markerP50: round(percentile(latencies, 50)),
      markerP95: round(percentile(latencies, 95)),
      lagAtEnd: finalSeenAt === null ? null : round(finalSeenAt - load.stoppedAt),
      heapStartMB: round(heapStart / BYTES_PER_MB) ?? 0,
      heapEndMB: round(heapEnd / BYTES_PER_MB) ?? 0,
      heapSamples: heapSamples.map((s) => ({ atS: s.atS, mb: round(s.mb) ?? 0 })),
      taskCpu: round((timesAfter.task - timesBefore.task) / wallS, 3) ?? 0,
      scriptCpu: round((timesAfter.script - timesBefore.script) / wallS, 3) ?? 0,
      machineBusy: round(busyBetween(cpuBefore, cpuAfter), 3) ?? 0,
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await publisher.stop();
    await probed.close();
  }
}

/** Load-time offsets (ms) of the markers: one per MARKER_INTERVAL_MS, none in the last half second. */
function plannedMarkerTimes(seconds: number): number[] {
  const times: number[] = [];
  for (
    let slot = FIRST_MARKER_MS;
    slot < seconds * 1000 - 500 - MARKER_JITTER_MS;
    slot += MARKER_INTERVAL_MS
  ) {
    times.push(slot + Math.random() * MARKER_JITTER_MS);
  }
  return times;
}

/**
 * Publishes warm-up markers until one shows: then the page is connected, subscribed and
 * rendering dev0, which (numbers sort naturally) is its first device card.
 */
async function waitUntilPageReceives(page: Page, control: ControlClient, target: PageTarget): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const value = nextMarker();
    await callProbe(page, 'expectMarkers', [value]);
    control.publishMarker(value);
    const sightings = await waitForSighting(page, value, WARM_UP_REPEAT_MS);
    if (sightings[value] !== undefined) return;
  }
  throw new Error(
    `${target.kind} page showed no marker in ${target.markerSelector} within ${READY_TIMEOUT_MS} ms (${target.url})`,
  );
}

/** Polls the page until `value` was seen or `timeoutMs` passed; returns all sightings. */
async function waitForSighting(
  page: Page,
  value: string,
  timeoutMs: number,
): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sightings = await callProbe(page, 'markerSightings');
    if (sightings[value] !== undefined || Date.now() >= deadline) return sightings;
    await sleep(SIGHTING_POLL_MS);
  }
}

/**
 * Page wall clock minus ours, from the quickest of a few round trips. Both sides read
 * `timeOrigin + now()` on the same machine, so it is near zero; measuring it keeps a skewed
 * browser clock out of the latencies.
 */
async function measureClockOffset(page: Page): Promise<number> {
  let best = { roundTrip: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < 5; i++) {
    const sentAt = epochNow();
    const { epochMs } = await callProbe(page, 'clock');
    const receivedAt = epochNow();
    if (receivedAt - sentAt < best.roundTrip) {
      best = { roundTrip: receivedAt - sentAt, offset: epochMs - (sentAt + receivedAt) / 2 };
    }
  }
  return best.offset;
}

function summarizeLongTasks(tasks: LongTask[], steadyFrom: number) {
  const durations = tasks.map((t) => t.duration);
  return {
    longTasks: tasks.length,
    longTaskMax: round(maximum(durations), 0),
    longTaskMaxAfter1s: round(
      maximum(tasks.filter((t) => t.startTime >= steadyFrom).map((t) => t.duration)),
      0,
    ),
    longTaskTotal:
      round(
        durations.reduce((sum, d) => sum + d, 0),
        0,
      ) ?? 0,
  };
}
