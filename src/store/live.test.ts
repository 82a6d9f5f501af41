import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_ALERTS } from '../core/alerts';
import { deviceKey, EMPTY_FLEET } from '../core/device';
import type { Interpretation, InterpretedMessage } from '../core/interpretation';
import { EMPTY_RULE_STATE } from '../core/thresholds';
import { subscribeDevice } from './live';
import { useHearthStore } from './store';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

const reading = (device: string, value: number, receivedAt = T0): InterpretedMessage => ({
  meaning: {
    kind: 'readings',
    device,
    convention: 'zigbee2mqtt',
    readings: [{ metric: 'temperature', value, unit: '°C', quantity: 'temperature' }],
    sampleAt: null,
  } satisfies Interpretation,
  retained: false,
  receivedAt,
});

const keyOf = (nativeId: string): string => {
  const device = [...useHearthStore.getState().fleet.devices.values()].find((d) => d.nativeId === nativeId);
  if (device === undefined) throw new Error(`no device ${nativeId}`);
  return device.id;
};

describe('subscribeDevice', () => {
  beforeEach(() => {
    useHearthStore.setState({
      fleet: EMPTY_FLEET,
      alerts: EMPTY_ALERTS,
      deafSince: null,
      ruleState: EMPTY_RULE_STATE,
      rollups: new Map(),
    });
    useHearthStore.getState().ingest([reading('kitchen', 20), reading('hall', 18)], T0);
  });

  it('wakes the readers of the devices a fold changed, and no others', () => {
    const kitchen: number[] = [];
    const hall: number[] = [];
    const temperature = (key: string) =>
      useHearthStore.getState().fleet.devices.get(key)?.metrics.get('temperature')?.value ?? Number.NaN;
    const stopKitchen = subscribeDevice(keyOf('kitchen'), () => kitchen.push(temperature(keyOf('kitchen'))));
    const stopHall = subscribeDevice(keyOf('hall'), () => hall.push(temperature(keyOf('hall'))));
    useHearthStore.getState().ingest([reading('kitchen', 21, T0 + 1000)], T0 + 1000);
    useHearthStore.getState().setDeviceFilter('kit'); // no device changes
    useHearthStore.getState().ingest([reading('hall', 19, T0 + 2000)], T0 + 2000);
    expect(kitchen).toEqual([21]);
    expect(hall).toEqual([19]);
    stopKitchen();
    useHearthStore.getState().ingest([reading('kitchen', 22, T0 + 3000)], T0 + 3000);
    expect(kitchen).toEqual([21]);
    stopHall();
  });

  it('wakes a reader when its device appears and when it goes', () => {
    const cellar = deviceKey('zigbee2mqtt', 'cellar');
    const seen: boolean[] = [];
    const stop = subscribeDevice(cellar, (state) => seen.push(state.fleet.devices.has(cellar)));
    const before = useHearthStore.getState().fleet;
    useHearthStore.getState().ingest([reading('cellar', 12, T0 + 1000)], T0 + 1000);
    useHearthStore.setState({ fleet: before });
    expect(seen).toEqual([true, false]);
    stop();
  });
});
