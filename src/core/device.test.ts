import { describe, expect, it } from 'vitest';
import { deviceKey, deviceLabel, EMPTY_FLEET, splitDeviceKey } from './device';

describe('deviceKey', () => {
  it('keeps a generic kitchen and a Tasmota kitchen apart', () => {
    expect(deviceKey('generic', 'kitchen')).not.toBe(deviceKey('tasmota', 'kitchen'));
  });

  it('splits back into convention and native id, whatever the native id holds', () => {
    expect(splitDeviceKey(deviceKey('zigbee2mqtt', 'Living room/sensor'))).toEqual({
      convention: 'zigbee2mqtt',
      nativeId: 'Living room/sensor',
    });
  });
});

describe('EMPTY_FLEET', () => {
  it('starts with no devices and no counts', () => {
    expect(EMPTY_FLEET.devices.size).toBe(0);
    expect(EMPTY_FLEET.ids).toEqual([]);
    expect(EMPTY_FLEET.unmappedCount).toBe(0);
    expect(EMPTY_FLEET.overLimitCount).toBe(0);
  });
});

describe('deviceLabel', () => {
  it('shows the name its convention announced', () => {
    expect(deviceLabel({ nativeId: 'thermostat-1', name: 'Living room thermostat' })).toBe(
      'Living room thermostat',
    );
  });

  it('shows the native id when there is no name', () => {
    expect(deviceLabel({ nativeId: 'Kitchen/ceiling' })).toBe('Kitchen/ceiling');
  });

  it('shows a generic device by its id', () => {
    expect(deviceLabel({ nativeId: 'kitchen' })).toBe('kitchen');
    expect(deviceLabel({ nativeId: 'x', name: '' })).toBe('x');
  });
});
