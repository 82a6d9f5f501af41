import { type Device, type Fleet, savedDeviceKey } from './device';

const GENERIC_PREFIX = 'generic/';

/**
 * The device a saved reference names, resolved at use against the fleet as it is now. A key
 * (`tasmota/boiler`) names its device. Versions before device keys saved a bare native id, which
 * settings read as a generic key (`boiler` → `generic/boiler`); when no generic device has that
 * key, the reference names the one device of any convention whose native id is the rest (the
 * Tasmota `boiler` the rule was written for). Two such devices are ambiguous: undefined, as for
 * a device not seen yet.
 */
export function resolveDeviceRef(fleet: Fleet, key: string): Device | undefined {
  if (key === '') return undefined;
  const named = fleet.devices.get(key);
  if (named !== undefined) return named;
  const generic = savedDeviceKey(key);
  const legacy = fleet.devices.get(generic);
  if (legacy !== undefined || !generic.startsWith(GENERIC_PREFIX)) return legacy;
  const nativeId = generic.slice(GENERIC_PREFIX.length);
  let found: Device | undefined;
  for (const device of fleet.devices.values()) {
    if (device.nativeId !== nativeId) continue;
    if (found !== undefined) return undefined;
    found = device;
  }
  return found;
}
