import { describe, expect, it } from 'vitest';
import {
  ALERT_LOG_MAX,
  type AlertBook,
  acknowledgeAlert,
  acknowledgeAlerts,
  applyThresholdEvents,
  BATTERY_LOW_PERCENT,
  batteryPercent,
  EMPTY_ALERTS,
  FLAP_WINDOW_MS,
  reconcileAlerts,
  reconcileBatteries,
} from './alerts';
import type { Device, DeviceStatus, Fleet, Metric } from './device';
import { testDevice, testMetric } from './fixtures/devices';
import type { ThresholdEvent } from './thresholds';

const T0 = 1_700_000_000_000;

function fleetWith(statuses: Record<string, DeviceStatus>): Fleet {
  const devices = new Map<string, Device>();
  for (const [id, status] of Object.entries(statuses)) {
    devices.set(id, {
      id,
      nativeId: id,
      convention: 'generic',
      metrics: new Map(),
      availability: null,
      availabilityAt: 0,
      lastSeenAt: T0,
      liveSeen: true,
      invalidCount: 0,
      oversizeCount: 0,
      lastProblem: null,
      status,
    });
  }
  return { devices, ids: [...devices.keys()], unmappedCount: 0, overLimitCount: 0 };
}

describe('reconcileAlerts', () => {
  it('raises an active alert naming the device that went offline, with the time', () => {
    const book = reconcileAlerts(EMPTY_ALERTS, fleetWith({ kitchen: 'offline' }), ['kitchen'], T0);
    expect(book.active).toEqual([
      { id: 1, device: 'kitchen', kind: 'offline', raisedAt: T0, resolvedAt: null, acknowledged: false },
    ]);
    expect(book.log).toEqual([]);
  });

  it('raises a stale alert for a device gone silent', () => {
    const book = reconcileAlerts(EMPTY_ALERTS, fleetWith({ kitchen: 'stale' }), ['kitchen'], T0);
    expect(book.active).toMatchObject([{ device: 'kitchen', kind: 'stale', raisedAt: T0 }]);
  });

  it('keeps one active alert per device when the same status is reported again', () => {
    const fleet = fleetWith({ kitchen: 'offline' });
    const once = reconcileAlerts(EMPTY_ALERTS, fleet, ['kitchen'], T0);
    const twice = reconcileAlerts(once, fleet, ['kitchen'], T0 + 5000);
    expect(twice).toBe(once);
    expect(twice.active).toHaveLength(1);
  });

  it('raises no alert for a device that is online or unknown', () => {
    const fleet = fleetWith({ kitchen: 'online', hall: 'unknown' });
    expect(reconcileAlerts(EMPTY_ALERTS, fleet, ['kitchen', 'hall'], T0)).toBe(EMPTY_ALERTS);
  });

  it('resolves the alert when the device is back online and moves it to the log', () => {
    const raised = reconcileAlerts(EMPTY_ALERTS, fleetWith({ kitchen: 'offline' }), ['kitchen'], T0);
    const resolved = reconcileAlerts(raised, fleetWith({ kitchen: 'online' }), ['kitchen'], T0 + 60_000);
    expect(resolved.active).toEqual([]);
    expect(resolved.log).toEqual([
      {
        id: 1,
        device: 'kitchen',
        kind: 'offline',
        raisedAt: T0,
        resolvedAt: T0 + 60_000,
        acknowledged: false,
      },
    ]);
  });

  it('replaces a stale alert with an offline one, logging the stale one', () => {
    const stale = reconcileAlerts(EMPTY_ALERTS, fleetWith({ kitchen: 'stale' }), ['kitchen'], T0);
    const offline = reconcileAlerts(stale, fleetWith({ kitchen: 'offline' }), ['kitchen'], T0 + 1000);
    expect(offline.active).toMatchObject([{ device: 'kitchen', kind: 'offline', raisedAt: T0 + 1000 }]);
    expect(offline.log).toMatchObject([{ device: 'kitchen', kind: 'stale', resolvedAt: T0 + 1000 }]);
  });

  it('lists active alerts newest first', () => {
    let book = reconcileAlerts(EMPTY_ALERTS, fleetWith({ kitchen: 'offline' }), ['kitchen'], T0);
    book = reconcileAlerts(book, fleetWith({ kitchen: 'offline', hall: 'stale' }), ['hall'], T0 + 1000);
    expect(book.active.map((a) => a.device)).toEqual(['hall', 'kitchen']);
  });

  it('keeps the log newest first', () => {
    let book: AlertBook = EMPTY_ALERTS;
    book = reconcileAlerts(book, fleetWith({ kitchen: 'offline', hall: 'offline' }), ['kitchen', 'hall'], T0);
    book = reconcileAlerts(book, fleetWith({ kitchen: 'online', hall: 'offline' }), ['kitchen'], T0 + 1000);
    book = reconcileAlerts(book, fleetWith({ kitchen: 'online', hall: 'online' }), ['hall'], T0 + 2000);
    expect(book.log.map((a) => [a.device, a.resolvedAt])).toEqual([
      ['hall', T0 + 2000],
      ['kitchen', T0 + 1000],
    ]);
  });

  it('caps the log at ALERT_LOG_MAX, dropping the oldest', () => {
    let book: AlertBook = EMPTY_ALERTS;
    // Drops further apart than the flap window, so each is an alert of its own.
    const step = 2 * FLAP_WINDOW_MS;
    for (let i = 0; i < ALERT_LOG_MAX + 10; i++) {
      book = reconcileAlerts(book, fleetWith({ kitchen: 'offline' }), ['kitchen'], T0 + step * i);
      book = reconcileAlerts(book, fleetWith({ kitchen: 'online' }), ['kitchen'], T0 + step * i + 1);
    }
    expect(book.log).toHaveLength(ALERT_LOG_MAX);
    expect(book.log[0]?.resolvedAt).toBe(T0 + step * (ALERT_LOG_MAX + 9) + 1);
  });

  it('gives every alert a new id', () => {
    let book = reconcileAlerts(EMPTY_ALERTS, fleetWith({ kitchen: 'offline' }), ['kitchen'], T0);
    book = reconcileAlerts(book, fleetWith({ kitchen: 'online' }), ['kitchen'], T0 + 1);
    book = reconcileAlerts(book, fleetWith({ kitchen: 'offline' }), ['kitchen'], T0 + FLAP_WINDOW_MS + 2);
    expect(book.active[0]?.id).toBe(2);
    expect(book.log[0]?.id).toBe(1);
  });

  it('returns the same book when nothing changed', () => {
    expect(reconcileAlerts(EMPTY_ALERTS, fleetWith({}), [], T0)).toBe(EMPTY_ALERTS);
  });
});

describe('acknowledgeAlert', () => {
  it('marks the alert as seen and keeps it active', () => {
    const book = reconcileAlerts(EMPTY_ALERTS, fleetWith({ kitchen: 'offline' }), ['kitchen'], T0);
    const seen = acknowledgeAlert(book, 1);
    expect(seen.active).toMatchObject([{ id: 1, device: 'kitchen', acknowledged: true, resolvedAt: null }]);
  });

  it('leaves the other alerts alone', () => {
    const book = reconcileAlerts(
      EMPTY_ALERTS,
      fleetWith({ kitchen: 'offline', hall: 'stale' }),
      ['kitchen', 'hall'],
      T0,
    );
    const seen = acknowledgeAlert(book, 1);
    expect(seen.active.find((a) => a.device === 'hall')).toBe(book.active.find((a) => a.device === 'hall'));
  });

  it('returns the same book for an unknown or already acknowledged alert', () => {
    const book = reconcileAlerts(EMPTY_ALERTS, fleetWith({ kitchen: 'offline' }), ['kitchen'], T0);
    expect(acknowledgeAlert(book, 99)).toBe(book);
    const seen = acknowledgeAlert(book, 1);
    expect(acknowledgeAlert(seen, 1)).toBe(seen);
  });

  it('carries the acknowledgement into the log when the alert resolves', () => {
    const book = acknowledgeAlert(
      reconcileAlerts(EMPTY_ALERTS, fleetWith({ kitchen: 'offline' }), ['kitchen'], T0),
      1,
    );
    const resolved = reconcileAlerts(book, fleetWith({ kitchen: 'online' }), ['kitchen'], T0 + 1);
    expect(resolved.log).toMatchObject([{ id: 1, acknowledged: true }]);
  });
});

describe('acknowledgeAlerts', () => {
  const book = reconcileAlerts(
    EMPTY_ALERTS,
    fleetWith({ kitchen: 'offline', hall: 'offline', porch: 'stale' }),
    ['kitchen', 'hall', 'porch'],
    T0,
  );
  const idOf = (device: string) => book.active.find((a) => a.device === device)?.id ?? -1;

  it('marks every named alert as seen and leaves the others alone', () => {
    const seen = acknowledgeAlerts(book, [idOf('kitchen'), idOf('hall')]);
    expect(seen.active.filter((a) => a.acknowledged).map((a) => a.device)).toEqual(['hall', 'kitchen']);
    expect(seen.active.find((a) => a.device === 'porch')).toBe(book.active.find((a) => a.device === 'porch'));
  });

  it('returns the same book when every named alert was seen already or is unknown', () => {
    const seen = acknowledgeAlerts(book, [idOf('kitchen')]);
    expect(acknowledgeAlerts(seen, [idOf('kitchen'), 99])).toBe(seen);
    expect(acknowledgeAlerts(book, [])).toBe(book);
  });
});

describe('applyThresholdEvents', () => {
  const event = (device: string, at: number, ruleId = 'hot'): ThresholdEvent => ({
    ruleId,
    device,
    metric: 'temperature',
    value: 29,
    at,
    words: 'temperature above 28 °C',
  });

  it("raises a threshold alert with the rule's words", () => {
    const book = applyThresholdEvents(EMPTY_ALERTS, [event('kitchen', T0)], [], T0);
    expect(book.active).toEqual([
      {
        id: 1,
        device: 'kitchen',
        kind: 'threshold',
        raisedAt: T0,
        resolvedAt: null,
        acknowledged: false,
        ruleId: 'hot',
        metric: 'temperature',
        words: 'temperature above 28 °C',
      },
    ]);
  });

  it('keeps one alert per reading: two probes of one device past the limit alert each', () => {
    const probe = (metric: string): ThresholdEvent => ({ ...event('tasmota/boiler', T0), metric });
    let book = applyThresholdEvents(EMPTY_ALERTS, [probe('DS18B20-1.Temperature')], [], T0);
    book = applyThresholdEvents(book, [probe('DS18B20-2.Temperature')], [], T0);
    expect(book.active.map((a) => a.metric)).toEqual(['DS18B20-2.Temperature', 'DS18B20-1.Temperature']);
    book = applyThresholdEvents(book, [], [probe('DS18B20-1.Temperature')], T0 + 1);
    expect(book.active.map((a) => a.metric)).toEqual(['DS18B20-2.Temperature']);
  });

  it('keeps one alert per device and rule, and one per rule on the same device', () => {
    let book = applyThresholdEvents(EMPTY_ALERTS, [event('kitchen', T0)], [], T0);
    book = applyThresholdEvents(book, [event('kitchen', T0 + 1)], [], T0 + 1);
    book = applyThresholdEvents(book, [event('kitchen', T0 + 2, 'very-hot')], [], T0 + 2);
    expect(book.active.map((a) => a.ruleId)).toEqual(['very-hot', 'hot']);
  });

  it('resolves into the log', () => {
    const raised = applyThresholdEvents(EMPTY_ALERTS, [event('kitchen', T0)], [], T0);
    const resolved = applyThresholdEvents(raised, [], [event('kitchen', T0 + 5000)], T0 + 5000);
    expect(resolved.active).toEqual([]);
    expect(resolved.log).toMatchObject([
      { kind: 'threshold', resolvedAt: T0 + 5000, words: 'temperature above 28 °C' },
    ]);
  });

  it('lives beside an offline alert: neither replaces the other', () => {
    let book = reconcileAlerts(EMPTY_ALERTS, fleetWith({ kitchen: 'offline' }), ['kitchen'], T0);
    book = applyThresholdEvents(book, [event('kitchen', T0 + 1)], [], T0 + 1);
    book = reconcileAlerts(book, fleetWith({ kitchen: 'offline' }), ['kitchen'], T0 + 2);
    expect(book.active.map((a) => a.kind)).toEqual(['threshold', 'offline']);
    book = reconcileAlerts(book, fleetWith({ kitchen: 'online' }), ['kitchen'], T0 + 3);
    expect(book.active.map((a) => a.kind)).toEqual(['threshold']);
    expect(book.log.map((a) => a.kind)).toEqual(['offline']);
  });

  it('returns the same book when there is nothing to do', () => {
    expect(applyThresholdEvents(EMPTY_ALERTS, [], [], T0)).toBe(EMPTY_ALERTS);
    expect(applyThresholdEvents(EMPTY_ALERTS, [], [event('kitchen', T0)], T0)).toBe(EMPTY_ALERTS);
  });
});

describe('flapping devices', () => {
  const fleetWith = (status: 'online' | 'offline') =>
    ({
      devices: new Map([['lamp', { id: 'lamp', status }]]),
      ids: ['lamp'],
      unmappedCount: 0,
      overLimitCount: 0,
    }) as unknown as Parameters<typeof reconcileAlerts>[1];

  it('reopens the same alert when a device drops again within seconds, counting the flaps', () => {
    let book = reconcileAlerts(EMPTY_ALERTS, fleetWith('offline'), ['lamp'], 1000);
    book = reconcileAlerts(book, fleetWith('online'), ['lamp'], 3000);
    book = reconcileAlerts(book, fleetWith('offline'), ['lamp'], 5000);
    expect(book.active).toHaveLength(1);
    expect(book.active[0]).toMatchObject({ id: 1, raisedAt: 1000, resolvedAt: null, flaps: 1 });
    expect(book.log).toHaveLength(0);
  });

  it('raises a new alert when the device had been back for longer than the flap window', () => {
    let book = reconcileAlerts(EMPTY_ALERTS, fleetWith('offline'), ['lamp'], 1000);
    book = reconcileAlerts(book, fleetWith('online'), ['lamp'], 3000);
    book = reconcileAlerts(book, fleetWith('offline'), ['lamp'], 3000 + FLAP_WINDOW_MS + 1);
    expect(book.active[0]).toMatchObject({ id: 2 });
    expect(book.log).toHaveLength(1);
  });
});

describe('alerts by device key', () => {
  it('alerts a generic and a Tasmota kitchen each on their own', () => {
    const fleet: Fleet = {
      devices: new Map([
        ['generic/kitchen', testDevice({ id: 'generic/kitchen', nativeId: 'kitchen', status: 'offline' })],
        [
          'tasmota/kitchen',
          testDevice({ id: 'tasmota/kitchen', nativeId: 'kitchen', convention: 'tasmota', status: 'online' }),
        ],
      ]),
      ids: ['generic/kitchen', 'tasmota/kitchen'],
      unmappedCount: 0,
      overLimitCount: 0,
    };
    const book = reconcileAlerts(EMPTY_ALERTS, fleet, fleet.ids, T0);
    expect(book.active.map((a) => [a.device, a.kind])).toEqual([['generic/kitchen', 'offline']]);
  });
});

describe('battery alerts', () => {
  const battery = (value: number, extra: Partial<Metric> = {}) =>
    testMetric({ name: 'battery', quantity: 'battery', unit: '%', handle: 'battery', value, ...extra });
  const fleetOf = (...devices: Device[]): Fleet => ({
    devices: new Map(devices.map((d) => [d.id, d])),
    ids: devices.map((d) => d.id),
    unmappedCount: 0,
    overLimitCount: 0,
  });
  const sensor = (metrics: Metric[], id = 'zigbee2mqtt/hall_sensor') =>
    testDevice({
      id,
      nativeId: id.split('/')[1] ?? id,
      convention: 'zigbee2mqtt',
      metrics: new Map(metrics.map((m) => [m.name, m])),
    });
  /** Feeds battery levels one after another and returns the book. */
  const levels = (...values: number[]) => {
    let book = EMPTY_ALERTS;
    values.forEach((value, i) => {
      const device = sensor([battery(value)]);
      book = reconcileBatteries(book, fleetOf(device), [device.id], T0 + i);
    });
    return book;
  };

  it('raises one alert at or under 15 %, with the level in words', () => {
    expect(levels(16).active).toEqual([]);
    expect(levels(BATTERY_LOW_PERCENT).active).toEqual([
      {
        id: 1,
        device: 'zigbee2mqtt/hall_sensor',
        kind: 'battery',
        raisedAt: T0,
        resolvedAt: null,
        acknowledged: false,
        words: 'battery at 15 %',
      },
    ]);
  });

  it('does not raise it again while the battery wavers under 20 %', () => {
    const book = levels(14, 16, 13, 19, 12);
    expect(book.active).toHaveLength(1);
    expect(book.log).toEqual([]);
  });

  it('resolves it once the battery is above 20 % (a new battery)', () => {
    const book = levels(14, 20, 21);
    expect(book.active).toEqual([]);
    expect(book.log).toMatchObject([{ kind: 'battery', resolvedAt: T0 + 2 }]);
  });

  it('never alerts on a device on external power (a USB-powered Shelly H&T says 0 %)', () => {
    const device = sensor([battery(0, { externalPower: true })], 'shelly/shellyht-1');
    expect(reconcileBatteries(EMPTY_ALERTS, fleetOf(device), [device.id], T0)).toBe(EMPTY_ALERTS);
    const other = sensor(
      [battery(0), testMetric({ name: 'external_power', quantity: null, value: 1, externalPower: true })],
      'shelly/shellyht-2',
    );
    expect(batteryPercent(other)).toBeNull();
  });

  it('resolves the alert of a device that went away', () => {
    const book = levels(10);
    expect(reconcileBatteries(book, fleetOf(), ['zigbee2mqtt/hall_sensor'], T0 + 9).active).toEqual([]);
  });

  it('raises and resolves for several devices in one pass, newest first', () => {
    const hall = sensor([battery(10)]);
    const door = sensor([battery(12)], 'zigbee2mqtt/door');
    let book = reconcileBatteries(EMPTY_ALERTS, fleetOf(hall), [hall.id], T0);
    const porch = sensor([battery(5)], 'zigbee2mqtt/porch');
    const fleet = fleetOf(sensor([battery(90)]), door, porch);
    book = reconcileBatteries(book, fleet, [door.id, hall.id, porch.id, door.id], T0 + 1);
    expect(book.active.map((a) => [a.id, a.device])).toEqual([
      [3, 'zigbee2mqtt/porch'],
      [2, 'zigbee2mqtt/door'],
    ]);
    expect(book.log.map((a) => [a.id, a.device, a.resolvedAt])).toEqual([
      [1, 'zigbee2mqtt/hall_sensor', T0 + 1],
    ]);
  });

  it('takes the lowest of two batteries, and lives beside an offline alert', () => {
    const device = {
      ...sensor([battery(80), battery(9, { name: 'battery_2' })]),
      status: 'offline' as const,
    };
    let book = reconcileAlerts(EMPTY_ALERTS, fleetOf(device), [device.id], T0);
    book = reconcileBatteries(book, fleetOf(device), [device.id], T0);
    book = reconcileAlerts(book, fleetOf({ ...device, status: 'online' }), [device.id], T0 + 1);
    expect(book.active.map((a) => a.kind)).toEqual(['battery']);
    expect(book.log.map((a) => a.kind)).toEqual(['offline']);
  });
});

describe('reconcileAlerts at the size of a building', () => {
  it('takes 20,000 devices going silent at once, newest first, and leaves the book alone when nothing moved', () => {
    const devices = Array.from({ length: 20_000 }, (_, i) =>
      testDevice({ id: `generic/d${i}`, nativeId: `d${i}`, status: 'stale' }),
    );
    const fleet = {
      devices: new Map(devices.map((d) => [d.id, d])),
      ids: devices.map((d) => d.id),
      unmappedCount: 0,
      overLimitCount: 0,
    };
    const book = reconcileAlerts(EMPTY_ALERTS, fleet, fleet.ids, 1000);
    const again = reconcileAlerts(book, fleet, fleet.ids, 2000);
    expect(book.active).toHaveLength(20_000);
    expect(book.active[0]?.device).toBe('generic/d19999');
    expect(again).toBe(book);
  });
});
