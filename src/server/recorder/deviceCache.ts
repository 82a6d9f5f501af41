import type { Fleet } from '../../core/device.ts';
import type { ApiDevice } from '../../core/historyApi.ts';
import { toApiDevice } from './apiDevice.ts';

/**
 * `/api/devices` kept ready: the fleet as ApiDevices, sorted by key, rebuilt only for the devices
 * that changed since the last answer (a thousand devices answer in well under a millisecond when
 * few changed), and the set of devices changed since they were last saved.
 */
export interface DeviceCache {
  byKey: Map<string, ApiDevice>;
  /** Changed since the last answer. */
  dirty: Set<string>;
  sorted: ApiDevice[] | null;
  /** Changed (or removed) since the last save. */
  unsaved: Set<string>;
}

export function createDeviceCache(): DeviceCache {
  return { byKey: new Map(), dirty: new Set(), sorted: null, unsaved: new Set() };
}

export function markChanged(cache: DeviceCache, keys: Iterable<string>): void {
  for (const key of keys) {
    cache.dirty.add(key);
    cache.unsaved.add(key);
  }
}

/** Every device, sorted by key; the same array while nothing changed. */
export function cachedDevices(
  cache: DeviceCache,
  fleet: Fleet,
  topicsOf: (key: string) => readonly string[] = () => [],
  metricTopic: (key: string, metric: string) => string | null = () => null,
): ApiDevice[] {
  if (cache.dirty.size === 0 && cache.sorted !== null) return cache.sorted;
  let membership = cache.sorted === null;
  for (const key of cache.dirty) {
    const device = fleet.devices.get(key);
    if (device === undefined) membership = cache.byKey.delete(key) || membership;
    else {
      membership ||= !cache.byKey.has(key);
      cache.byKey.set(
        key,
        toApiDevice(device, topicsOf(key), (metric) => metricTopic(key, metric)),
      );
    }
  }
  cache.dirty.clear();
  const keys = membership ? [...cache.byKey.keys()].sort() : (cache.sorted ?? []).map((device) => device.key);
  cache.sorted = keys.flatMap((key) => cache.byKey.get(key) ?? []);
  return cache.sorted;
}

/** The devices to save and the keys to delete, and forgets them as unsaved (give them back on failure). */
export function takeUnsaved(
  cache: DeviceCache,
  fleet: Fleet,
  topicsOf: (key: string) => readonly string[] = () => [],
  metricTopic: (key: string, metric: string) => string | null = () => null,
): { devices: ApiDevice[]; removed: string[]; keys: string[] } {
  const keys = [...cache.unsaved];
  cache.unsaved.clear();
  const devices: ApiDevice[] = [];
  const removed: string[] = [];
  for (const key of keys) {
    const device = fleet.devices.get(key);
    if (device === undefined) removed.push(key);
    else devices.push(toApiDevice(device, topicsOf(key), (metric) => metricTopic(key, metric)));
  }
  return { devices, removed, keys };
}
