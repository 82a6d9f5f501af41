import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_ALERTS } from '../core/alerts';
import { EMPTY_FLEET } from '../core/device';
import type { ApiDevice } from '../core/historyApi';
import { parseDevicesResponse } from '../core/historyApiParse';
import { EMPTY_RULE_STATE } from '../core/thresholds';
import { useHearthStore } from './store';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

const remembered = (id: string, over: Partial<ApiDevice> = {}): ApiDevice => ({
  key: `generic/${id}`,
  id,
  convention: 'generic',
  name: null,
  status: 'online',
  availability: null,
  lastSeenAt: T0 - 10_000,
  topics: [`house/${id}/temperature`],
  readings: [
    {
      metric: 'temperature',
      handle: 'temperature',
      label: null,
      quantity: 'temperature',
      value: 21,
      unit: '°C',
      sourceUnit: '°C',
      precision: null,
      diagnostic: false,
      source: null,
      at: T0 - 10_000,
      receivedAt: T0 - 10_000,
      topic: `house/${id}/temperature`,
    },
    {
      metric: 'humidity',
      handle: 'humidity',
      label: null,
      quantity: 'humidity',
      value: 40,
      unit: '%',
      sourceUnit: '%',
      precision: null,
      diagnostic: false,
      source: null,
      at: T0 - 10_000,
      receivedAt: T0 - 10_000,
      topic: `house/${id}/humidity`,
    },
  ],
  ...over,
});

describe('the store folds what the server remembers', () => {
  beforeEach(() => {
    useHearthStore.setState({
      fleet: EMPTY_FLEET,
      alerts: EMPTY_ALERTS,
      alertsArmed: false,
      outages: [],
      deafSince: T0 - 5000,
      listeningSince: null,
      lastDataAt: null,
      ruleState: EMPTY_RULE_STATE,
      rollups: new Map(),
      pending: [],
      notices: [],
      server: 'unknown',
    });
  });

  it('in one update, with no rollups: remembered values are not history the page recorded', () => {
    let updates = 0;
    const unsubscribe = useHearthStore.subscribe(() => updates++);
    useHearthStore.getState().rememberServerDevices([remembered('kitchen'), remembered('hall')], T0);
    unsubscribe();
    expect(updates).toBe(1);
    const state = useHearthStore.getState();
    expect(state.fleet.ids).toEqual(['generic/hall', 'generic/kitchen']);
    expect(state.rollups.size).toBe(0);
    expect(state.lastDataAt).toBe(T0 - 10_000);
  });

  it('shows only devices that spoke on a topic this screen subscribes to, as it would live', () => {
    const settings = useHearthStore.getState().settings;
    useHearthStore.setState({
      settings: { ...useHearthStore.getState().settings, topics: ['house/+/temperature'] },
    });
    useHearthStore
      .getState()
      .rememberServerDevices(
        [
          remembered('kitchen'),
          remembered('plug', { topics: ['tele/plug/SENSOR'] }),
          remembered('attic', { topics: ['house/attic/humidity'] }),
          remembered('silent', { topics: [] }),
        ],
        T0,
      );
    expect(useHearthStore.getState().fleet.ids).toEqual(['generic/kitchen']);
    // Its humidity came on a topic this screen does not subscribe to.
    expect([
      ...(useHearthStore.getState().fleet.devices.get('generic/kitchen')?.metrics.keys() ?? []),
    ]).toEqual(['temperature']);
    useHearthStore.setState({ settings });
  });

  it('does not update the store when the server knows nothing new', () => {
    useHearthStore.getState().rememberServerDevices([remembered('kitchen')], T0);
    const before = useHearthStore.getState();
    useHearthStore.getState().rememberServerDevices([remembered('kitchen')], T0 + 1000);
    expect(useHearthStore.getState()).toBe(before);
  });

  it('shows a device known only from memory offline, without an alert; one the page heard alerts as usual', () => {
    useHearthStore.getState().rememberServerDevices([remembered('kitchen', { availability: false })], T0);
    useHearthStore.getState().listen(T0 + 3000);
    expect(useHearthStore.getState().fleet.devices.get('generic/kitchen')?.status).toBe('offline');
    expect(useHearthStore.getState().alerts.active).toEqual([]);
  });

  it('after a sleep, a device the page heard and the server heard go offline alerts at once', () => {
    useHearthStore.getState().ingest(
      [
        {
          meaning: {
            kind: 'readings',
            device: 'kitchen',
            readings: [{ metric: 'temperature', value: 21, unit: '°C' }],
            sampleAt: null,
          },
          retained: false,
          receivedAt: T0 + 1000,
        },
      ],
      T0 + 1000,
    );
    useHearthStore.getState().listen(T0 + 3000);
    expect(useHearthStore.getState().alerts.active).toEqual([]);
    useHearthStore
      .getState()
      .rememberServerDevices(
        [remembered('kitchen', { availability: false, lastSeenAt: T0 + 60_000 })],
        T0 + 90_000,
      );
    expect(useHearthStore.getState().alerts.active).toMatchObject([
      { device: 'generic/kitchen', kind: 'offline' },
    ]);
  });

  it('folds 1,000 devices from the wire in well under a second', () => {
    const answer = JSON.stringify({
      now: T0,
      broker: null,
      devices: Array.from({ length: 1000 }, (_, i) => remembered(`sensor-${i}`)),
    });
    const started = performance.now();
    const parsed = parseDevicesResponse(JSON.parse(answer));
    if (!parsed.ok) throw new Error(parsed.reason);
    useHearthStore.getState().rememberServerDevices(parsed.value.devices, T0);
    const elapsed = performance.now() - started;
    console.info(`parse + fold of 1,000 devices (2 readings each): ${elapsed.toFixed(1)} ms`);
    expect(useHearthStore.getState().fleet.devices.size).toBe(1000);
    expect(elapsed).toBeLessThan(1000);
  });
});
