// `npm run bench -- --sections`: what grouping the grid by room costs per frame in which messages
// arrive (`selectSections` runs `buildSections` whenever the fleet changes), next to what the grid
// already paid per such frame before rooms (`cardOrder`), measured side by side in one run for
// houses of 50 to 5,000 devices: a mix of stored rooms, announced areas, placed cards, favourites
// and devices in no room, seen in the default view and in a view of a third of the rooms.
import { type Device, deviceKey, type Fleet } from '../src/core/device.ts';
import { cardOrder } from '../src/core/deviceOrder.ts';
import { newDevice } from '../src/core/fold.ts';
import { EMPTY_LAYOUT, type HouseLayout, viewShowingEverything } from '../src/core/layout.ts';
import { buildSections } from '../src/core/roomSections.ts';

const SIZES = [50, 500, 2000, 5000];
const ROOMS = 30;
const RUNS = 200;

function house(size: number): { fleet: Fleet; layout: HouseLayout } {
  const devices = new Map<string, Device>();
  const layout: HouseLayout = { ...EMPTY_LAYOUT, rooms: {}, devices: {}, views: {} };
  for (let r = 0; r < ROOMS; r++)
    layout.rooms[`room-${r}`] = { name: `Room ${r}`, floorId: null, position: r, rev: 1 };
  for (let i = 0; i < size; i++) {
    const id = deviceKey('homeassistant', `sensor-${i}`);
    const device = newDevice(id, `sensor-${i}`, 'homeassistant');
    // A third announce a stored room's name, a third an area no room has, a third nothing.
    if (i % 3 === 0) device.place = { room: `Room ${i % ROOMS}`, source: 'announced' };
    else if (i % 3 === 1) device.place = { room: `Area ${i % 7}`, source: 'announced' };
    devices.set(id, device);
    if (i % 5 === 0) layout.devices[id] = { room: `room-${(i * 7) % ROOMS}`, position: i, rev: 1 };
    if (i % 50 === 0) layout.devices[id] = { favourite: true, rev: 1 };
  }
  const rooms = Array.from({ length: ROOMS / 3 }, (_, r) => `room-${r * 3}`);
  layout.views.hall = { name: 'Hall', position: 1, ...viewShowingEverything(), rooms, rev: 1 };
  return { fleet: { devices, ids: [...devices.keys()], unmappedCount: 0, overLimitCount: 0 }, layout };
}

function medianMs(run: () => void): number {
  for (let i = 0; i < RUNS; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

export function runSectionsBench(): number {
  console.log('devices  cardOrder ms  sections ms  sections in a view ms  sections / cardOrder');
  for (const size of SIZES) {
    const { fleet, layout } = house(size);
    const order = cardOrder(fleet);
    const view = layout.views.hall ?? null;
    const baseline = medianMs(() => cardOrder(fleet));
    const all = medianMs(() => buildSections(layout, fleet.devices, order, null, { editing: false }));
    const inView = medianMs(() => buildSections(layout, fleet.devices, order, view, { editing: false }));
    console.log(
      `${String(size).padStart(7)}  ${baseline.toFixed(3).padStart(12)}  ${all.toFixed(3).padStart(11)}  ${inView
        .toFixed(3)
        .padStart(21)}  ${(all / Math.max(baseline, 0.001)).toFixed(1).padStart(20)}`,
    );
  }
  return 0;
}
