import type { Device, Fleet, Metric } from './device';
import { type AcceptedSample, type FoldOptions, type FoldResult, HISTORY_SLOT_MS, newDevice } from './fold';
import { newHandle } from './heldReading';
import type { ApiDevice, ApiReading } from './historyApi';
import { compareNatural } from './naturalOrder';
import { decimalsOf } from './quantity';
import { createRing, lastTime, recordSample } from './ringBuffer';
import { deriveStatus } from './status';

/** What a fold of the server's devices needs: the fold's limits and clock. */
export type ServerFoldOptions = Pick<
  FoldOptions,
  'nowMs' | 'staleAfterMs' | 'historyCapacity' | 'maxDevices' | 'maxMetricsPerDevice' | 'deafness'
>;

/**
 * Folds the Hearth server's memory of the house (`GET /api/devices`) into the fleet as
 * remembered state, like a restore or the broker's retained values, never as a sign of life:
 * - a reading replaces the one shown only when it was measured later (the newer value wins,
 *   whichever side it comes from); it is marked `retained`, so a live value always takes over,
 *   and it enters the history as a retained value does (never the rollups);
 * - a reading in another unit than the one shown is left out: the history stays in one unit;
 * - a device only the server knows appears with its readings and name; a known device takes the
 *   server's name only when its convention announced none;
 * - the server's place (`Device.place`) applies when the page knows none, or only a topic's
 *   suggestion (see `takesPlace`);
 * - the server's availability applies when the page knows none, or heard it no later than the
 *   server last heard the device (an offline from the server shows the device offline, as a
 *   retained Last Will would);
 * - `lastSeenAt` and `liveSeen` are left alone, so silence and staleness follow the status rules.
 * Times later than `nowMs` (a server clock ahead) count as `nowMs`, so they cannot freeze a metric.
 * Devices nothing changed keep their identity; the result reads as a fold's, for the fleet rules.
 */
export function foldServerDevices(
  fleet: Fleet,
  serverDevices: readonly ApiDevice[],
  options: ServerFoldOptions,
): Pick<FoldResult, 'fleet' | 'statusChanged' | 'accepted' | 'removed' | 'described'> {
  let devices: Map<string, Device> | null = null;
  const changed: Device[] = [];
  const accepted: AcceptedSample[] = [];
  let membershipChanged = false;
  for (const remembered of serverDevices) {
    const existing = (devices ?? fleet.devices).get(remembered.key);
    if (existing === undefined && (devices ?? fleet.devices).size >= options.maxDevices) continue;
    const next = mergeDevice(existing, remembered, options, accepted);
    if (next === existing) continue;
    devices ??= new Map(fleet.devices);
    devices.set(next.id, next);
    changed.push(next);
    if (existing === undefined) membershipChanged = true;
  }
  if (devices === null) return { fleet, statusChanged: [], accepted: [], removed: [], described: [] };
  const statusChanged: string[] = [];
  for (const device of changed) {
    const status = deriveStatus(device, options.nowMs, options.staleAfterMs, options.deafness);
    if (status !== device.status || !fleet.devices.has(device.id)) statusChanged.push(device.id);
    device.status = status;
  }
  const ids = membershipChanged ? [...devices.keys()].sort(compareNatural) : fleet.ids;
  return { fleet: { ...fleet, devices, ids }, statusChanged, accepted, removed: [], described: [] };
}

/** The device with what the server remembers folded in; `existing` itself when nothing changes. */
function mergeDevice(
  existing: Device | undefined,
  remembered: ApiDevice,
  options: ServerFoldOptions,
  accepted: AcceptedSample[],
): Device {
  const base = existing ?? rememberedDevice(remembered);
  let metrics: Map<string, Metric> | null = null;
  for (const reading of remembered.readings) {
    const current = (metrics ?? base.metrics).get(reading.metric);
    const sampleAt = Math.min(reading.at, reading.receivedAt, options.nowMs);
    if (current !== undefined && (sampleAt <= current.sampleAt || current.unit !== reading.unit)) continue;
    if (current === undefined && (metrics ?? base.metrics).size >= options.maxMetricsPerDevice) continue;
    metrics ??= new Map(base.metrics);
    metrics.set(reading.metric, rememberedMetric(current, reading, sampleAt, metrics, base, options));
    accepted.push({
      device: base.id,
      metric: reading.metric,
      quantity: reading.quantity,
      at: sampleAt,
      value: reading.value,
      retained: true,
    });
  }
  const name =
    base.name === undefined && remembered.name !== null && remembered.name !== ''
      ? remembered.name
      : undefined;
  const takesAvailability =
    remembered.availability !== null &&
    remembered.availability !== base.availability &&
    (base.availability === null || base.availabilityAt <= remembered.lastSeenAt);
  const place = takesPlace(base, remembered) ? remembered.place : undefined;
  if (
    existing !== undefined &&
    metrics === null &&
    name === undefined &&
    !takesAvailability &&
    place === undefined
  )
    return existing;
  return {
    ...base,
    ...(place !== undefined ? { place: { ...place } } : {}),
    ...(metrics !== null ? { metrics } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(takesAvailability
      ? {
          availability: remembered.availability,
          availabilityAt: Math.max(base.availabilityAt, Math.min(remembered.lastSeenAt, options.nowMs)),
        }
      : {}),
  };
}

/**
 * Whether the server's place for a device replaces the page's: when the page knows none, or only
 * a topic's suggestion while the server heard the device announce its room. A place the page
 * heard announced itself stays.
 */
function takesPlace(device: Device, remembered: ApiDevice): boolean {
  const place = remembered.place;
  if (place === undefined) return false;
  const current = device.place;
  if (current === undefined) return true;
  if (current.source === 'announced') return false;
  return place.source === 'announced' || place.room !== current.room;
}

function rememberedMetric(
  current: Metric | undefined,
  reading: ApiReading,
  sampleAt: number,
  others: ReadonlyMap<string, Metric>,
  device: Device,
  options: ServerFoldOptions,
): Metric {
  const history = current?.history ?? createRing(options.historyCapacity);
  if (sampleAt >= lastTime(history)) recordSample(history, sampleAt, reading.value, HISTORY_SLOT_MS);
  const label = reading.label ?? device.metricInfo?.get(reading.metric)?.label ?? current?.label;
  const source = reading.source ?? current?.source;
  const handleTaken = [...others.values()].some((m) => m.handle === reading.handle);
  return {
    ...current,
    name: reading.metric,
    // A metric keeps the handle it has; a new one takes the server's unless the device already
    // uses it for another reading (the two sides named them in another order).
    handle:
      current?.handle ??
      (handleTaken
        ? newHandle(
            reading.metric,
            reading.quantity,
            others.values(),
            device.convention === 'generic',
            reading.diagnostic,
          )
        : reading.handle),
    ...(label !== undefined ? { label } : {}),
    ...(source !== undefined ? { source } : {}),
    quantity: reading.quantity,
    value: reading.value,
    unit: reading.unit,
    sourceUnit: reading.sourceUnit,
    precision: reading.precision ?? current?.precision ?? null,
    decimals: Math.max(current?.decimals ?? 0, decimalsOf(reading.value)),
    diagnostic: reading.diagnostic,
    // Absent (a recorder that did not keep it): what the page heard stays.
    ...(reading.externalPower !== undefined ? { externalPower: reading.externalPower } : {}),
    receivedAt: Math.min(reading.receivedAt, options.nowMs),
    sampleAt,
    retained: true,
    history,
  };
}

/** A device the page has not seen: what the server remembers, and nothing heard. */
function rememberedDevice(remembered: ApiDevice): Device {
  return {
    ...newDevice(remembered.key, remembered.id, remembered.convention),
    remembered: true,
    rememberedAt: remembered.lastSeenAt,
  };
}
