import { type Device, defaultUnit, type Fleet, type Metric } from './device';
import { type Interpretation, interpretMessage, type Reading } from './interpret';
import type { InboundMessage } from './message';
import { createRing, lastTime, pushSample } from './ringBuffer';
import { deriveStatus } from './status';

export interface FoldOptions {
  nowMs: number;
  staleAfterMs: number;
  /** Samples kept per metric. */
  historyCapacity: number;
  maxDevices: number;
  maxMetricsPerDevice: number;
}

export const DEFAULT_FOLD_LIMITS = {
  historyCapacity: 4096,
  maxDevices: 5000,
  maxMetricsPerDevice: 64,
} as const;

export interface FoldResult {
  fleet: Fleet;
  /** Devices whose status changed in this batch (new devices included). */
  statusChanged: string[];
}

/**
 * Folds a batch of messages into the fleet in one pass. Devices the batch does not touch keep
 * their object identity, so their cards do not re-render. A value older than the one shown (by
 * the payload's timestamp) and a retained value for a metric already seen live never replace
 * the latest value; an exact repeat of a retained value is ignored.
 */
export function foldBatch(fleet: Fleet, batch: readonly InboundMessage[], options: FoldOptions): FoldResult {
  return foldInterpreted(fleet, batch.map(interpretOne), options);
}

/** A message already read by `interpretMessage`: what the connection's worker sends the page. */
export interface InterpretedMessage {
  meaning: Interpretation;
  retained: boolean;
  receivedAt: number;
}

/** Reads one raw message; the expensive, per-message part of folding (runs off the main thread). */
export function interpretOne(message: InboundMessage): InterpretedMessage {
  return { meaning: interpretMessage(message), retained: message.retained, receivedAt: message.receivedAt };
}

/** `foldBatch` for messages already interpreted. */
export function foldInterpreted(
  fleet: Fleet,
  batch: readonly InterpretedMessage[],
  options: FoldOptions,
): FoldResult {
  if (batch.length === 0) return { fleet, statusChanged: [] };
  const devices = new Map(fleet.devices);
  const drafts = new Map<string, Device>();
  let unmappedCount = fleet.unmappedCount;
  let overLimitCount = fleet.overLimitCount;
  let added = false;

  const draftOf = (id: string, at: number): Device | null => {
    const draft = drafts.get(id);
    if (draft !== undefined) return draft;
    const current = devices.get(id);
    if (current === undefined && devices.size >= options.maxDevices) return null;
    const next: Device = current === undefined ? newDevice(id, at) : { ...current };
    if (current === undefined) added = true;
    drafts.set(id, next);
    devices.set(id, next);
    return next;
  };

  for (const message of batch) {
    const meaning = message.meaning;
    if (meaning.kind === 'unmapped') {
      unmappedCount++;
      continue;
    }
    const device = draftOf(meaning.device, message.receivedAt);
    if (device === null) {
      overLimitCount++;
      continue;
    }
    device.lastSeenAt = Math.max(device.lastSeenAt, message.receivedAt);
    if (!message.retained) device.liveSeen = true;
    switch (meaning.kind) {
      case 'readings': {
        // A payload time ahead of arrival is a wrong device clock (or a hostile payload); trusting
        // it would make every later sample look "older" and freeze the metric.
        const sampleAt = Math.min(meaning.sampleAt ?? message.receivedAt, message.receivedAt);
        applyReadings(device, meaning.readings, sampleAt, message, options);
        break;
      }
      case 'availability':
        device.availability = meaning.online;
        device.availabilityAt = message.receivedAt;
        break;
      case 'invalid':
        device.invalidCount++;
        device.lastProblem = meaning.reason;
        break;
      case 'oversize':
        device.oversizeCount++;
        device.lastProblem = `a payload of ${Math.round(meaning.bytes / 1024)} KiB was dropped (limit 64 KiB)`;
        break;
    }
  }

  const statusChanged: string[] = [];
  for (const device of drafts.values()) {
    const status = deriveStatus(device, options.nowMs, options.staleAfterMs);
    if (status !== device.status || !fleet.devices.has(device.id)) statusChanged.push(device.id);
    device.status = status;
  }
  const ids = added ? sortIds(devices.keys()) : fleet.ids;
  return { fleet: { devices, ids, unmappedCount, overLimitCount }, statusChanged };
}

function newDevice(id: string, at: number): Device {
  return {
    id,
    metrics: new Map(),
    availability: null,
    availabilityAt: 0,
    lastSeenAt: at,
    liveSeen: false,
    invalidCount: 0,
    oversizeCount: 0,
    lastProblem: null,
    status: 'unknown',
  };
}

function applyReadings(
  device: Device,
  readings: readonly Reading[],
  sampleAt: number,
  message: InterpretedMessage,
  options: FoldOptions,
): void {
  let metrics: Map<string, Metric> | null = null;
  for (const reading of readings) {
    const current = device.metrics.get(reading.metric);
    if (current !== undefined) {
      if (message.retained && (!current.retained || current.value === reading.value)) continue;
      if (sampleAt < current.sampleAt) continue;
      if (sampleAt === current.sampleAt && reading.value === current.value) continue;
    } else if ((metrics ?? device.metrics).size >= options.maxMetricsPerDevice) {
      device.lastProblem = `more than ${options.maxMetricsPerDevice} metrics: "${reading.metric}" is not shown`;
      continue;
    }
    const history = current?.history ?? createRing(options.historyCapacity);
    if (sampleAt >= lastTime(history)) pushSample(history, sampleAt, reading.value);
    metrics ??= new Map(device.metrics);
    metrics.set(reading.metric, {
      name: reading.metric,
      value: reading.value,
      unit: reading.unit ?? current?.unit ?? defaultUnit(reading.metric),
      receivedAt: message.receivedAt,
      sampleAt,
      retained: message.retained,
      history,
    });
  }
  if (metrics !== null) device.metrics = metrics;
  // Fresh data after a Last Will means the device is back even if it never said so. `>=`: within
  // one millisecond the batch order is the arrival order, and this message came after the Will.
  if (!message.retained && device.availability === false && message.receivedAt >= device.availabilityAt) {
    device.availability = true;
    device.availabilityAt = message.receivedAt;
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function sortIds(ids: Iterable<string>): string[] {
  return [...ids].sort(collator.compare);
}
