import { precisionKey } from '../config/unitSettings';
import type { Alert } from '../core/alerts';
import type { Device } from '../core/device';
import { cardOrder } from '../core/deviceOrder';
import type { UnitPreferences } from '../core/quantity';
import type { HearthState } from './store';

export const selectDeviceIds = (s: HearthState): readonly string[] => s.fleet.ids;

let orderedFor: HearthState['fleet'] | null = null;
let ordered: readonly string[] = [];
/**
 * The cards' order (see `cardOrder`), the same array while it does not change, so the grid
 * renders again only when a card moves.
 */
export const selectCardOrder = (s: HearthState): readonly string[] => {
  if (s.fleet === orderedFor) return ordered;
  orderedFor = s.fleet;
  const next = cardOrder(s.fleet);
  if (next.length !== ordered.length || next.some((id, i) => id !== ordered[i])) ordered = next;
  return ordered;
};
export const selectDevice =
  (id: string) =>
  (s: HearthState): Device | undefined =>
    s.fleet.devices.get(id);
export const selectActiveAlerts = (s: HearthState): readonly Alert[] => s.alerts.active;
export const selectAlertLog = (s: HearthState): readonly Alert[] => s.alerts.log;
export const selectConnection = (s: HearthState) => s.connection;
export const selectSettings = (s: HearthState) => s.settings;
/** Count of devices per status, for the header summary. */
export const selectStatusCounts = (s: HearthState): string => {
  let online = 0;
  let offline = 0;
  let stale = 0;
  for (const device of s.fleet.devices.values()) {
    if (device.status === 'online') online++;
    else if (device.status === 'offline') offline++;
    else if (device.status === 'stale') stale++;
  }
  return `${online}|${offline}|${stale}|${s.fleet.devices.size}`;
};

/** The units values are shown in: one object until the user changes them. */
export const selectUnits = (s: HearthState): UnitPreferences => s.settings.units;
/** Decimals the user chose for one reading (device key, metric native name), or undefined: automatic. */
export const selectChosenPrecision =
  (deviceKey: string, metricName: string) =>
  (s: HearthState): number | undefined =>
    s.settings.precision[precisionKey(deviceKey, metricName)];

/** Whether a Hearth server remembers this house: 'unknown' until its first answer, then 'present' or 'absent'. */
export const selectServer = (s: HearthState) => s.server;
