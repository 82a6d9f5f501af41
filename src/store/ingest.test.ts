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
    store.armAlerts(T0 + 3000);
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
