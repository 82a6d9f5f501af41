import { useMemo, useState } from 'react';
import type { Device } from '../../core/device';
import { cardOrder } from '../../core/deviceOrder';
import type { HouseSections } from '../../core/roomSections';
import { buildSections } from '../../core/roomSections';
import { useHearthStore } from '../../store/store';

/**
 * Every room of the house, whatever view this screen shows, as the grid's edit mode sees them
 * (empty stored rooms included, announced ones too). The devices are taken as they were when
 * settings opened: the list follows layout changes, not every reading.
 */
export function useHouseRooms(): { sections: HouseSections; devices: ReadonlyMap<string, Device> } {
  const layout = useHearthStore((s) => s.layout);
  const [fleet] = useState(() => useHearthStore.getState().fleet);
  const order = useMemo(() => cardOrder(fleet), [fleet]);
  const sections = useMemo(
    () => buildSections(layout, fleet.devices, order, null, { editing: true }),
    [layout, fleet, order],
  );
  return { sections, devices: fleet.devices };
}
