import { type ConventionId, type Device, deviceKey, type Fleet, type Metric } from './device';
import { applyDescription, applyRemoval, describeChanges, removeChanges } from './deviceDescription';
import { type HeldReading, holdReading, newHandle } from './heldReading';
import type { Interpretation, InterpretedMessage, Reading } from './interpretation';
import { compareNatural } from './naturalOrder';
import type { QuantityId } from './quantity';
import { createRing, lastTime, recordSample } from './ringBuffer';
import { type Deafness, deriveStatus } from './status';

export interface FoldOptions {
  nowMs: number;
  staleAfterMs: number;
  /** Samples kept per metric. */
  historyCapacity: number;
  maxDevices: number;
  maxMetricsPerDevice: number;
  /** When the dashboard could not hear: silence then is not a device's (see `heardSilenceMs`). */
  deafness?: Deafness;
}

/** A full history keeps at most one new sample per this many ms per metric (see `recordSample`). */
export const HISTORY_SLOT_MS = 250;

export const DEFAULT_FOLD_LIMITS = {
  historyCapacity: 4096,
  maxDevices: 20_000,
  maxMetricsPerDevice: 64,
} as const;

/** A value the fold took as a metric's latest: what history, rules and rollups follow. */
export interface AcceptedSample {
  /** The device's key. */
  device: string;
  /** The metric's native name. */
  metric: string;
  quantity: QuantityId | null;
  /** When it was measured, never later than it arrived (a device clock ahead is clamped). */
  at: number;
  /** Held: in the quantity's canonical unit. */
  value: number;
  /** From the broker's retained store (old state, not history) or replayed. */
  retained: boolean;
}

export interface FoldResult {
  fleet: Fleet;
  /** Devices whose status changed in this batch (new devices included). */
  statusChanged: string[];
  /** Every value taken as a metric's latest, in batch order. */
  accepted: AcceptedSample[];
  /** Keys of the devices the batch took off the fleet. */
  removed: string[];
  /**
   * Devices whose readings said more of themselves without a new value (a retained copy naming
   * external power after the server's memory did not): the rules that read it look again.
   */
  described: string[];
}

/**
 * Folds a batch of interpreted messages into the fleet in one pass. Devices the batch does not
 * touch keep their object identity, so their cards do not re-render. A value older than the one
 * shown (by the payload's timestamp) never replaces the latest value. A retained value replaces a
 * value seen live only when the dashboard was deaf since (a publish it missed may have changed
 * it); a repeat of a retained value brings only what it says of the reading (external power,
 * precision, label: see `describedAgain`). Retained values never count as hearing
 * from a device (see `hear`). Announcements (`describe`) create a device before
 * it has sent anything (its card shows its name and controls) but do not count as hearing from
 * it, and set where it says it is (`Device.place`: an announced place replaces an earlier one and
 * wins over a topic's room level, which readings suggest); `remove` with `wholeDevice` takes a device off the fleet.
 */
export function foldBatch(
  fleet: Fleet,
  batch: readonly InterpretedMessage[],
  options: FoldOptions,
): FoldResult {
  if (batch.length === 0) return { fleet, statusChanged: [], accepted: [], removed: [], described: [] };
  const devices = new Map(fleet.devices);
  const drafts = new Map<string, Device>();
  const removed = new Set<string>();
  const accepted: AcceptedSample[] = [];
  const described = new Set<string>();
  let unmappedCount = fleet.unmappedCount;
  let overLimitCount = fleet.overLimitCount;
  let membershipChanged = false;

  const deafness = options.deafness;
  /**
   * Whether the dashboard may have missed a publish after `at` (it was deaf at some point since).
   * Spans are appended in time order, so the newest one decides.
   */
  const missedSince = (at: number): boolean =>
    deafness !== undefined &&
    (deafness.since !== null || (deafness.spans.at(-1)?.to ?? Number.NEGATIVE_INFINITY) > at);
  const current = (id: string): Device | undefined => drafts.get(id) ?? devices.get(id);
  const draftOf = (id: string, convention: ConventionId, nativeId: string): Device | null => {
    const draft = drafts.get(id);
    if (draft !== undefined) return draft;
    const existing = devices.get(id);
    if (existing === undefined && devices.size >= options.maxDevices) return null;
    const next: Device = existing === undefined ? newDevice(id, nativeId, convention) : { ...existing };
    // A message about it reached the page: no longer known only from the server's memory.
    delete next.remembered;
    delete next.rememberedAt;
    if (existing === undefined) {
      membershipChanged = true;
      removed.delete(id);
    }
    drafts.set(id, next);
    devices.set(id, next);
    return next;
  };
  // Only a live message is a sign of life: a retained one is the broker's memory, replayed to
  // every new subscription, and says nothing of whether the device is still there.
  const hear = (device: Device, message: InterpretedMessage) => {
    if (message.retained) return;
    device.lastSeenAt = Math.max(device.lastSeenAt, message.receivedAt);
    device.liveSeen = true;
  };

  const apply = (meaning: Interpretation, message: InterpretedMessage): void => {
    // biome-ignore lint/nursery/useExhaustiveSwitchCases: the kinds without a device reading end here; the rest go on below
    switch (meaning.kind) {
      case 'unmapped':
        unmappedCount++;
        return;
      case 'multiple':
        for (const inner of meaning.meanings) apply(inner, message);
        return;
      case 'ignored': {
        // Proof of life for a device already shown; never a reason to show a new one.
        if (meaning.device === undefined) return;
        const convention = meaning.convention ?? 'generic';
        const key = deviceKey(convention, meaning.device);
        if (current(key) === undefined) return;
        const device = draftOf(key, convention, meaning.device);
        if (device !== null) hear(device, message);
        return;
      }
      case 'describe': {
        const key = deviceKey(meaning.convention, meaning.device);
        const existing = current(key);
        if (existing !== undefined && !describeChanges(existing, meaning)) return;
        const device = draftOf(key, meaning.convention, meaning.device);
        if (device === null) overLimitCount++;
        else applyDescription(device, meaning, options.maxMetricsPerDevice);
        return;
      }
      case 'remove': {
        const key = deviceKey(meaning.convention, meaning.device);
        const existing = current(key);
        if (existing === undefined) return;
        if (meaning.wholeDevice) {
          devices.delete(key);
          drafts.delete(key);
          removed.add(key);
          membershipChanged = true;
        } else if (removeChanges(existing, meaning)) {
          const device = draftOf(key, meaning.convention, meaning.device);
          if (device !== null) applyRemoval(device, meaning);
        }
        return;
      }
    }
    // A replayed state (a discovery config reading a payload that came before it) is the state the
    // broker holds, whatever the message that carried it.
    const heard =
      (meaning.kind === 'readings' || meaning.kind === 'availability') && meaning.replayed === true
        ? { ...message, retained: true }
        : message;
    const convention = meaning.convention ?? 'generic';
    const device = draftOf(deviceKey(convention, meaning.device), convention, meaning.device);
    if (device === null) {
      overLimitCount++;
      return;
    }
    hear(device, heard);
    // biome-ignore lint/nursery/useExhaustiveSwitchCases: the switch above returned for every other kind
    switch (meaning.kind) {
      case 'readings': {
        // A payload time ahead of arrival is a wrong device clock (or a hostile payload); trusting
        // it would make every later sample look "older" and freeze the metric.
        const sampleAt = Math.min(meaning.sampleAt ?? message.receivedAt, message.receivedAt);
        applyReadings(device, meaning.readings, sampleAt, heard, options, accepted, missedSince, described);
        // A topic's room level is only a suggestion: what a device announces wins over it.
        if (
          meaning.topicRoom !== undefined &&
          device.place?.source !== 'announced' &&
          device.place?.room !== meaning.topicRoom
        )
          device.place = { room: meaning.topicRoom, source: 'topic' };
        break;
      }
      case 'availability':
        device.availability = meaning.online;
        device.availabilityAt = message.receivedAt;
        if (meaning.note !== undefined || device.note !== undefined) device.note = meaning.note;
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
  };

  for (const message of batch) apply(message.meaning, message);

  const gone = [...removed].filter((id) => fleet.devices.has(id));
  const statusChanged: string[] = [...gone];
  for (const device of drafts.values()) {
    const status = deriveStatus(device, options.nowMs, options.staleAfterMs, options.deafness);
    if (status !== device.status || !fleet.devices.has(device.id)) statusChanged.push(device.id);
    device.status = status;
  }
  const ids = membershipChanged ? sortIds(devices.keys()) : fleet.ids;
  return {
    fleet: { devices, ids, unmappedCount, overLimitCount },
    statusChanged,
    accepted,
    removed: gone,
    described: [...described].filter((id) => devices.has(id)),
  };
}

/** A device not heard from yet: `hear` sets its last-heard time from a live message. */
export function newDevice(id: string, nativeId: string, convention: ConventionId): Device {
  return {
    id,
    nativeId,
    convention,
    metrics: new Map(),
    availability: null,
    availabilityAt: 0,
    lastSeenAt: 0,
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
  accepted: AcceptedSample[],
  missedSince: (at: number) => boolean,
  described: Set<string>,
): void {
  let metrics: Map<string, Metric> | null = null;
  for (const reading of readings) {
    const current = (metrics ?? device.metrics).get(reading.metric);
    const info = device.metricInfo?.get(reading.metric);
    const held = holdReading(reading, info, current);
    if (current !== undefined) {
      const kept =
        (message.retained &&
          (current.value === held.value || (!current.retained && !missedSince(current.receivedAt)))) ||
        sampleAt < current.sampleAt ||
        (sampleAt === current.sampleAt && held.value === current.value);
      if (kept) {
        // The value held stays, with its times: a retained replay is never a sign of life nor a
        // new sample. But the same value may say more of itself than the copy held (the broker's
        // Shelly status naming external power after the server's memory, which did not).
        const redescribed =
          held.value === current.value
            ? describedAgain(current, held, reading.label ?? info?.label)
            : current;
        if (redescribed !== current) {
          metrics ??= new Map(device.metrics);
          metrics.set(reading.metric, redescribed);
          described.add(device.id);
        }
        continue;
      }
    } else if ((metrics ?? device.metrics).size >= options.maxMetricsPerDevice) {
      device.lastProblem = `more than ${options.maxMetricsPerDevice} metrics: "${reading.metric}" is not shown`;
      continue;
    }
    const history = current?.history ?? createRing(options.historyCapacity);
    if (sampleAt >= lastTime(history)) recordSample(history, sampleAt, held.value, HISTORY_SLOT_MS);
    metrics ??= new Map(device.metrics);
    accepted.push({
      device: device.id,
      metric: reading.metric,
      quantity: held.quantity,
      at: sampleAt,
      value: held.value,
      retained: message.retained,
    });
    const label = reading.label ?? info?.label ?? current?.label;
    metrics.set(reading.metric, {
      name: reading.metric,
      handle:
        current?.handle ??
        newHandle(
          reading.metric,
          held.quantity,
          metrics.values(),
          device.convention === 'generic',
          held.diagnostic,
        ),
      ...(label !== undefined ? { label } : {}),
      ...held,
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

/**
 * `current` with what a repeat of its value says of it (label, precision, diagnostic, source,
 * external power), or `current` itself when it says nothing new. What the repeat leaves unsaid
 * stays as it was; the quantity and unit stay, so the history stays in one unit.
 */
function describedAgain(current: Metric, held: HeldReading, label: string | undefined): Metric {
  const nextLabel = label ?? current.label;
  const externalPower = held.externalPower ?? current.externalPower;
  if (
    held.quantity !== current.quantity ||
    held.unit !== current.unit ||
    (nextLabel === current.label &&
      held.precision === current.precision &&
      held.diagnostic === current.diagnostic &&
      held.source === current.source &&
      externalPower === current.externalPower)
  )
    return current;
  return {
    ...current,
    ...(nextLabel !== undefined ? { label: nextLabel } : {}),
    precision: held.precision,
    diagnostic: held.diagnostic,
    ...(held.source !== undefined ? { source: held.source } : {}),
    ...(externalPower !== undefined ? { externalPower } : {}),
  };
}

function sortIds(ids: Iterable<string>): string[] {
  return [...ids].sort(compareNatural);
}
