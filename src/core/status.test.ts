import { describe, expect, it } from 'vitest';
import type { Device, Fleet } from './device';
import { deriveStatus, refreshStatuses } from './status';

const STALE_AFTER_MS = 60_000;
const NOW = 1_700_000_000_000;

function device(overrides: Partial<Device> = {}): Device {
  return {
    id: 'kitchen',
    nativeId: 'kitchen',
    convention: 'generic',
    metrics: new Map(),
    availability: null,
    availabilityAt: 0,
    lastSeenAt: NOW,
    liveSeen: true,
    invalidCount: 0,
    oversizeCount: 0,
    lastProblem: null,
    status: 'online',
    ...overrides,
  };
}

function fleetOf(...devices: Device[]): Fleet {
  return {
    devices: new Map(devices.map((d) => [d.id, d])),
    ids: devices.map((d) => d.id),
    unmappedCount: 0,
    overLimitCount: 0,
  };
}

describe('deriveStatus', () => {
  it('calls a device only announced, never heard from, unknown however long ago', () => {
    expect(deriveStatus(device({ lastSeenAt: 0, liveSeen: false }), NOW, STALE_AFTER_MS)).toBe('unknown');
  });

  it('is online when live data arrived recently', () => {
    expect(deriveStatus(device(), NOW + 1000, STALE_AFTER_MS)).toBe('online');
  });

  it('is online when the device said so, even if its data was retained', () => {
    expect(deriveStatus(device({ availability: true, liveSeen: false }), NOW, STALE_AFTER_MS)).toBe('online');
  });

  it('is offline when the device or its Last Will said offline', () => {
    expect(deriveStatus(device({ availability: false }), NOW, STALE_AFTER_MS)).toBe('offline');
  });

  it('is offline rather than stale when both apply', () => {
    expect(deriveStatus(device({ availability: false }), NOW + 10 * STALE_AFTER_MS, STALE_AFTER_MS)).toBe(
      'offline',
    );
  });

  it('is stale when nothing arrived for longer than staleAfterMs, without any Last Will', () => {
    expect(deriveStatus(device(), NOW + STALE_AFTER_MS + 1, STALE_AFTER_MS)).toBe('stale');
  });

  it('is still online at exactly staleAfterMs of silence', () => {
    expect(deriveStatus(device(), NOW + STALE_AFTER_MS, STALE_AFTER_MS)).toBe('online');
  });

  it('is stale even when the device last said online', () => {
    expect(deriveStatus(device({ availability: true }), NOW + STALE_AFTER_MS + 1, STALE_AFTER_MS)).toBe(
      'stale',
    );
  });

  it('is unknown with only retained data and no availability', () => {
    expect(deriveStatus(device({ liveSeen: false }), NOW, STALE_AFTER_MS)).toBe('unknown');
  });
});

describe('refreshStatuses', () => {
  it('keeps the fleet and every device when nothing changed', () => {
    const fleet = fleetOf(device({ id: 'kitchen' }), device({ id: 'hall' }));
    const result = refreshStatuses(fleet, NOW + 1000, STALE_AFTER_MS);
    expect(result.fleet).toBe(fleet);
    expect(result.changed).toEqual([]);
  });

  it('turns a silent device stale and lists it as changed', () => {
    const fleet = fleetOf(
      device({ id: 'kitchen', lastSeenAt: NOW - 2 * STALE_AFTER_MS }),
      device({ id: 'hall' }),
    );
    const result = refreshStatuses(fleet, NOW, STALE_AFTER_MS);
    expect(result.changed).toEqual(['kitchen']);
    expect(result.fleet.devices.get('kitchen')?.status).toBe('stale');
  });

  it('keeps the identity of devices whose status did not change', () => {
    const hall = device({ id: 'hall' });
    const fleet = fleetOf(device({ id: 'kitchen', lastSeenAt: NOW - 2 * STALE_AFTER_MS }), hall);
    const result = refreshStatuses(fleet, NOW, STALE_AFTER_MS);
    expect(result.fleet).not.toBe(fleet);
    expect(result.fleet.devices.get('hall')).toBe(hall);
    expect(result.fleet.ids).toBe(fleet.ids);
  });

  it('does not change the fleet it was given', () => {
    const kitchen = device({ id: 'kitchen', lastSeenAt: NOW - 2 * STALE_AFTER_MS });
    const fleet = fleetOf(kitchen);
    refreshStatuses(fleet, NOW, STALE_AFTER_MS);
    expect(fleet.devices.get('kitchen')).toBe(kitchen);
    expect(kitchen.status).toBe('online');
  });
});
