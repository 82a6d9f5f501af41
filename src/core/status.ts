import type { Device, DeviceStatus, Fleet } from './device';
import type { Outage } from './snapshot';

/**
 * When the dashboard could not hear its devices: closed spans (the broker was unreachable, the
 * tablet slept, a reload, the catch-up after a reconnect) and perhaps one still open. A device's
 * silence in these spans is the dashboard's, not the device's, so it never makes a device stale.
 */
export interface Deafness {
  /** Closed spans, oldest first (`addOutage` keeps them so); overlaps are allowed. */
  spans: readonly Outage[];
  /** Start of a span not over yet (disconnected, or catching up), else null. */
  since: number | null;
  /**
   * When this page first listened: the start of silence for a device it has never heard live
   * (known only from retained state). Null before the first connection: then nobody is stale.
   */
  listeningSince: number | null;
}

/**
 * A dashboard that has always listened, with no start to count a never-heard device's silence
 * from (tests, and the pure rules that do not care).
 */
export const ALWAYS_LISTENING: Deafness = { spans: [], since: null, listeningSince: null };

/**
 * How long a device has been silent while the dashboard was listening: the time since it was
 * last heard live (or, never heard live, since listening began), minus every span of deafness
 * in between. Spans are walked from the newest, so the cost is the number of gaps since the
 * device last spoke, not the length of the whole list.
 */
export function heardSilenceMs(device: Device, nowMs: number, deafness: Deafness): number {
  const start = device.lastSeenAt > 0 ? device.lastSeenAt : deafness.listeningSince;
  if (start === null) return 0;
  const end = deafness.since === null ? nowMs : Math.min(nowMs, deafness.since);
  if (end <= start) return 0;
  let deaf = 0;
  // Union of the spans clipped to [start, end], newest first; `cursor` is where the union reaches down to.
  let cursor = end;
  for (let i = deafness.spans.length - 1; i >= 0; i--) {
    const span = deafness.spans[i];
    if (span === undefined) continue;
    if (span.to <= start) break;
    const from = Math.max(span.from, start);
    const to = Math.min(span.to, cursor);
    if (to > from) {
      deaf += to - from;
      cursor = from;
    }
  }
  return end - start - deaf;
}

/**
 * A device's status at `nowMs`:
 * - offline: its last availability message (or Last Will) said offline;
 * - unknown: only announced (a discovery config), never heard from, however long ago;
 * - stale: a device with readings silent for more than `staleAfterMs` of the time the dashboard
 *   was listening (see `heardSilenceMs`), Last Will or not; a device known only through the values the broker kept
 *   goes stale once it stays silent that long after the dashboard began to listen;
 * - unknown: known only through retained state, with no availability to say it is there, and
 *   not silent that long yet: the broker's memory is not a sign of life;
 * - online: otherwise (heard live lately, or its availability says online).
 */
export function deriveStatus(
  device: Device,
  nowMs: number,
  staleAfterMs: number,
  deafness: Deafness = ALWAYS_LISTENING,
): DeviceStatus {
  if (device.availability === false) return 'offline';
  if (device.remembered === true) return 'unknown';
  if (device.lastSeenAt === 0 && device.availability !== true && device.metrics.size === 0) return 'unknown';
  // A device that sends no readings (a Zigbee2MQTT bridge, a bare `status` topic) has no silence
  // to judge: only its availability, and its Last Will, speak for it.
  if (device.metrics.size > 0 && heardSilenceMs(device, nowMs, deafness) > staleAfterMs) return 'stale';
  if (device.availability === null && !device.liveSeen) return 'unknown';
  return 'online';
}

/**
 * Re-derives every device's status at `nowMs` (silence makes devices stale with no message).
 * Devices whose status did not change keep their identity, and so does the fleet when none did.
 */
export function refreshStatuses(
  fleet: Fleet,
  nowMs: number,
  staleAfterMs: number,
  deafness: Deafness = ALWAYS_LISTENING,
): { fleet: Fleet; changed: string[] } {
  let devices: Map<string, Device> | null = null;
  const changed: string[] = [];
  for (const device of fleet.devices.values()) {
    const status = deriveStatus(device, nowMs, staleAfterMs, deafness);
    if (status === device.status) continue;
    devices ??= new Map(fleet.devices);
    devices.set(device.id, { ...device, status });
    changed.push(device.id);
  }
  return { fleet: devices === null ? fleet : { ...fleet, devices }, changed };
}
