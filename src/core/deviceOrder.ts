import type { Fleet } from './device';

/**
 * The order cards are shown in: devices this screen has heard of (live or from the broker's
 * retained values) first, in the fleet's order, then those known only from the Hearth server's
 * memory, the most recently heard first. A house's memory can hold thousands of devices long
 * gone; the ones this screen hears, and the ones the server heard last, must not hide behind them.
 * Returns `fleet.ids` itself when nothing is remembered only.
 */
export function cardOrder(fleet: Fleet): readonly string[] {
  const heard: string[] = [];
  const remembered: Array<{ id: string; at: number }> = [];
  for (const id of fleet.ids) {
    const device = fleet.devices.get(id);
    if (device?.remembered === true) remembered.push({ id, at: device.rememberedAt ?? 0 });
    else heard.push(id);
  }
  if (remembered.length === 0) return fleet.ids;
  remembered.sort((a, b) => b.at - a.at);
  return [...heard, ...remembered.map((entry) => entry.id)];
}
