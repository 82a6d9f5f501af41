import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_ALERTS } from '../core/alerts';
import { EMPTY_FLEET } from '../core/device';
import type { Interpretation, InterpretedMessage } from '../core/interpretation';
import { seriesKey } from '../core/snapshot';
import type { SavedSnapshot } from '../core/snapshotMigration';
import { EMPTY_RULE_STATE } from '../core/thresholds';
import { useHearthStore } from './store';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

const live = (meaning: Interpretation, receivedAt = T0): InterpretedMessage => ({
  meaning,
  retained: false,
  receivedAt,
});
const battery = (device: string, value: number): Interpretation => ({
  kind: 'readings',
  device,
  convention: 'zigbee2mqtt',
  readings: [{ metric: 'battery', value, unit: '%', quantity: 'battery' }],
  sampleAt: null,
});

describe('the store runs the rules after each fold', () => {
  beforeEach(() => {
    useHearthStore.setState({
      fleet: EMPTY_FLEET,
      alerts: EMPTY_ALERTS,
      alertsArmed: false,
      outages: [],
      deafSince: null,
      listeningSince: null,
      lastDataAt: null,
      ruleState: EMPTY_RULE_STATE,
      rollups: new Map(),
      pending: [],
      notices: [],
    });
  });

  it('records rollups by device key and raises alerts only once armed', () => {
    const store = useHearthStore.getState();
    store.ingest([live(battery('door', 9))], T0);
    expect([...useHearthStore.getState().rollups.keys()]).toEqual([seriesKey('zigbee2mqtt/door', 'battery')]);
    expect(useHearthStore.getState().alerts.active).toEqual([]);
    store.goDeaf(T0);
    store.listen(T0 + 3000);
    expect(useHearthStore.getState().alerts.active).toMatchObject([
      { device: 'zigbee2mqtt/door', kind: 'battery' },
    ]);
  });

  it('does not update the store on a tick where nothing moved', () => {
    const store = useHearthStore.getState();
    store.ingest([live(battery('door', 90))], T0);
    const before = useHearthStore.getState();
    store.tick(T0 + 1000);
    expect(useHearthStore.getState()).toBe(before);
  });

  it('restores a snapshot saved before device keys under the keys', () => {
    // As the version before device keys and quantities wrote it.
    const saved: SavedSnapshot = {
      devices: [
        {
          id: 'kitchen',
          metrics: new Map([
            [
              'temperature',
              {
                name: 'temperature',
                value: 21,
                unit: '°C',
                receivedAt: T0,
                sampleAt: T0,
                retained: false,
                times: Float64Array.from([T0]),
                values: Float64Array.from([21]),
              },
            ],
          ]),
          availability: null,
          availabilityAt: 0,
          lastSeenAt: T0,
          liveSeen: true,
          invalidCount: 0,
          oversizeCount: 0,
          lastProblem: null,
          status: 'online',
        },
      ],
      series: [],
      alerts: null,
      outages: [],
      savedAt: T0,
    };
    useHearthStore.getState().restore(saved, 64, T0 + 1000);
    const device = useHearthStore.getState().fleet.devices.get('generic/kitchen');
    expect(device).toMatchObject({ nativeId: 'kitchen', convention: 'generic' });
    expect(device?.metrics.get('temperature')).toMatchObject({
      handle: 'temperature',
      quantity: 'temperature',
    });
  });
});

describe('the store counts silence only while it listens', () => {
  const temperature = (device: string): Interpretation => ({
    kind: 'readings',
    device,
    convention: 'generic',
    readings: [{ metric: 'temperature', value: 21, unit: '°C', quantity: 'temperature' }],
    sampleAt: null,
  });
  const STALE_MS = 60_000;

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
    });
    useHearthStore.getState().listen(T0);
  });

  it('raises no stale alert for a sleep of the tablet, and one once a device stays silent while listening', () => {
    const store = useHearthStore.getState();
    store.ingest([live(temperature('hall'), T0 + 1000)], T0 + 1000);
    // Asleep from T0 + 2 s (found afterwards), awake ten minutes later.
    store.goDeaf(T0 + 2000);
    store.tick(T0 + 600_000);
    expect(useHearthStore.getState().fleet.devices.get('generic/hall')?.status).toBe('online');
    store.listen(T0 + 603_000);
    expect(useHearthStore.getState().alerts.active).toEqual([]);
    expect(useHearthStore.getState().outages).toEqual([{ from: T0 + 2000, to: T0 + 603_000 }]);
    // Still silent a full stale period of listening later (1 s before the sleep + 60 s after).
    store.tick(T0 + 603_000 + STALE_MS);
    expect(useHearthStore.getState().alerts.active).toMatchObject([
      { device: 'generic/hall', kind: 'stale' },
    ]);
  });

  it('keeps the alert of a device that was already silent before a reconnect', () => {
    const store = useHearthStore.getState();
    store.ingest([live(temperature('attic'), T0 + 1000)], T0 + 1000);
    store.tick(T0 + 1000 + STALE_MS + 1);
    const raised = useHearthStore.getState().alerts.active;
    expect(raised).toMatchObject([{ device: 'generic/attic', kind: 'stale' }]);
    store.goDeaf(T0 + 100_000);
    const replay: InterpretedMessage = { ...live(temperature('attic'), T0 + 120_000), retained: true };
    store.ingest([replay], T0 + 120_000);
    store.listen(T0 + 123_000);
    expect(useHearthStore.getState().fleet.devices.get('generic/attic')?.status).toBe('stale');
    expect(useHearthStore.getState().alerts.active).toBe(raised);
  });

  it('records no outage when there was nothing on screen to break', () => {
    expect(useHearthStore.getState().outages).toEqual([]);
    expect(useHearthStore.getState().listeningSince).toBe(T0);
  });
});
