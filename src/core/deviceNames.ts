import type { Device } from './device';
import { deviceEntry, deviceRoomName } from './deviceRoom';
import type { HouseLayout } from './layout';

/** A typed search as lower-case words; none for a blank one. */
export function queryWords(query: string): string[] {
  const trimmed = query.trim().toLowerCase();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

/**
 * Everything a person may know a device by, lower case, one name per line (a word never holds a
 * line break, so it cannot match across two names): its alias, announced name, native id, key
 * (`tasmota/kitchen`, what the search matched before aliases), convention and room.
 */
export function deviceSearchText(layout: HouseLayout, device: Device): string {
  return [
    deviceEntry(layout, device.id)?.alias ?? '',
    device.name ?? '',
    device.nativeId,
    device.id,
    device.convention,
    deviceRoomName(layout, device) ?? '',
  ]
    .join('\n')
    .toLowerCase();
}

/**
 * The device keys of `ids` that answer a typed search (the rule of `matchesDeviceQuery` in
 * roomSections.ts: every word in one of the device's names, alias and room included), in their
 * order; `ids` itself when the search is blank, so a memoised list keeps its identity. A key with
 * no device in `devices` is matched by its text alone, as `filterDeviceIds` does.
 */
export function filterDeviceIdsWithLayout(
  layout: HouseLayout,
  devices: ReadonlyMap<string, Device>,
  ids: readonly string[],
  query: string,
): readonly string[] {
  const words = queryWords(query);
  if (words.length === 0) return ids;
  return ids.filter((id) => {
    const device = devices.get(id);
    const text = device === undefined ? id.toLowerCase() : deviceSearchText(layout, device);
    return words.every((word) => text.includes(word));
  });
}
