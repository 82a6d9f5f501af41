import { interpretInbound } from '../../core/conventions/interpret.ts';
import { createConventionMemory } from '../../core/conventions/memory.ts';
import { type Device, deviceKey, EMPTY_FLEET, type Fleet } from '../../core/device.ts';
import { DEFAULT_FOLD_LIMITS, foldBatch } from '../../core/fold.ts';
import type { Interpretation, InterpretedMessage } from '../../core/interpretation.ts';
import type { InboundMessage } from '../../core/message.ts';
import type { Outage } from '../../core/snapshot.ts';
import { type Deafness, refreshStatuses } from '../../core/status.ts';
import { restoreDevice } from './apiDevice.ts';
import { commandEvents, confirmationEvents, createControlWatch, indexControls } from './controlEvents.ts';
import { cachedDevices, createDeviceCache, markChanged, takeUnsaved } from './deviceCache.ts';
import {
  createProblemLog,
  describeDatabaseError,
  failureLine,
  formatCount,
  recoveryLine,
} from './problemLog.ts';
import { statusEvents, switchEvents } from './recorderEvents.ts';
import {
  addStoredSeries,
  createSeriesCatalog,
  readingRows,
  type SeriesCatalog,
  seriesList,
  seriesToAdd,
  trimWaiting,
} from './seriesCatalog.ts';
import {
  DEFAULT_RETENTION,
  type EventRow,
  type RecorderView,
  type Retention,
  type Storage,
} from './storage.ts';
import { createStorageQueue } from './storageQueue.ts';
import { appendRows, createWriteBacklog, pendingReadings, returnRows, takeRows } from './writeBacklog.ts';

export interface RecorderOptions {
  storage: Storage;
  log(line: string): void;
  now?: () => number;
  retention?: Retention;
  /** Silence after which a device is stale: the dashboard's default (settings.ts: 60 s). */
  staleAfterMs?: number;
  flushMs?: number;
  /** Queued messages that start a flush before `flushMs`. */
  flushRows?: number;
  /** Readings kept in memory while the database cannot write, oldest dropped past it. */
  backlogMax?: number;
}

export interface RecorderHealth {
  written: number;
  dropped: number;
  backlog: number;
  lastError: string | null;
}

export interface Recorder extends RecorderView {
  /** Loads series and devices from storage and notes the time the recorder was not running. */
  start(): Promise<void>;
  /** Queues one message (O(1), never waits); it is read and written at the next flush. */
  push(message: InboundMessage): void;
  /** The broker connection was lost (an open outage) or is back (the outage ends). */
  setListening(listening: boolean, at: number): void;
  /** Reads everything queued and writes what it can (the timer calls it; tests and `stop` too). */
  flush(): Promise<void>;
  /** Flushes everything, saves devices and the recorder's last sign of life. */
  stop(): Promise<void>;
  health(): RecorderHealth;
}

const STATUS_TICK_MS = 10_000;
const ROLLUP_EVERY_MS = 60_000;
const ROLLUP_OVERLAP_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 3600_000;
const FIRST_PRUNE_AFTER_MS = 60_000;
const SAVE_DEVICES_EVERY_MS = 5000;
const ALIVE_EVERY_MS = 5000;
/** A restart quicker than this is not worth an outage in the log. */
const OUTAGE_MIN_MS = 5000;
/** Closed deafness spans kept for status rules (a device silent across more is stale anyway). */
const SPANS_MAX = 100;
/** Rows per storage write: a backlog written back after an outage goes in slices, not one giant transaction. */
const WRITE_MAX_ROWS = 20_000;

export const ALIVE_META = 'alive';
export const ROLLUP_META = 'rollup-watermark';

/**
 * The recorder: reads every message the broker carries with the dashboard's own interpretation
 * (`interpretInbound` then `foldBatch`), and writes live readings and state-change events to the
 * storage in one batch per flush. Ingest never waits on the database: a write that fails keeps
 * its rows in a bounded backlog and is retried each flush.
 */
export function createRecorder(options: RecorderOptions): Recorder {
  const { storage, log } = options;
  const now = options.now ?? Date.now;
  const retention = options.retention ?? DEFAULT_RETENTION;
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  const flushMs = options.flushMs ?? 1000;
  const flushRows = options.flushRows ?? 5000;
  const backlogMax = options.backlogMax ?? 500_000;

  const memory = createConventionMemory();
  const watch = createControlWatch();
  const devices = createDeviceCache();
  const backlog = createWriteBacklog(backlogMax);
  const queue = createStorageQueue();
  const writeProblem = createProblemLog();
  const jobProblem = createProblemLog();
  let catalog: SeriesCatalog = createSeriesCatalog([]);
  let fleet: Fleet = EMPTY_FLEET;
  let inbox: InboundMessage[] = [];
  /** The topics each device spoke on (see `ApiDevice.topics`). */
  const deviceTopics = new Map<string, string[]>();
  const topicsOf = (key: string): readonly string[] => deviceTopics.get(key) ?? [];
  /** The topic each reading's latest value came on, by `device\u0000metric`. */
  const readingTopics = new Map<string, string>();
  const metricTopic = (key: string, metric: string): string | null =>
    readingTopics.get(`${key}\u0000${metric}`) ?? null;
  let inFlight: ReturnType<typeof takeRows> | null = null;
  let writing: Promise<void> | null = null;
  let written = 0;
  let droppedElsewhere = 0;
  let lastError: string | null = null;
  let lastAliveAt = 0;
  let lastSavedAt = 0;
  let flushSoon: ReturnType<typeof setTimeout> | null = null;
  const timers: Array<ReturnType<typeof setInterval>> = [];
  const spans: Outage[] = [];
  let deafSince: number | null = null;
  let listeningSince: number | null = null;
  let openOutage: EventRow | null = null;

  const deafness = (): Deafness => ({ spans, since: deafSince, listeningSince });
  const addSpan = (span: Outage) => {
    if (span.to > span.from) spans.push(span);
    if (spans.length > SPANS_MAX) spans.shift();
  };

  /** Folds the inbox into the fleet and queues the rows it makes. */
  const ingest = () => {
    const messages = inbox;
    inbox = [];
    const nowMs = now();
    const events: EventRow[] = [];
    const batch: InterpretedMessage[] = [];
    for (const message of messages) {
      for (const event of commandEvents(watch, fleet, message)) events.push(event);
      batch.push(interpretInbound(memory, message));
    }
    // The device each message is about, once, for the passes below.
    const keys = batch.map((item) => meaningDevice(item.meaning));
    const forgotten = clearedDevices(messages, keys);
    const newTopics = noteTopics(deviceTopics, messages, keys);
    noteReadingTopics(readingTopics, messages, batch);
    const before = fleet;
    const folded = foldBatch(fleet, batch, {
      ...DEFAULT_FOLD_LIMITS,
      historyCapacity: 2,
      nowMs,
      staleAfterMs,
      deafness: deafness(),
    });
    fleet = withoutDevices(folded.fleet, forgotten);
    for (const key of forgotten) deviceTopics.delete(key);
    const changed = changedKeys(before, fleet, [...folded.removed, ...forgotten]);
    markChanged(devices, newTopics);
    markChanged(devices, changed);
    indexControls(watch, fleet, changed);
    events.push(
      ...statusEvents(before, fleet, folded.statusChanged, nowMs),
      ...switchEvents(before, fleet, folded.accepted),
      ...confirmationEvents(watch, fleet, folded.accepted, nowMs),
    );
    const { rows, changed: updated } = readingRows(catalog, fleet, folded.accepted);
    droppedElsewhere += trimWaiting(catalog, backlogMax);
    appendRows(backlog, rows, events);
    for (const series of updated) void queue.write(() => storage.updateSeries(series)).catch(() => {});
  };

  /** Stores series that readings wait for (rarely any: a metric's first reading). */
  const addWaitingSeries = async () => {
    for (const info of seriesToAdd(catalog)) {
      const id = await queue.write(() => storage.addSeries(info));
      appendRows(backlog, addStoredSeries(catalog, { ...info, id }), []);
    }
  };

  const writeOnce = async () => {
    await addWaitingSeries();
    const rows = takeRows(backlog, WRITE_MAX_ROWS);
    if (rows.readings.length === 0 && rows.events.length === 0) return;
    inFlight = rows;
    try {
      await queue.write(() => storage.write(rows.readings, rows.events));
    } catch (error) {
      returnRows(backlog, rows);
      throw error;
    } finally {
      inFlight = null;
    }
    written += rows.readings.length + rows.events.length;
  };

  /** Writes until the backlog is empty or a write fails (logged, rate-limited). */
  const writeBacklog = async () => {
    try {
      do await writeOnce();
      while (backlog.readings.length + backlog.events.length > 0);
      lastError = null;
      const line = recoveryLine(
        writeProblem,
        `writing to the history database works again; ${formatCount(dropped())} readings dropped while it did not`,
      );
      if (line !== null) log(line);
    } catch (error) {
      lastError = describeDatabaseError(error);
      const waiting = backlog.readings.length + catalog.waitingCount;
      const line = failureLine(
        writeProblem,
        now(),
        'write to the history database',
        error,
        `keeping ${formatCount(waiting)} readings in memory, ${formatCount(dropped())} dropped so far`,
      );
      if (line !== null) log(line);
    }
  };

  const dropped = () => backlog.dropped + droppedElsewhere;

  const flush = async () => {
    if (flushSoon !== null) clearTimeout(flushSoon);
    flushSoon = null;
    if (inbox.length > 0) ingest();
    const nowMs = now();
    if (nowMs - lastAliveAt >= ALIVE_EVERY_MS) {
      lastAliveAt = nowMs;
      void queue.write(() => storage.setMeta(ALIVE_META, String(nowMs))).catch(() => {});
    }
    if (nowMs - lastSavedAt >= SAVE_DEVICES_EVERY_MS) {
      lastSavedAt = nowMs;
      void saveDevices();
    }
    if (writing === null) {
      writing = writeBacklog().finally(() => {
        writing = null;
      });
    }
    await writing;
  };

  const saveDevices = async () => {
    const unsaved = takeUnsaved(devices, fleet, topicsOf, metricTopic);
    if (unsaved.keys.length === 0) return;
    try {
      await queue.write(() => storage.saveDevices(unsaved.devices, unsaved.removed));
    } catch {
      for (const key of unsaved.keys) devices.unsaved.add(key);
    }
  };

  const refresh = () => {
    const nowMs = now();
    const before = fleet;
    const refreshed = refreshStatuses(fleet, nowMs, staleAfterMs, deafness());
    if (refreshed.changed.length === 0) return;
    fleet = refreshed.fleet;
    markChanged(devices, refreshed.changed);
    appendRows(backlog, [], statusEvents(before, fleet, refreshed.changed, nowMs));
  };

  const runJob = async (what: string, job: () => Promise<unknown>) => {
    try {
      await queue.job(job);
      const line = recoveryLine(jobProblem, `${what} works again`);
      if (line !== null) log(line);
    } catch (error) {
      const line = failureLine(jobProblem, now(), what, error, 'will try again');
      if (line !== null) log(line);
    }
  };

  const rollUp = () =>
    runJob('roll up history', async () => {
      const to = now();
      const watermark = Number((await storage.getMeta(ROLLUP_META)) ?? to - ROLLUP_EVERY_MS);
      await storage.rollUp((Number.isFinite(watermark) ? watermark : to) - ROLLUP_OVERLAP_MS, to);
      await storage.setMeta(ROLLUP_META, String(to));
    });
  const prune = () => runJob('prune old history', () => storage.prune(now(), retention));

  const every = (ms: number, task: () => unknown) => {
    const timer = setInterval(task, ms);
    timer.unref();
    timers.push(timer);
  };

  return {
    storage,
    retention,

    async start() {
      const startAt = now();
      catalog = createSeriesCatalog(await storage.loadSeries());
      const saved = await storage.loadDevices();
      for (const device of saved) {
        deviceTopics.set(device.key, [...(device.topics ?? [])]);
        for (const reading of device.readings) {
          if (reading.topic) readingTopics.set(`${device.key}\u0000${reading.metric}`, reading.topic);
        }
      }
      fleet = restoredFleet(saved.map((device) => restoreDevice(device, 2)));
      markChanged(devices, fleet.ids);
      devices.unsaved.clear();
      const alive = Number((await storage.getMeta(ALIVE_META)) ?? Number.NaN);
      listeningSince = startAt;
      if (Number.isFinite(alive)) {
        await storage.closeOutages(alive);
        addSpan({ from: alive, to: startAt });
        if (startAt - alive > OUTAGE_MIN_MS)
          appendRows(backlog, [], [outageEvent(alive, startAt, 'The recorder was not running')]);
      }
      lastAliveAt = startAt;
      await storage.setMeta(ALIVE_META, String(startAt));
      every(flushMs, () => void flush());
      every(STATUS_TICK_MS, refresh);
      every(ROLLUP_EVERY_MS, () => void rollUp());
      every(PRUNE_EVERY_MS, () => void prune());
      const firstPrune = setTimeout(() => void prune(), FIRST_PRUNE_AFTER_MS);
      firstPrune.unref();
      timers.push(firstPrune);
    },

    push(message) {
      inbox.push(message);
      if (inbox.length > backlogMax) {
        inbox.shift();
        droppedElsewhere++;
      }
      if (inbox.length >= flushRows && flushSoon === null) flushSoon = setTimeout(() => void flush(), 0);
    },

    setListening(listening, at) {
      if (!listening) {
        if (deafSince !== null) return;
        deafSince = at;
        openOutage = outageEvent(at, null, 'The recorder lost its connection to the broker');
        appendRows(backlog, [], [openOutage]);
        return;
      }
      if (deafSince === null) return;
      addSpan({ from: deafSince, to: at });
      deafSince = null;
      // Still unwritten: end it in place; written: end it in storage.
      if (openOutage !== null) openOutage.until = at;
      openOutage = null;
      void queue.write(() => storage.closeOutages(at)).catch(() => {});
    },

    flush,

    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      if (flushSoon !== null) clearTimeout(flushSoon);
      await flush();
      await saveDevices();
      await queue.write(() => storage.setMeta(ALIVE_META, String(now()))).catch(() => {});
      await queue.idle();
    },

    health: () => ({
      written,
      dropped: dropped(),
      backlog: backlog.readings.length + backlog.events.length + catalog.waitingCount + inbox.length,
      lastError,
    }),

    devices: () => cachedDevices(devices, fleet, topicsOf, metricTopic),
    series: () => seriesList(catalog),
    pending(series, from, to) {
      const points = pendingReadings(backlog, series, from, to);
      if (inFlight === null) return points;
      for (const row of inFlight.readings)
        if (row.series === series && row.at >= from && row.at <= to) points.push([row.at, row.value]);
      return points.sort((a, b) => a[0] - b[0]);
    },
  };
}

function outageEvent(at: number, until: number | null, text: string): EventRow {
  return { at, kind: 'recorder-outage', device: null, name: null, metric: null, value: null, text, until };
}

/**
 * Devices whose retained state a publisher deleted (an empty retained publish on one of their
 * topics: how Zigbee2MQTT, Tasmota and test harnesses retire a device) and that said nothing
 * after it in the batch. The recorder forgets them, so a new screen is not shown a device its
 * owner removed; their history stays, and the device returns when it speaks again.
 */
export function clearedDevices(
  messages: readonly InboundMessage[],
  keys: readonly (string | null)[],
): string[] {
  const lastSaid = new Map<string, number>();
  const cleared = new Map<string, number>();
  keys.forEach((key, index) => {
    if (key === null) return;
    lastSaid.set(key, index);
    if (messages[index]?.clearsRetained === true) cleared.set(key, index);
  });
  return [...cleared].filter(([key, index]) => lastSaid.get(key) === index).map(([key]) => key);
}

/** The device a meaning is about, as a fleet key; null for messages about no device. */
function meaningDevice(meaning: Interpretation): string | null {
  switch (meaning.kind) {
    case 'multiple': {
      for (const inner of meaning.meanings) {
        const key = meaningDevice(inner);
        if (key !== null) return key;
      }
      return null;
    }
    case 'unmapped':
      return null;
    case 'ignored':
      return meaning.device === undefined ? null : deviceKey(meaning.convention ?? 'generic', meaning.device);
    default:
      return deviceKey(meaning.convention ?? 'generic', meaning.device);
  }
}

/** Topics kept per device: enough for every kind of message a device sends. */
const TOPICS_PER_DEVICE = 16;

/** Adds each message's topic to its device's topics; returns the devices with a new one. */
function noteTopics(
  topics: Map<string, string[]>,
  messages: readonly InboundMessage[],
  keys: readonly (string | null)[],
): string[] {
  const changed: string[] = [];
  keys.forEach((key, index) => {
    const message = messages[index];
    if (message === undefined || key === null || message.clearsRetained === true) return;
    const known = topics.get(key) ?? [];
    if (known.includes(message.topic)) return;
    topics.set(key, [...known, message.topic].slice(-TOPICS_PER_DEVICE));
    changed.push(key);
  });
  return changed;
}

/** Notes the topic of every reading in the batch, by device and native metric name. */
function noteReadingTopics(
  topics: Map<string, string>,
  messages: readonly InboundMessage[],
  batch: readonly InterpretedMessage[],
): void {
  const note = (meaning: Interpretation, topic: string) => {
    if (meaning.kind === 'multiple') for (const inner of meaning.meanings) note(inner, topic);
    else if (meaning.kind === 'readings') {
      const key = deviceKey(meaning.convention ?? 'generic', meaning.device);
      for (const reading of meaning.readings) topics.set(`${key}\u0000${reading.metric}`, topic);
    }
  };
  batch.forEach((item, index) => {
    const message = messages[index];
    if (message !== undefined) note(item.meaning, message.topic);
  });
}

function withoutDevices(fleet: Fleet, keys: readonly string[]): Fleet {
  const gone = keys.filter((key) => fleet.devices.has(key));
  if (gone.length === 0) return fleet;
  const devices = new Map(fleet.devices);
  for (const key of gone) devices.delete(key);
  return { ...fleet, devices, ids: fleet.ids.filter((id) => devices.has(id)) };
}

/** The devices a fold changed (a new object) or removed. */
function changedKeys(before: Fleet, after: Fleet, removed: readonly string[]): string[] {
  if (before === after) return [...removed];
  const keys = [...removed];
  for (const [key, device] of after.devices) if (before.devices.get(key) !== device) keys.push(key);
  return keys;
}

function restoredFleet(restored: readonly Device[]): Fleet {
  const devices = new Map<string, Device>();
  for (const device of restored) devices.set(deviceKey(device.convention, device.nativeId), device);
  return { devices, ids: [...devices.keys()].sort(), unmappedCount: 0, overLimitCount: 0 };
}
