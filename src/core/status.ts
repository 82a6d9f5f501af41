import type { Device, DeviceStatus, Fleet } from './device';

/**
 * A device's status at `nowMs`:
 * - offline: its last availability message (or Last Will) said offline;
 * - unknown: only announced (a discovery config), never heard from itself;
 * - stale: nothing arrived for more than `staleAfterMs`, Last Will or not;
 * - unknown: no availability and only retained (possibly old) data so far;
 * - online: otherwise.
 */
export function deriveStatus(device: Device, nowMs: number, staleAfterMs: number): DeviceStatus {
  if (device.availability === false) return 'offline';
  if (device.lastSeenAt === 0) return 'unknown';
  if (nowMs - device.lastSeenAt > staleAfterMs) return 'stale';
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
): { fleet: Fleet; changed: string[] } {
  let devices: Map<string, Device> | null = null;
  const changed: string[] = [];
  for (const device of fleet.devices.values()) {
    const status = deriveStatus(device, nowMs, staleAfterMs);
    if (status === device.status) continue;
    devices ??= new Map(fleet.devices);
    devices.set(device.id, { ...device, status });
    changed.push(device.id);
  }
  return { fleet: devices === null ? fleet : { ...fleet, devices }, changed };
}
