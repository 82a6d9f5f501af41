import { describe, expect, it } from 'vitest';
import type { Device, Fleet } from './device';
import { testMetric } from './fixtures/devices';
import { type Deafness, deriveStatus, heardSilenceMs, refreshStatuses } from './status';

const STALE_AFTER_MS = 60_000;
const NOW = 1_700_000_000_000;

function device(overrides: Partial<Device> = {}): Device {
  return {
    id: 'kitchen',
    nativeId: 'kitchen',
    convention: 'generic',
    metrics: new Map([['temperature', testMetric({ name: 'temperature', value: 21 })]]),
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

describe('heardSilenceMs and staleness with the dashboard deaf', () => {
  const HEARD = NOW;
  const listening: Deafness = { spans: [], since: null, listeningSince: NOW - 3_600_000 };

  it('counts the time since the device was heard when the dashboard listened throughout', () => {
    expect(heardSilenceMs(device({ lastSeenAt: HEARD }), HEARD + 5000, listening)).toBe(5000);
  });

  it('does not count a sleep of the tablet as the device silence', () => {
    // Heard, then the tablet slept 10 min, woke and caught up; 5 s since.
    const slept: Deafness = { ...listening, spans: [{ from: HEARD + 10_000, to: HEARD + 610_000 }] };
    expect(heardSilenceMs(device(), HEARD + 615_000, slept)).toBe(15_000);
    expect(deriveStatus(device(), HEARD + 615_000, STALE_AFTER_MS, slept)).toBe('online');
  });

  it('keeps a device stale that was already silent before the gap', () => {
    const slept: Deafness = { ...listening, spans: [{ from: HEARD + 120_000, to: HEARD + 720_000 }] };
    expect(deriveStatus(device(), HEARD + 721_000, STALE_AFTER_MS, slept)).toBe('stale');
  });

  it('stops counting while deaf (disconnected or catching up)', () => {
    const deaf: Deafness = { ...listening, since: HEARD + 10_000 };
    expect(heardSilenceMs(device(), HEARD + 900_000, deaf)).toBe(10_000);
    expect(deriveStatus(device(), HEARD + 900_000, STALE_AFTER_MS, deaf)).toBe('online');
  });

  it('counts each of several gaps once, and a gap before the device was heard not at all', () => {
    const gaps: Deafness = {
      ...listening,
      spans: [
        { from: HEARD - 50_000, to: HEARD - 10_000 },
        { from: HEARD + 1000, to: HEARD + 2000 },
        { from: HEARD + 5000, to: HEARD + 8000 },
      ],
    };
    expect(heardSilenceMs(device(), HEARD + 10_000, gaps)).toBe(6000);
  });

  it('clips a span that reaches past the open gap', () => {
    const restored: Deafness = {
      spans: [{ from: HEARD + 1000, to: HEARD + 9000 }],
      since: HEARD + 5000,
      listeningSince: null,
    };
    expect(heardSilenceMs(device(), HEARD + 20_000, restored)).toBe(1000);
  });

  it('measures a device never heard live from when the page began to listen', () => {
    const kept = device({ lastSeenAt: 0, liveSeen: false, availability: true });
    const since = { ...listening, listeningSince: NOW };
    expect(deriveStatus(kept, NOW + 1000, STALE_AFTER_MS, since)).toBe('online');
    expect(deriveStatus(kept, NOW + STALE_AFTER_MS + 1, STALE_AFTER_MS, since)).toBe('stale');
    expect(
      deriveStatus(kept, NOW + STALE_AFTER_MS * 10, STALE_AFTER_MS, { ...since, listeningSince: null }),
    ).toBe('online');
  });

  it('never calls a device that sends no readings stale: only its availability speaks for it', () => {
    const bridge = device({ metrics: new Map(), lastSeenAt: 0, liveSeen: false, availability: true });
    expect(deriveStatus(bridge, NOW + STALE_AFTER_MS * 10, STALE_AFTER_MS, listening)).toBe('online');
    expect(deriveStatus({ ...bridge, availability: false }, NOW, STALE_AFTER_MS, listening)).toBe('offline');
    const announced = device({ metrics: new Map(), lastSeenAt: 0, liveSeen: false, availability: null });
    expect(deriveStatus(announced, NOW + STALE_AFTER_MS * 10, STALE_AFTER_MS, listening)).toBe('unknown');
  });

  it('calls a device with only retained data unknown, then stale once it stays silent while listening', () => {
    const replayed = device({
      lastSeenAt: 0,
      liveSeen: false,
      availability: null,
      metrics: new Map([['temperature', testMetric({ name: 'temperature', value: 12 })]]),
    });
    const since = { ...listening, listeningSince: NOW };
    expect(deriveStatus(replayed, NOW + 1000, STALE_AFTER_MS, since)).toBe('unknown');
    expect(deriveStatus(replayed, NOW + STALE_AFTER_MS + 1, STALE_AFTER_MS, since)).toBe('stale');
    expect(deriveStatus(replayed, NOW + STALE_AFTER_MS * 10, STALE_AFTER_MS)).toBe('unknown');
  });
});
