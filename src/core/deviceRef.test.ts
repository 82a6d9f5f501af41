import { describe, expect, it } from 'vitest';
import type { Device, Fleet } from './device';
import { resolveDeviceRef } from './deviceRef';
import { testDevice } from './fixtures/devices';

const device = (id: string): Device => {
  const [convention, nativeId] = id.split('/') as [Device['convention'], string];
  return testDevice({ id, nativeId, convention });
};
const fleetOf = (...devices: Device[]): Fleet => ({
  devices: new Map(devices.map((d) => [d.id, d])),
  ids: devices.map((d) => d.id),
  unmappedCount: 0,
  overLimitCount: 0,
});

describe('resolveDeviceRef', () => {
  it('finds a device by its key', () => {
    const fleet = fleetOf(device('tasmota/boiler'), device('generic/boiler'));
    expect(resolveDeviceRef(fleet, 'tasmota/boiler')?.id).toBe('tasmota/boiler');
    expect(resolveDeviceRef(fleet, 'generic/boiler')?.id).toBe('generic/boiler');
  });

  it('reads a legacy generic key as the one device of that native id', () => {
    const fleet = fleetOf(device('tasmota/boiler'), device('shelly/porch'));
    expect(resolveDeviceRef(fleet, 'generic/boiler')?.id).toBe('tasmota/boiler');
  });

  it('reads a bare native id the same way', () => {
    expect(resolveDeviceRef(fleetOf(device('tasmota/boiler')), 'boiler')?.id).toBe('tasmota/boiler');
    expect(resolveDeviceRef(fleetOf(device('generic/hall')), 'hall')?.id).toBe('generic/hall');
  });

  it('names nothing when two devices share the native id, or none has it', () => {
    const fleet = fleetOf(device('tasmota/boiler'), device('shelly/boiler'));
    expect(resolveDeviceRef(fleet, 'generic/boiler')).toBeUndefined();
    expect(resolveDeviceRef(fleet, 'generic/attic')).toBeUndefined();
    expect(resolveDeviceRef(fleet, '')).toBeUndefined();
  });

  it('never reads a key of another convention by its native id', () => {
    expect(resolveDeviceRef(fleetOf(device('tasmota/boiler')), 'shelly/boiler')).toBeUndefined();
  });
});
