// `npm run bench -- --startup` (with --tablet: CPU 4x slower): issue 13's start-up. A tablet opens
// the dashboard of a house whose Hearth server holds 7 days of history for 200 devices; how long
// until values are on screen (target 1 s), until the charts are drawn (2 s), and whether any task
// took over 100 ms on the way. Each run fills a fresh data directory with the recorder's own
// storage code, starts the server on it with the recorder on, publishes one retained message per
// series to its broker, and opens a fresh Chromium; the times are the page's own (an init script
// polls the DOM at every animation frame from navigation start).
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { connectAsync } from 'mqtt';
import type { ApiDevice, ApiDevicesResponse, ApiHistoryBatchResponse } from '../src/core/historyApi.ts';
import type { InboundMessage } from '../src/core/message.ts';
import { createMemoryStorage } from '../src/server/recorder/memoryStorage.ts';
import { openStorage } from '../src/server/recorder/openStorage.ts';
import { createRecorder, ROLLUP_META } from '../src/server/recorder/recorder.ts';
import type { ReadingRow, SeriesInfo, Storage } from '../src/server/recorder/storage.ts';
import { chromiumVersion, openProbedPage } from './browser.ts';
import { countRetained } from './controlClient.ts';
import { busyBetween, describeMachine, readCpuJiffies } from './machine.ts';
import type { BenchOptions } from './options.ts';
import { callProbe } from './pageProbe.ts';
import { hearthTarget } from './pages.ts';
import { measureQuietly, type QuietLongTask } from './quietPage.ts';
import { RECORDER_SECTION_START } from './recorder.ts';
import type { MachineInfo } from './results.ts';
import { REPO_ROOT, startHearthServer } from './services.ts';
import { maximum, round } from './stats.ts';
import { summarizeTrace, type TraceSummary } from './traceSummary.ts';

export const STARTUP_SECTION_START = '<!-- startup bench: start -->';
export const STARTUP_SECTION_END = '<!-- startup bench: end -->';

/** The house of the issue: 200 devices, each a temperature and an illuminance, 7 days back. */
export const STARTUP_DEVICES = 200;
const HISTORY_DAYS = 7;
const DAY_MS = 24 * 3600_000;
/** One reading every 5 minutes: the server's finer rollup tier. */
export const READING_STEP_MS = 5 * 60_000;
const WRITE_CHUNK_ROWS = 20_000;
/** The charts that must be drawn: `data-chart` is the quantity (TrendChart.tsx, chartGroups.ts). */
const CHART_KEYS = ['temperature', 'illuminance'] as const;
/** What issue 13 asks of a 4x slower tablet. */
export const STARTUP_TARGETS = { valuesMs: 1000, chartsMs: 2000, longestTaskMs: 100 } as const;
const LONG_TASK_LIMIT_MS = 100;
/** The page's measurement gives up this long after navigation. */
const GIVE_UP_MS = 30_000;
/** Long tasks still count this long after the charts are drawn. */
const AFTER_CHARTS_MS = 2000;
/** The charts' window when a page opens (ChartsPanel: '5m'): what its first history request covers. */
const PAGE_CHART_WINDOW_MS = 5 * 60_000;
/** How long the server may take to fold the retained messages into its memory (one flush a second). */
const SERVER_VALUES_TIMEOUT_MS = 30_000;
const MESSAGES_KEPT = 50;
const MESSAGE_CHARS = 300;

/** The two topics of device `n` (1-based), as the load publisher names them (bench/load.ts). */
export function deviceTopics(n: number): { temperature: string; brightness: string } {
  return { temperature: `house/dev${n}/temperature`, brightness: `house/dev${n}/brightness` };
}

/** A room's temperature in °C at `at`: a daily swing, each device a little apart; one decimal. */
export function temperatureAt(device: number, at: number): number {
  const day = (at % DAY_MS) / DAY_MS;
  return Math.round((20 + (device % 7) * 0.4 + 2.5 * Math.sin(2 * Math.PI * (day - 0.3))) * 10) / 10;
}

/** A room's illuminance in lx at `at`: daylight from 6 to 18 h (UTC), a lamp's 40 lx after dark. */
export function illuminanceAt(device: number, at: number): number {
  const hour = ((at % DAY_MS) / DAY_MS) * 24;
  const sun = hour > 6 && hour < 18 ? Math.sin((Math.PI * (hour - 6)) / 12) : 0;
  return Math.round(sun * (200 + (device % 10) * 80) + (hour >= 18 && hour < 23 ? 40 : 0));
}

/** The payload a sensor sends for `metric` (the recorder's native name: the topic's last level). */
function payloadOf(metric: string, device: number, at: number): string {
  return metric === 'brightness' ? String(illuminanceAt(device, at)) : temperatureAt(device, at).toFixed(1);
}

/** Device number of a recorder key or native id, `generic/dev17` → 17. */
export function deviceNumber(key: string): number | null {
  const match = /dev(\d+)$/.exec(key);
  return match === null ? null : Number(match[1]);
}

/** One message per series as a sensor sends it at `at`. */
function latestMessages(devices: number, at: number): InboundMessage[] {
  const encoder = new TextEncoder();
  const messages: InboundMessage[] = [];
  for (let n = 1; n <= devices; n++) {
    for (const [metric, topic] of Object.entries(deviceTopics(n))) {
      messages.push({
        topic,
        payload: encoder.encode(payloadOf(metric, n, at)),
        retained: false,
        receivedAt: at,
      });
    }
  }
  return messages;
}

/**
 * The series and devices the recorder makes of the publisher's topics, from the recorder itself
 * (on a storage in memory): the names, handles, quantities and units the seeded history must
 * carry for the server to find it under its devices.
 */
export async function recorderNames(
  devices: number,
  at: number,
): Promise<{ series: SeriesInfo[]; devices: ApiDevice[] }> {
  const memory = createMemoryStorage();
  const recorder = createRecorder({ storage: memory, log: () => {}, now: () => at });
  await recorder.start();
  for (const message of latestMessages(devices, at)) recorder.push(message);
  await recorder.flush();
  await recorder.stop();
  return {
    series: memory.seriesRows.map(({ id: _, ...info }) => info),
    devices: [...memory.savedDevices.values()],
  };
}

export interface FillOutcome {
  series: number;
  readings: number;
  /** Writing the readings and devices, s. */
  writeSeconds: number;
  /** Rolling them up into the 5-minute and hourly tiers, s. */
  rollUpSeconds: number;
}

/**
 * Writes `days` of one reading every 5 minutes, up to `nowMs`, for `devices` devices' two series
 * through `storage` (the recorder's own code), saves the devices as the recorder would have, and
 * rolls the readings up: `write` keeps raw readings only, the recorder's minutely job rolls up
 * the last few minutes, so a history written at once is rolled up here, and the job's watermark
 * set to where this left off.
 */
export async function fillHistory(
  storage: Storage,
  nowMs: number,
  devices = STARTUP_DEVICES,
  days = HISTORY_DAYS,
): Promise<FillOutcome> {
  const started = performance.now();
  const from = nowMs - days * DAY_MS;
  const last = Math.floor(nowMs / READING_STEP_MS) * READING_STEP_MS;
  const names = await recorderNames(devices, last);
  if (names.series.length !== devices * 2)
    throw new Error(`the recorder made ${names.series.length} series of ${devices * 2} topics`);
  let rows: ReadingRow[] = [];
  let readings = 0;
  for (const info of names.series) {
    const device = deviceNumber(info.device);
    if (device === null) throw new Error(`unexpected device key ${info.device}`);
    const series = await storage.addSeries(info);
    for (let at = Math.ceil(from / READING_STEP_MS) * READING_STEP_MS; at <= last; at += READING_STEP_MS) {
      rows.push({ series, at, value: Number(payloadOf(info.metric, device, at)) });
      if (rows.length >= WRITE_CHUNK_ROWS) {
        await storage.write(rows, []);
        readings += rows.length;
        rows = [];
      }
    }
  }
  await storage.write(rows, []);
  readings += rows.length;
  await storage.saveDevices(names.devices, []);
  const written = performance.now();
  await storage.rollUp(from, nowMs + 1);
  await storage.setMeta(ROLLUP_META, String(nowMs));
  const done = performance.now();
  return {
    series: names.series.length,
    readings,
    writeSeconds: round((written - started) / 1000) ?? 0,
    rollUpSeconds: round((done - written) / 1000) ?? 0,
  };
}

/** What the in-page poller saw, times in ms since navigation start. */
export interface StartupSighting {
  firstCardMs: number | null;
  firstValueMs: number | null;
  /** At least `devices` cards showed a value. */
  valuesMs: number | null;
  /** Every chart of CHART_KEYS had points. */
  chartsMs: number | null;
  /** Each chart's first frame with points. */
  chartMs: Record<string, number | null>;
  /** Whenever the number of cards, or of cards with a value, changed: [ms, with a value, cards]. */
  cards: Array<[number, number, number]>;
  /** The same for the cards inside the window (what is on screen): [ms, with a value, cards]. */
  onScreen: Array<[number, number, number]>;
  /** `data-points` of each chart when the poll ended. */
  chartPoints: Record<string, number>;
  firstContentfulPaintMs: number | null;
  domContentLoadedMs: number | null;
  loadMs: number | null;
  /** The page's requests to the server's API: [path and query, start, response end] ms. */
  apiRequests: Array<[string, number, number]>;
  /** When the poll stopped: charts + AFTER_CHARTS_MS, or GIVE_UP_MS. */
  endedMs: number;
}

interface StartupProbeConfig {
  devices: number;
  charts: readonly string[];
  giveUpMs: number;
  afterChartsMs: number;
}

/** The few browser globals the poller touches (bench/ compiles without the DOM lib). */
interface PollerElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): PollerElement | null;
  querySelector(selector: string): PollerElement | null;
  getBoundingClientRect(): { top: number; bottom: number; left: number; right: number };
}
interface PollerGlobals {
  performance: {
    now(): number;
    getEntriesByName(name: string): Array<{ startTime: number }>;
    getEntriesByType(type: string): Array<{
      name?: string;
      startTime?: number;
      responseEnd?: number;
      domContentLoadedEventStart?: number;
      loadEventStart?: number;
    }>;
  };
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
  innerWidth: number;
  innerHeight: number;
  document: { querySelectorAll(selector: string): Iterable<PollerElement> & { length: number } };
  __startupProbe?: { finished(): Promise<StartupSighting> };
}

/**
 * Runs in the page from navigation start: at every animation frame, counts the cards showing a
 * value and reads the charts' `data-points`, until the charts have been drawn for
 * `afterChartsMs` or `giveUpMs` have passed. Self-contained: it may use nothing but its argument.
 */
function installStartupProbe(config: StartupProbeConfig): void {
  const page = globalThis as unknown as PollerGlobals;
  const sighting: StartupSighting = {
    firstCardMs: null,
    firstValueMs: null,
    valuesMs: null,
    chartsMs: null,
    chartMs: {},
    cards: [],
    onScreen: [],
    chartPoints: {},
    firstContentfulPaintMs: null,
    domContentLoadedMs: null,
    loadMs: null,
    apiRequests: [],
    endedMs: 0,
  };
  for (const key of config.charts) sighting.chartMs[key] = null;
  let done = false;
  let resolveFinished: (sighting: StartupSighting) => void = () => {};
  const finished = new Promise<StartupSighting>((resolve) => {
    resolveFinished = resolve;
  });
  let lastWithValue = -1;
  let lastCards = -1;
  let lastOnScreen = '';

  const finish = (at: number) => {
    if (done) return;
    done = true;
    sighting.endedMs = at;
    sighting.firstContentfulPaintMs =
      page.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const navigation = page.performance.getEntriesByType('navigation')[0];
    sighting.domContentLoadedMs = navigation?.domContentLoadedEventStart ?? null;
    sighting.loadMs = navigation?.loadEventStart || null;
    for (const entry of page.performance.getEntriesByType('resource')) {
      const name = entry.name ?? '';
      const at = name.indexOf('/api/');
      if (at >= 0) sighting.apiRequests.push([name.slice(at), entry.startTime ?? 0, entry.responseEnd ?? 0]);
    }
    resolveFinished(sighting);
  };

  const poll = () => {
    if (done) return;
    const at = page.performance.now();
    const cards = page.document.querySelectorAll('[data-device-id]').length;
    const withValue = new Set<string>();
    for (const element of page.document.querySelectorAll('[data-device-id] [data-metric]')) {
      if ((element.textContent ?? '').trim() === '') continue;
      const id = element.closest('[data-device-id]')?.getAttribute('data-device-id');
      if (id !== null && id !== undefined) withValue.add(id);
    }
    if (cards > 0) sighting.firstCardMs ??= at;
    if (withValue.size > 0) sighting.firstValueMs ??= at;
    if (withValue.size >= config.devices) sighting.valuesMs ??= at;
    // On screen: a card inside the window. Measured in the frame's callback, where the layout is
    // due anyway (this moves it earlier in the frame, it adds none).
    let onScreen = 0;
    let onScreenWithValue = 0;
    for (const card of page.document.querySelectorAll('[data-device-id]')) {
      const box = card.getBoundingClientRect();
      if (box.bottom <= 0 || box.top >= page.innerHeight || box.right <= 0 || box.left >= page.innerWidth)
        continue;
      onScreen += 1;
      if ((card.querySelector('[data-metric]')?.textContent ?? '').trim() !== '') onScreenWithValue += 1;
    }
    if (`${onScreenWithValue}/${onScreen}` !== lastOnScreen) {
      sighting.onScreen.push([at, onScreenWithValue, onScreen]);
      lastOnScreen = `${onScreenWithValue}/${onScreen}`;
    }
    if (withValue.size !== lastWithValue || cards !== lastCards) {
      sighting.cards.push([at, withValue.size, cards]);
      lastWithValue = withValue.size;
      lastCards = cards;
    }
    for (const figure of page.document.querySelectorAll('figure[data-chart]')) {
      const key = figure.getAttribute('data-chart') ?? '';
      const points = Number(figure.getAttribute('data-points') ?? 0) || 0;
      sighting.chartPoints[key] = points;
      if (points > 0 && sighting.chartMs[key] === null) sighting.chartMs[key] = at;
    }
    if (sighting.chartsMs === null && config.charts.every((key) => sighting.chartMs[key] != null)) {
      sighting.chartsMs = at;
      page.setTimeout(() => finish(page.performance.now()), config.afterChartsMs);
    }
    page.requestAnimationFrame(poll);
  };
  page.requestAnimationFrame(poll);
  // Ends even if frames stop coming.
  page.setTimeout(() => {
    if (sighting.chartsMs === null) finish(page.performance.now());
  }, config.giveUpMs);
  page.__startupProbe = { finished: () => finished };
}

export interface StartupRun extends LoadFigures {
  devices: number;
  days: number;
  cpuThrottle: number;
  url: string;
  fill: FillOutcome & { seconds: number; databaseMB: number };
  /** Starting the server (it rebuilds dist/ when stale), s. */
  serverStartSeconds: number;
  /** What the server said before the page opened. */
  server: ServerCheck;
  /** Long tasks (over 50 ms) from navigation to the end of the window. */
  longTasks: number;
  longTaskTotalMs: number;
  /** Most cards showing a value at once, and most cards on the page. */
  cardsWithValueMax: number;
  cardsMax: number;
  sighting: StartupSighting;
  /**
   * The same load in a browser with no DevTools domain on the page, as a tablet runs it (see
   * quietPage.ts); null if that load failed (the reason is among `problems`).
   */
  quiet: LoadFigures | null;
  consoleErrors: string[];
  pageErrors: string[];
  /** Responses of 400 and over, and requests that failed. */
  requestProblems: string[];
  /** What did not look right on the way (the server's answers). */
  problems: string[];
  /** All cores busy from the browser's launch to the end of the page's window (/proc/stat). */
  machineBusy: number;
}

/** The start-up figures of one load (with Playwright, or without DevTools). */
export interface LoadFigures {
  /** When every card inside the window first had a value (at the most the window held), and how many. */
  onScreenValuesMs: number | null;
  onScreenCardsMax: number;
  valuesMs: number | null;
  /** When the cards with a value first reached their most. */
  allShownValuesMs: number | null;
  chartsMs: number | null;
  longestTaskMs: number | null;
  tasksOver100: number;
  /** Tasks over 100 ms: [start, duration] ms. */
  tasksOver100List: Array<[number, number]>;
  firstContentfulPaintMs: number | null;
}

/** The figures of one load: its page's own sighting and the long tasks until the sighting ended. */
export function loadFigures(sighting: StartupSighting, tasks: readonly QuietLongTask[]): LoadFigures {
  const within = tasks.filter((task) => task.startTime <= sighting.endedMs);
  const over = within.filter((task) => task.duration > LONG_TASK_LIMIT_MS);
  const onScreen = firstAtMost(sighting.onScreen);
  return {
    onScreenValuesMs: round(onScreen.at, 0),
    onScreenCardsMax: onScreen.withValueMax,
    valuesMs: round(sighting.valuesMs, 0),
    allShownValuesMs: round(firstAtMost(sighting.cards).at, 0),
    chartsMs: round(sighting.chartsMs, 0),
    longestTaskMs: round(maximum(within.map((task) => task.duration)), 0),
    tasksOver100: over.length,
    tasksOver100List: over.map((task) => [Math.round(task.startTime), Math.round(task.duration)]),
    firstContentfulPaintMs: round(sighting.firstContentfulPaintMs, 0),
  };
}

export interface StartupResults {
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  cpuThrottle: number;
  startup: StartupRun | null;
  failures: Array<{ what: string; reason: string }>;
}

export interface ServerCheck {
  /** Broker's retained messages under house/# after publishing. */
  retained: number;
  /** Ms from publishing until `/api/devices` had every value. */
  valuesInMemoryMs: number | null;
  /** Devices `/api/devices` lists, and those whose readings all came from the retained publish. */
  devices: number;
  devicesFresh: number;
  devicesBytes: number;
  /** `/api/history?quantity=` over 7 days (500 points) and over the page's default 5 minutes. */
  history: Record<string, HistoryCheck>;
}

export interface HistoryCheck {
  weekSeries: number;
  weekMinPoints: number;
  weekTier: string;
  weekMs: number;
  fiveMinuteSeries: number;
  fiveMinutePoints: number;
}

/** How long the broker may take to hand back every retained value. */
const RETAINED_WAIT_MS = 10_000;

/** Publishes one retained value per series and waits until the broker hands them all back. */
async function publishLatest(brokerTcpUrl: string, devices: number, at: number): Promise<number> {
  const client = await connectAsync(brokerTcpUrl, { clientId: `hearth-bench-startup-${process.pid}` });
  try {
    const messages = latestMessages(devices, at);
    for (const [index, message] of messages.entries()) {
      const payload = Buffer.from(message.payload);
      // The last one at QoS 1: once the broker acknowledged it, it has taken every one before it.
      if (index < messages.length - 1) client.publish(message.topic, payload, { qos: 0, retain: true });
      else await client.publishAsync(message.topic, payload, { qos: 1, retain: true });
    }
  } finally {
    await client.endAsync();
  }
  return countRetained(brokerTcpUrl, devices * 2, RETAINED_WAIT_MS);
}

async function getJson<T>(url: string): Promise<{ body: T; ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { 'accept-encoding': 'gzip, br' } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
  return {
    body: JSON.parse(text) as T,
    ms,
    bytes: Number(response.headers.get('content-length') ?? text.length),
  };
}

/** Devices whose every reading came at or after `since` (the retained publish reached the recorder). */
export function freshDevices(devices: readonly ApiDevice[], since: number): number {
  return devices.filter(
    (device) =>
      device.readings.length >= 2 && device.readings.every((reading) => reading.receivedAt >= since),
  ).length;
}

/** Waits until the server's memory holds the published values, then asks for the history the page will. */
async function checkServer(
  pageUrl: string,
  devices: number,
  publishedAt: number,
  retained: number,
  problems: string[],
): Promise<ServerCheck> {
  const started = performance.now();
  let answer = await getJson<ApiDevicesResponse>(`${pageUrl}api/devices`);
  let valuesInMemoryMs: number | null = null;
  while (performance.now() - started < SERVER_VALUES_TIMEOUT_MS) {
    if (freshDevices(answer.body.devices, publishedAt) >= devices) {
      valuesInMemoryMs = Math.round(performance.now() - started);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    answer = await getJson<ApiDevicesResponse>(`${pageUrl}api/devices`);
  }
  const fresh = freshDevices(answer.body.devices, publishedAt);
  if (answer.body.devices.length !== devices)
    problems.push(`/api/devices lists ${answer.body.devices.length} devices, not ${devices}`);
  if (fresh < devices)
    problems.push(`/api/devices has the retained values of ${fresh} of ${devices} devices after 30 s`);
  if (retained < devices * 2) problems.push(`the broker holds ${retained} of ${devices * 2} retained values`);

  const history: Record<string, HistoryCheck> = {};
  const now = Date.now();
  for (const quantity of CHART_KEYS) {
    const week = await getJson<ApiHistoryBatchResponse>(
      `${pageUrl}api/history?quantity=${quantity}&from=${now - HISTORY_DAYS * DAY_MS}&to=${now}&points=500`,
    );
    const recent = await getJson<ApiHistoryBatchResponse>(
      `${pageUrl}api/history?quantity=${quantity}&from=${now - PAGE_CHART_WINDOW_MS}&to=${now}&points=360`,
    );
    const points = week.body.series.map((series) => series.points.length);
    history[quantity] = {
      weekSeries: week.body.series.length,
      weekMinPoints: points.length === 0 ? 0 : Math.min(...points),
      weekTier: [...new Set(week.body.series.map((series) => series.tier))].join(', ') || 'none',
      weekMs: Math.round(week.ms),
      fiveMinuteSeries: recent.body.series.length,
      fiveMinutePoints: recent.body.series.reduce((sum, series) => sum + series.points.length, 0),
    };
    if (week.body.series.length !== devices)
      problems.push(
        `/api/history?quantity=${quantity} answers ${week.body.series.length} series, not ${devices}`,
      );
    // 7 days at 500 points: the server thins 2,016 readings to at most 500, and any series with
    // only a few points is one the seeded history did not reach.
    if ((history[quantity]?.weekMinPoints ?? 0) < 100)
      problems.push(`a ${quantity} series has ${history[quantity]?.weekMinPoints} points over 7 days`);
  }
  return {
    retained,
    valuesInMemoryMs,
    devices: answer.body.devices.length,
    devicesFresh: fresh,
    devicesBytes: answer.bytes,
    history,
  };
}

/** Keeps a bounded, de-duplicated list of messages: "text (×3)". */
function collector(): { add(text: string): void; list(): string[] } {
  const counts = new Map<string, number>();
  return {
    add(text) {
      const key = text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)}…` : text;
      if (counts.has(key) || counts.size < MESSAGES_KEPT) counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    list: () => [...counts].map(([text, count]) => (count > 1 ? `${text} (×${count})` : text)),
  };
}

/** When the count of cards with a value first reached its highest. */
export function firstAtMost(cards: ReadonlyArray<[number, number, number]>): {
  withValueMax: number;
  cardsMax: number;
  at: number | null;
} {
  const withValueMax = cards.reduce((most, [, withValue]) => Math.max(most, withValue), 0);
  const cardsMax = cards.reduce((most, [, , count]) => Math.max(most, count), 0);
  const first = cards.find(([, withValue]) => withValue === withValueMax && withValue > 0);
  return { withValueMax, cardsMax, at: first === undefined ? null : first[0] };
}

function probeConfig(): StartupProbeConfig {
  return {
    devices: STARTUP_DEVICES,
    charts: CHART_KEYS,
    giveUpMs: GIVE_UP_MS,
    afterChartsMs: AFTER_CHARTS_MS,
  };
}

async function measurePage(
  url: string,
  cpuThrottle: number,
  traceDir: string | null,
): Promise<{
  sighting: StartupSighting;
  tasks: Array<{ startTime: number; duration: number }>;
  consoleErrors: string[];
  pageErrors: string[];
  requestProblems: string[];
  machineBusy: number;
  /** With a trace: the main thread's self time by kind, from navigation to values on every card. */
  untilValues: TraceSummary | null;
}> {
  const jiffiesBefore = readCpuJiffies();
  const consoleErrors = collector();
  const pageErrors = collector();
  const requestProblems = collector();
  const config = probeConfig();
  const probed = await openProbedPage(
    url,
    { markerSelector: '[data-marker]', storeTarget: null },
    cpuThrottle,
    {
      async beforeNavigation(page: Page) {
        page.on('console', (message) => {
          if (message.type() === 'error') consoleErrors.add(message.text());
        });
        page.on('pageerror', (error) => pageErrors.add(error.message));
        page.on('response', (response) => {
          if (response.status() >= 400) requestProblems.add(`${response.status()} ${response.url()}`);
        });
        page.on('requestfailed', (request) =>
          requestProblems.add(`failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`),
        );
        await page.addInitScript(installStartupProbe, config);
      },
      recordFromStart: traceDir !== null,
    },
  );
  try {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sighting = (await Promise.race([
      probed.page.evaluate('window.__startupProbe.finished()'),
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`the page's own measurement did not end within ${(GIVE_UP_MS * 2) / 1000} s`)),
          GIVE_UP_MS * 2,
        );
      }),
    ]).finally(() => clearTimeout(timer))) as StartupSighting;
    const tasks = (await callProbe(probed.page, 'longTasks')).filter(
      (task) => task.startTime <= sighting.endedMs,
    );
    let untilValues: TraceSummary | null = null;
    if (traceDir !== null) {
      const events = await probed.stopTrace();
      const profile = await probed.stopProfile();
      await mkdir(traceDir, { recursive: true });
      await writeFile(path.join(traceDir, 'startup.json'), JSON.stringify({ traceEvents: events }));
      await writeFile(path.join(traceDir, 'startup.cpuprofile'), JSON.stringify(profile));
      // The page's own navigation (the trace also holds its workers' and the blank page's).
      const navigationUs = events.find(
        (event) => event.name === 'navigationStart' && event.args?.data?.documentLoaderURL === url,
      )?.ts;
      const valuesAt = firstAtMost(sighting.cards).at;
      if (navigationUs !== undefined && valuesAt !== null)
        untilValues = summarizeTrace(events, navigationUs, navigationUs + valuesAt * 1000);
    }
    return {
      sighting,
      tasks,
      consoleErrors: consoleErrors.list(),
      pageErrors: pageErrors.list(),
      requestProblems: requestProblems.list(),
      machineBusy: round(busyBetween(jiffiesBefore, readCpuJiffies()), 2) ?? 0,
      untilValues,
    };
  } finally {
    await probed.close();
  }
}

async function sqliteMB(dataDir: string): Promise<number> {
  let bytes = 0;
  for (const name of ['hearth.db', 'hearth.db-wal']) {
    bytes += await stat(path.join(dataDir, name)).then(
      (info) => info.size,
      () => 0,
    );
  }
  return round(bytes / 1e6) ?? 0;
}

/** One start-up: fill, serve, publish, open the page, measure; the data directory goes with it. */
export async function measureStartup(
  options: Pick<BenchOptions, 'cpuThrottle' | 'hearthParams' | 'traceDir'>,
  defer: (step: () => Promise<void>) => void,
  log: (line: string) => void,
): Promise<StartupRun> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-startup-'));
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  defer(removeDataDir);
  try {
    log(
      `Filling ${dataDir} with ${HISTORY_DAYS} days of ${STARTUP_DEVICES} devices (2 series each, every 5 min)…`,
    );
    const fillStarted = performance.now();
    const storage = await openStorage({ dataDir }, log);
    let fill: FillOutcome;
    try {
      fill = await fillHistory(storage, Date.now());
    } finally {
      await storage.close();
    }
    const fillSeconds = round((performance.now() - fillStarted) / 1000) ?? 0;
    const databaseMB = await sqliteMB(dataDir);
    log(
      `  ${fill.readings.toLocaleString('en-US')} readings in ${fillSeconds} s (written ${fill.writeSeconds} s, rolled up ${fill.rollUpSeconds} s), ${databaseMB} MB`,
    );

    log('Starting the Hearth server with the recorder on (it builds the dashboard if needed)…');
    const serverStarted = performance.now();
    const server = await startHearthServer({ recorder: { dataDir } });
    defer(server.stop);
    try {
      const serverStartSeconds = round((performance.now() - serverStarted) / 1000) ?? 0;
      const { pageUrl, broker } = server.info;
      log(
        `  ready in ${serverStartSeconds} s at ${pageUrl}; publishing ${STARTUP_DEVICES * 2} retained values…`,
      );
      const publishedAt = Date.now();
      const retained = await publishLatest(broker.tcpUrl, STARTUP_DEVICES, publishedAt);
      const problems: string[] = [];
      const check = await checkServer(pageUrl, STARTUP_DEVICES, publishedAt, retained, problems);
      log(
        `  broker holds ${retained} retained values; /api/devices: ${check.devicesFresh} of ${check.devices} devices with them after ${check.valuesInMemoryMs ?? 'never'} ms; ` +
          CHART_KEYS.map(
            (key) =>
              `${key} 7 d: ${check.history[key]?.weekSeries} series ≥ ${check.history[key]?.weekMinPoints} points (${check.history[key]?.weekTier}, ${check.history[key]?.weekMs} ms)`,
          ).join(', '),
      );
      for (const problem of problems) log(`  problem: ${problem}`);

      const target = hearthTarget(pageUrl, broker, options.hearthParams);
      log(
        `Opening ${target.url} in a fresh Chromium${options.cpuThrottle > 1 ? `, CPU ${options.cpuThrottle}x slower` : ''}…`,
      );
      const page = await measurePage(target.url, options.cpuThrottle, options.traceDir);
      if (page.untilValues !== null) {
        const kinds = page.untilValues;
        log(
          `  main thread until values shown (trace, ms): script ${Math.round(kinds.scriptingMs)}, style and layout ${Math.round(kinds.styleLayoutMs)}, paint ${Math.round(kinds.paintMs)}, GC ${Math.round(kinds.gcMs)}, other ${Math.round(kinds.otherMs)}; kept in ${options.traceDir}`,
        );
      }
      log(`Opening it again in a fresh Chromium with no DevTools domain on the page (as a tablet runs it)…`);
      let quiet: LoadFigures | null = null;
      try {
        const config = probeConfig();
        const measured = await measureQuietly<StartupSighting>(
          target.url,
          options.cpuThrottle,
          // tsx keeps function names with a helper the page lacks: an identity stands in for it.
          `(() => { const __name = (f) => f; (${installStartupProbe.toString()})(${JSON.stringify(config)}); })();`,
          'window.__startupProbe.finished()',
        );
        quiet = loadFigures(measured.result, measured.longTasks);
      } catch (error) {
        problems.push(
          `the load without DevTools failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const durations = page.tasks.map((task) => task.duration);
      const cards = firstAtMost(page.sighting.cards);
      return {
        ...loadFigures(page.sighting, page.tasks),
        devices: STARTUP_DEVICES,
        days: HISTORY_DAYS,
        cpuThrottle: options.cpuThrottle,
        url: target.url,
        fill: { ...fill, seconds: fillSeconds, databaseMB },
        serverStartSeconds,
        server: check,
        longTasks: page.tasks.length,
        longTaskTotalMs:
          round(
            durations.reduce((sum, d) => sum + d, 0),
            0,
          ) ?? 0,
        cardsWithValueMax: cards.withValueMax,
        cardsMax: cards.cardsMax,
        sighting: page.sighting,
        quiet,
        consoleErrors: page.consoleErrors,
        pageErrors: page.pageErrors,
        requestProblems: page.requestProblems,
        problems,
        machineBusy: page.machineBusy,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await removeDataDir();
  }
}

const formatMs = (value: number | null, missing = `not reached in ${GIVE_UP_MS / 1000} s`) =>
  value === null ? missing : value.toLocaleString('en-US');
const met = (ok: boolean | null) => (ok === null ? '—' : ok ? 'yes' : 'no');

/**
 * The issue's three figures (and the count of tasks over 100 ms) beside its targets: as measured
 * under Playwright, and without DevTools (what a tablet runs, see quietPage.ts). "met" is said
 * for each of the two.
 */
export function renderStartupTable(run: StartupRun): string {
  const q = run.quiet;
  const within = (value: number | null, target: number) => value !== null && value <= target;
  type Row = {
    label: string;
    value: string;
    quiet: string;
    target: string;
    ok: boolean;
    quietOk: boolean | null;
  };
  const timeRow = (
    label: string,
    value: number | null,
    quiet: number | null | undefined,
    target: number,
  ): Row => ({
    label,
    value: formatMs(value),
    quiet: q === null ? '—' : formatMs(quiet ?? null),
    target: target.toLocaleString('en-US'),
    ok: within(value, target),
    quietOk: q === null ? null : within(quiet ?? null, target),
  });
  const rows: Row[] = [
    // What a user sees first: the cards inside the window, each with its value.
    timeRow(
      `values on screen (${run.onScreenCardsMax} cards in the window with a value), ms`,
      run.onScreenValuesMs,
      q?.onScreenValuesMs,
      STARTUP_TARGETS.valuesMs,
    ),
    timeRow(
      `values on screen (${run.devices} cards with a value), ms`,
      run.valuesMs,
      q?.valuesMs,
      STARTUP_TARGETS.valuesMs,
    ),
  ];
  // The grid may show fewer cards than there are devices (it pages them): when did those it shows all have one?
  if (run.cardsMax < run.devices)
    rows.push(
      timeRow(
        `values on every card shown (${run.cardsMax} of ${run.devices}), ms`,
        run.allShownValuesMs,
        q?.allShownValuesMs,
        STARTUP_TARGETS.valuesMs,
      ),
    );
  rows.push(
    timeRow(
      `charts drawn (${CHART_KEYS.join(' and ')}), ms`,
      run.chartsMs,
      q?.chartsMs,
      STARTUP_TARGETS.chartsMs,
    ),
    {
      label: 'longest task, ms',
      value: formatMs(run.longestTaskMs, 'none over 50'),
      quiet: q === null ? '—' : formatMs(q.longestTaskMs, 'none over 50'),
      target: STARTUP_TARGETS.longestTaskMs.toLocaleString('en-US'),
      ok: (run.longestTaskMs ?? 0) <= STARTUP_TARGETS.longestTaskMs,
      quietOk: q === null ? null : (q.longestTaskMs ?? 0) <= STARTUP_TARGETS.longestTaskMs,
    },
    {
      label: 'tasks over 100 ms',
      value: String(run.tasksOver100),
      quiet: q === null ? '—' : String(q.tasksOver100),
      target: '0',
      ok: run.tasksOver100 === 0,
      quietOk: q === null ? null : q.tasksOver100 === 0,
    },
  );
  return [
    `| start-up${run.cpuThrottle > 1 ? `, CPU ${run.cpuThrottle}x slower` : ''} | Playwright | no DevTools | target | met (Playwright / no DevTools) |`,
    '|---|--:|--:|--:|:-:|',
    ...rows.map(
      (row) =>
        `| ${row.label} | ${row.value} | ${row.quiet} | ${row.target} | ${met(row.ok)} / ${met(row.quietOk)} |`,
    ),
  ].join('\n');
}

/** What else the run saw, one line each. */
export function renderStartupNotes(run: StartupRun): string[] {
  const s = run.sighting;
  const charts = CHART_KEYS.map(
    (key) =>
      `${key} ${formatMs(round(s.chartMs[key] ?? null, 0), 'never')} ms (${s.chartPoints[key] ?? 0} points)`,
  ).join(', ');
  const lines = [
    `Every card the page showed had a value after ${formatMs(run.allShownValuesMs, 'never')} ms (${run.cardsWithValueMax} cards with a value, ${run.cardsMax} cards on the page at most); first card ${formatMs(round(s.firstCardMs, 0), 'never')} ms, first value ${formatMs(round(s.firstValueMs, 0), 'never')} ms, first contentful paint ${formatMs(round(s.firstContentfulPaintMs, 0), '?')} ms, load event ${formatMs(round(s.loadMs, 0), '?')} ms.`,
    `Charts with points: ${charts}.`,
    `API requests of the page (start → end, ms): ${
      s.apiRequests
        .map(([what, start, end]) => `${what.split('&from=')[0]} ${Math.round(start)} → ${Math.round(end)}`)
        .join(', ') || 'none'
    }.`,
    `Long tasks (over 50 ms) until ${Math.round(s.endedMs).toLocaleString('en-US')} ms: ${run.longTasks}, ${run.longTaskTotalMs.toLocaleString('en-US')} ms in all${run.tasksOver100List.length > 0 ? `; over 100 ms at ${run.tasksOver100List.map(([at, ms]) => `${at} (${ms} ms)`).join(', ')}` : ''}.`,
    run.quiet === null
      ? 'No load without DevTools: it failed (see the problems below).'
      : `Without DevTools: first contentful paint ${formatMs(run.quiet.firstContentfulPaintMs, '?')} ms; tasks over 100 ms${run.quiet.tasksOver100List.length > 0 ? ` at ${run.quiet.tasksOver100List.map(([at, ms]) => `${at} (${ms} ms)`).join(', ')}` : ': none'}.`,
    `Server: ${run.server.devices} devices in /api/devices (${run.server.devicesBytes.toLocaleString('en-US')} bytes compressed), ${run.server.retained} retained values on the broker; 7 days of ${CHART_KEYS.map((key) => `${key}: ${run.server.history[key]?.weekSeries ?? 0} series in ${run.server.history[key]?.weekMs ?? '?'} ms`).join(', ')}.`,
    `Filling: ${run.fill.readings.toLocaleString('en-US')} readings of ${run.fill.series} series in ${run.fill.seconds} s (rolled up in ${run.fill.rollUpSeconds} s), ${run.fill.databaseMB} MB of SQLite; the server started in ${run.serverStartSeconds} s.`,
    `Page: ${run.consoleErrors.length} console errors, ${run.pageErrors.length} uncaught errors, ${run.requestProblems.length} failed requests; the machine was ${Math.round(run.machineBusy * 100)} % busy (all cores) meanwhile.`,
  ];
  for (const problem of run.problems) lines.push(`Problem: ${problem}.`);
  return lines;
}

/** The start-up section of docs/performance.md, between its markers. */
export function renderStartupSection(results: StartupResults): string {
  const run = results.startup;
  const { machine } = results;
  const body =
    run === null
      ? `Not measured: ${results.failures.map((failure) => failure.reason).join('; ')}`
      : `${renderStartupTable(run)}\n\n${renderStartupNotes(run)
          .map((line) => `- ${line}`)
          .join('\n')}`;
  return `${STARTUP_SECTION_START}
## Start-up: a tablet opening 7 days of 200 devices

Issue 13: on a tablet (CPU 4x slower), values on screen within 1 s of navigation, charts within
2 s, no task over 100 ms. Rewritten by \`npm run bench -- --startup --tablet --write-doc\`.

- Date: ${results.startedAt.slice(0, 10)}; CPU: ${machine.cpuModel}, ${machine.cores} cores${results.cpuThrottle > 1 ? `, slowed ${results.cpuThrottle}x for the page` : ''}; Chromium ${machine.chromium}.

${body}

How it is measured: \`bench/startup.ts\` fills a fresh data directory with the recorder's own storage
code (${HISTORY_DAYS} days of one reading every 5 minutes for ${STARTUP_DEVICES} devices, a temperature and an
illuminance each, named as the recorder names \`house/devN/temperature\` and \`house/devN/brightness\`,
rolled up), starts the Hearth server on it with the recorder on, publishes one retained value per
series to its broker and waits until \`/api/devices\` has them all. Then a fresh headless Chromium
(1280×800, CPU throttled through CDP before navigation) opens the dashboard; an init script polls
the DOM at every animation frame from navigation start. "Values on screen" is the first frame in
which every card inside the window (\`[data-device-id]\` whose box meets the viewport) shows text in
its first \`[data-metric]\`, at the most cards the window ever held with a value; "values on every card
shown" the same for every card in the page (the grid pages at 60), and the ${STARTUP_DEVICES}-card row
the first frame with ${STARTUP_DEVICES} such cards; "charts drawn" the first frame
where the \`figure[data-chart]\` of both quantities has \`data-points\` above 0. Long tasks are the
page's \`longtask\` entries from navigation until ${AFTER_CHARTS_MS / 1000} s after the charts are drawn (or ${GIVE_UP_MS / 1000} s); a
worker's tasks are not among them.

Each start-up is measured twice, in two fresh browsers. "Playwright" is the page as Playwright (and
Lighthouse) drive it, with DevTools' Runtime domain on: Chromium then records a detailed stack for
every Error the page creates, and naming the frames of the five that React creates at load makes V8
parse react-dom's module function and the bundle's top level a second time, a task of 400 to 700 ms
on the slowed CPU. "No DevTools" is the same load with nothing on the page but the Page and
Emulation domains (\`bench/quietPage.ts\`: Chromium driven over its own DevTools socket, the same
probe, the figures read once it is done): what a wall tablet runs.
${STARTUP_SECTION_END}`;
}

/** `doc` with its start-up section replaced, or added before the recorder's (or at the end). */
export function withStartupSection(doc: string, section: string, recorderStart: string): string {
  const start = doc.indexOf(STARTUP_SECTION_START);
  const end = doc.indexOf(STARTUP_SECTION_END);
  if (start >= 0 && end > start)
    return doc.slice(0, start) + section + doc.slice(end + STARTUP_SECTION_END.length);
  const recorder = doc.indexOf(recorderStart);
  if (recorder >= 0) return `${doc.slice(0, recorder)}${section}\n\n${doc.slice(recorder)}`;
  return `${doc.trimEnd()}\n\n${section}\n`;
}

/** `npm run bench -- --startup`: one measured start-up, its table, its JSON and, with --write-doc, its section. */
export async function runStartupBench(
  options: BenchOptions,
  defer: (step: () => Promise<void>) => void,
  log: (line: string) => void,
): Promise<number> {
  const startedAt = new Date();
  const machine = describeMachine(await chromiumVersion());
  const failures: StartupResults['failures'] = [];
  let run: StartupRun | null = null;
  try {
    run = await measureStartup(options, defer, log);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    failures.push({ what: 'start-up', reason });
    log(`  failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const results: StartupResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    cpuThrottle: options.cpuThrottle,
    startup: run,
    failures,
  };
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = options.outFile ?? path.join(REPO_ROOT, 'bench', 'results', `startup-${stamp}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  if (run !== null) {
    console.log(renderStartupTable(run));
    console.log('');
    for (const line of renderStartupNotes(run)) console.log(`- ${line}`);
    for (const [what, list] of [
      ['console error', run.consoleErrors],
      ['uncaught error', run.pageErrors],
      ['request problem', run.requestProblems],
    ] as const) {
      for (const text of list) console.log(`  ${what}: ${text}`);
    }
  }
  log(`\nResults: ${path.relative(process.cwd(), file)}`);
  if (options.writeDoc) {
    const doc = path.join(REPO_ROOT, 'docs', 'performance.md');
    const before = await readFile(doc, 'utf8').catch(() => '');
    await writeFile(doc, withStartupSection(before, renderStartupSection(results), RECORDER_SECTION_START));
    log('Rewrote the start-up section of docs/performance.md');
  }
  return failures.length > 0 ? 1 : 0;
}
