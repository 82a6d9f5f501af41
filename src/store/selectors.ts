import { precisionKey } from '../config/unitSettings';
import type { Alert } from '../core/alerts';
import type { Device } from '../core/device';
import { cardOrder } from '../core/deviceOrder';
import type { View } from '../core/layout';
import type { UnitPreferences } from '../core/quantity';
import { buildSections, deviceDisplayName, type HouseSections } from '../core/roomSections';
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

/** The view this screen shows, or null for the default view (everything). */
export const selectCurrentView = (s: HearthState): View | null => s.layout.views[s.viewId] ?? null;

/** What a device is called here: its alias, else the name it announced, else its id. */
export const selectDeviceName =
  (id: string) =>
  (s: HearthState): string => {
    const device = s.fleet.devices.get(id);
    return device === undefined ? (s.layout.devices[id]?.alias ?? id) : deviceDisplayName(s.layout, device);
  };

interface SectionsInputs {
  fleet: HearthState['fleet'];
  order: readonly string[];
  layout: HearthState['layout'];
  view: View | null;
  editing: boolean;
}
let sectionsFor: SectionsInputs | null = null;
let sections: HouseSections | null = null;
/**
 * The grid's rooms (see `buildSections`) for the view shown: recomputed when the fleet, the card
 * order, the layout, the view or edit mode changes, and the same object while the result is
 * equal, so values arriving do not render every section again.
 */
export const selectSections = (s: HearthState): HouseSections => {
  const inputs: SectionsInputs = {
    fleet: s.fleet,
    order: selectCardOrder(s),
    layout: s.layout,
    view: selectCurrentView(s),
    editing: s.editing,
  };
  const last = sectionsFor;
  if (
    sections !== null &&
    last !== null &&
    last.fleet === inputs.fleet &&
    last.order === inputs.order &&
    last.layout === inputs.layout &&
    last.view === inputs.view &&
    last.editing === inputs.editing
  ) {
    return sections;
  }
  sectionsFor = inputs;
  const next = buildSections(inputs.layout, inputs.fleet.devices, inputs.order, inputs.view, {
    editing: inputs.editing,
  });
  if (sections === null || !sameSections(sections, next)) sections = next;
  return sections;
};

function sameSections(a: HouseSections, b: HouseSections): boolean {
  return (
    a.grouped === b.grouped &&
    sameIds(a.favourites, b.favourites) &&
    sameIds(a.hidden, b.hidden) &&
    a.sections.length === b.sections.length &&
    a.sections.every((section, i) => {
      const other = b.sections[i];
      return (
        other !== undefined &&
        section.id === other.id &&
        section.name === other.name &&
        section.floorId === other.floorId &&
        section.floorName === other.floorName &&
        section.stored === other.stored &&
        sameIds(section.deviceIds, other.deviceIds)
      );
    })
  );
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
