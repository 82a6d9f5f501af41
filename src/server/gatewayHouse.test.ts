import { describe, expect, it } from 'vitest';
import { type Device, deviceKey, type Metric } from '../core/device.ts';
import type { RoomState } from './conventionSpeakers/speaker.ts';
import {
  SIMULATED_CONVENTIONS,
  type SimulatedConvention,
  speakersFor,
} from './conventionSpeakers/speakersFor.ts';
import {
  createDashboardView,
  type DashboardView,
  NOON_READING,
  RELAY_OFF,
} from './conventionSpeakers/testSupport.ts';

// What the dashboard makes of the simulated house, read by the core's own interpretation: every
// convention's room must land in the one vocabulary, so that one chart, one rule and one unit
// choice cover them all (issue 8).

/** The dashboard after hearing `conventions` speak for `rooms`: greetings, then one report each. */
function hearHouse(
  conventions: readonly SimulatedConvention[],
  rooms: readonly string[],
  state: RoomState = RELAY_OFF,
): DashboardView {
  const view = createDashboardView();
  for (const convention of conventions) {
    const { rooms: speakers, hubs } = speakersFor(convention, rooms);
    for (const speaker of [...hubs, ...speakers])
      view.hear([...speaker.greet(state), ...speaker.report(state)]);
  }
  return view;
}

/** The room's device as the dashboard keys it: its convention plus the native id its speaker names. */
function roomDevice(view: DashboardView, convention: SimulatedConvention, room: string): Device | undefined {
  const [speaker] = speakersFor(convention, [room]).rooms;
  return speaker === undefined ? undefined : view.device(deviceKey(convention, speaker.deviceId));
}

function byHandle(device: Device | undefined, handle: string): Metric | undefined {
  return [...(device?.metrics.values() ?? [])].find((metric) => metric.handle === handle);
}

const RELAY_ON: RoomState = { ...RELAY_OFF, relayOn: true };
const RELAY_CONVENTIONS = SIMULATED_CONVENTIONS.filter((convention) => convention !== 'generic');

describe('the simulated house in the vocabulary', () => {
  it.each(SIMULATED_CONVENTIONS)('%s: the room temperature is a temperature in °C', (convention) => {
    const device = roomDevice(hearHouse([convention], ['kitchen']), convention, 'kitchen');
    expect(byHandle(device, 'temperature')).toMatchObject({
      quantity: 'temperature',
      unit: '°C',
      value: NOON_READING.temperatureC,
      diagnostic: false,
    });
  });

  it.each(SIMULATED_CONVENTIONS)('%s: the room light is its one illuminance, in lx', (convention) => {
    const device = roomDevice(hearHouse([convention], ['kitchen']), convention, 'kitchen');
    // By quantity: the generic `brightness` keeps its word as its handle.
    const illuminances = [...(device?.metrics.values() ?? [])].filter(
      (metric) => metric.quantity === 'illuminance',
    );
    expect(illuminances).toEqual([expect.objectContaining({ unit: 'lx', value: NOON_READING.lux })]);
  });

  it.each(RELAY_CONVENTIONS)('%s: the relay is a switch, 1 when on and 0 when off', (convention) => {
    const on = byHandle(
      roomDevice(hearHouse([convention], ['kitchen'], RELAY_ON), convention, 'kitchen'),
      'switch',
    );
    const off = byHandle(roomDevice(hearHouse([convention], ['kitchen']), convention, 'kitchen'), 'switch');
    expect(on).toMatchObject({ quantity: 'switch', value: 1 });
    expect(off).toMatchObject({ quantity: 'switch', value: 0 });
  });

  it('makes one room name in seven conventions seven devices, each with its own temperature', () => {
    const view = hearHouse(SIMULATED_CONVENTIONS, ['kitchen']);
    const kitchens = SIMULATED_CONVENTIONS.map((convention) => roomDevice(view, convention, 'kitchen'));
    expect(kitchens.map((device) => device?.convention)).toEqual([...SIMULATED_CONVENTIONS]);
    for (const device of kitchens) {
      const temperatures = [...(device?.metrics.values() ?? [])].filter(
        (metric) => metric.quantity === 'temperature',
      );
      expect(temperatures, `temperatures of ${device?.id}`).toHaveLength(1);
    }
  });
});
