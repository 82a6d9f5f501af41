import { describe, expect, it } from 'vitest';
import type { Device, Fleet } from './device';
import { cardOrder } from './deviceOrder';

function fleetOf(devices: Array<Partial<Device> & { id: string }>): Fleet {
  const map = new Map(devices.map((device) => [device.id, device as Device]));
  return { devices: map, ids: devices.map((device) => device.id), unmappedCount: 0, overLimitCount: 0 };
}

describe('cardOrder', () => {
  it('keeps the fleet order when the screen has heard of every device', () => {
    const fleet = fleetOf([{ id: 'generic/a' }, { id: 'generic/b' }]);
    expect(cardOrder(fleet)).toBe(fleet.ids);
  });

  it('shows the devices heard on this screen first, then the remembered ones, the latest heard first', () => {
    const fleet = fleetOf([
      { id: 'generic/attic', remembered: true, rememberedAt: 100 },
      { id: 'generic/hall' },
      { id: 'generic/kitchen', remembered: true, rememberedAt: 300 },
      { id: 'generic/porch' },
      { id: 'generic/shed', remembered: true, rememberedAt: 200 },
    ]);
    expect(cardOrder(fleet)).toEqual([
      'generic/hall',
      'generic/porch',
      'generic/kitchen',
      'generic/shed',
      'generic/attic',
    ]);
  });
});
