import type { Device, Fleet, Metric } from './device';
import { resolveDeviceRef } from './deviceRef';

/** Minutes since local midnight for "HH:MM", or null when it is not a clock time. */
export function clockMinutes(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (match === null) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/**
 * Whether `minutes` (since local midnight) falls in the span [from, to), which may cross
 * midnight (22:00 to 06:30). An empty span (from equals to) is never night.
 */
export function isWithinSpan(minutes: number, from: number, to: number): boolean {
  if (from === to) return false;
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

/**
 * The illuminance reading of a device that decides the night dim: its first illuminance (held in
 * lx), whatever its convention calls it (a generic `brightness`, a Zigbee2MQTT `illuminance_lux`,
 * a Tasmota `BH1750.Illuminance`), a reading of the house before a diagnostic one.
 */
export function illuminanceOf(device: Device): Metric | undefined {
  let fallback: Metric | undefined;
  for (const metric of device.metrics.values()) {
    if (metric.quantity !== 'illuminance') continue;
    if (!metric.diagnostic) return metric;
    fallback ??= metric;
  }
  return fallback;
}

/**
 * What the night-dim sensor reads now, in lx: `sensorDevice` is a device key, or a native id
 * saved before keys (see `resolveDeviceRef`); null when the device or its illuminance is missing.
 */
export function sensorLux(fleet: Fleet, sensorDevice: string): number | null {
  const device = resolveDeviceRef(fleet, sensorDevice);
  const metric = device === undefined ? undefined : illuminanceOf(device);
  return metric === undefined ? null : metric.value;
}

/** The devices that can decide the night dim: every one with an illuminance reading, in fleet order. */
export function illuminanceSensors(fleet: Fleet): Device[] {
  const out: Device[] = [];
  for (const id of fleet.ids) {
    const device = fleet.devices.get(id);
    if (device !== undefined && illuminanceOf(device) !== undefined) out.push(device);
  }
  return out;
}

/**
 * Whether a brightness reading says the room is dark, with hysteresis so a value hovering at
 * the threshold does not make the screen flicker: dark below `darkBelow`, light again only
 * above `darkBelow * 1.5 + 1`.
 */
export function isDark(lux: number, darkBelow: number, wasDark: boolean): boolean {
  if (!Number.isFinite(lux)) return wasDark;
  return wasDark ? lux <= darkBelow * 1.5 + 1 : lux < darkBelow;
}
