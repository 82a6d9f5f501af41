import { describe, expect, it } from 'vitest';
import { type Alert, EMPTY_ALERTS } from './alerts';
import type { ApiEvent } from './historyApi';
import { pastEvents } from './pastEvents';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

const event = (over: Partial<ApiEvent>): ApiEvent => ({
  at: T0 - 60_000,
  kind: 'offline',
  device: 'tasmota/kitchen_plug',
  name: 'Kitchen plug',
  metric: null,
  value: null,
  text: 'Kitchen plug went offline',
  until: null,
  ...over,
});

const alert = (over: Partial<Alert>): Alert => ({
  id: 1,
  device: 'tasmota/kitchen_plug',
  kind: 'offline',
  raisedAt: T0 - 60_000,
  resolvedAt: null,
  acknowledged: false,
  ...over,
});

describe('pastEvents', () => {
  it('lists offline, online, switch and control events about devices, newest first, with native id and convention', () => {
    const rows = pastEvents(
      [
        event({ kind: 'online', at: T0 - 1000 }),
        event({ kind: 'switch', at: T0 - 2000, value: 1 }),
        event({ kind: 'control-confirmed', at: T0 - 3000, value: 0 }),
        event({ kind: 'offline', at: T0 - 4000 }),
      ],
      EMPTY_ALERTS,
      T0,
    );
    expect(rows.map((r) => [r.kind, r.at, r.nativeId, r.convention])).toEqual([
      ['online', T0 - 1000, 'kitchen_plug', 'tasmota'],
      ['switch', T0 - 2000, 'kitchen_plug', 'tasmota'],
      ['control', T0 - 3000, 'kitchen_plug', 'tasmota'],
      ['offline', T0 - 4000, 'kitchen_plug', 'tasmota'],
    ]);
    expect(rows[2]?.confirmed).toBe(true);
  });

  it('leaves out the recorder’s own events, alerts, and what happened since the page opened', () => {
    const rows = pastEvents(
      [
        event({ kind: 'recorder-outage', device: null }),
        event({ kind: 'alert' }),
        event({ kind: 'alert-cleared' }),
        event({ kind: 'offline', at: T0 + 1 }),
        event({ kind: 'offline', at: T0 }),
      ],
      EMPTY_ALERTS,
      T0,
    );
    expect(rows).toEqual([]);
  });

  it('does not repeat an offline or online the page logged itself within a few seconds', () => {
    const book = {
      active: [alert({ id: 2, raisedAt: T0 - 10_000 })],
      log: [alert({ id: 1, kind: 'stale', raisedAt: T0 - 100_000, resolvedAt: T0 - 50_000 })],
      nextId: 3,
    };
    const rows = pastEvents(
      [
        event({ kind: 'offline', at: T0 - 12_000 }),
        event({ kind: 'online', at: T0 - 53_000 }),
        // Another device, and a time too far from the page's own: both stay.
        event({ kind: 'offline', at: T0 - 10_000, device: 'tasmota/hall' }),
        event({ kind: 'offline', at: T0 - 30_000 }),
      ],
      book,
      T0,
    );
    expect(rows.map((r) => [r.device, r.at])).toEqual([
      ['tasmota/hall', T0 - 10_000],
      ['tasmota/kitchen_plug', T0 - 30_000],
    ]);
  });
});
