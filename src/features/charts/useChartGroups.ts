import { useEffect, useState } from 'react';
import { type ChartGroup, chartGroups } from '../../core/chartGroups';
import { filterDeviceIds } from '../../core/chartSeries';
import { deviceDisplayName, isReadingHidden } from '../../core/roomSections';
import { selectCurrentView, selectSections } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { shownDevices, viewCharts } from './viewCharts';

/** How often the set of charts is looked at again: a new reading on a known device shows up within this. */
const GROUPS_SAMPLE_MS = 2000;
/** A new device shows up this soon, however many arrive (a retained storm adds hundreds per second). */
const NEW_DEVICE_DELAY_MS = 250;

/** Everything that changes what a chart draws or says: keys, titles and every line's name. */
function signatureOf(groups: readonly ChartGroup[]): string {
  return groups
    .map(
      (g) =>
        `${g.key}\u0001${g.title}\u0001${g.unit}\u0001${g.diagnostic}\u0001${g.picks
          .map((p) => `${p.device}\u0002${p.metric}\u0002${p.label}`)
          .join('\u0003')}`,
    )
    .join('\u0004');
}

/**
 * The charts the devices matching the filter call for (see `chartGroups`), within what the
 * current view shows (its devices, readings and charts, in its order; lines named by the house's
 * names), looked at again every two seconds and soon after a device appears or the layout
 * changes, never per message. The list keeps its identity
 * while nothing in it changed, so the charts do not redraw for it.
 */
export function useChartGroups(): readonly ChartGroup[] {
  const deviceFilter = useHearthStore((s) => s.deviceFilter);
  const [state, setState] = useState<{ signature: string; groups: readonly ChartGroup[] }>({
    signature: '',
    groups: [],
  });
  useEffect(() => {
    const sample = () => {
      const state = useHearthStore.getState();
      const { fleet, layout } = state;
      const view = selectCurrentView(state);
      const shown = shownDevices(selectSections(state));
      const ids = filterDeviceIds(fleet.ids, deviceFilter).filter((id) => shown.has(id));
      const all = chartGroups(fleet, ids, {
        nameOf: (device) => deviceDisplayName(layout, device),
        readingShown: (id, metric) => !isReadingHidden(layout, view, id, metric),
      });
      const groups = viewCharts(all, view?.charts ?? null);
      const signature = signatureOf(groups);
      setState((before) => (before.signature === signature ? before : { signature, groups }));
    };
    sample();
    const timer = setInterval(sample, GROUPS_SAMPLE_MS);
    let soon: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useHearthStore.subscribe((now, before) => {
      const arranged = now.layout !== before.layout || now.viewId !== before.viewId;
      if ((now.fleet.ids === before.fleet.ids && !arranged) || soon !== undefined) return;
      soon = setTimeout(() => {
        soon = undefined;
        sample();
      }, NEW_DEVICE_DELAY_MS);
    });
    return () => {
      clearInterval(timer);
      clearTimeout(soon);
      unsubscribe();
    };
  }, [deviceFilter]);
  return state.groups;
}
