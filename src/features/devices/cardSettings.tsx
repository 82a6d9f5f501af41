import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { HouseLayout, View } from '../../core/layout';
import type { UnitPreferences } from '../../core/quantity';
import { selectMayArrange, selectMayControl } from '../../store/access';
import { selectCurrentView, selectUnits } from '../../store/selectors';
import { useHearthStore } from '../../store/store';

/** What every card reads besides its device: the screen's settings, the layout, who is signed in. */
export interface CardSettings {
  kiosk: boolean;
  staleAfterSec: number;
  mayControl: boolean;
  mayArrange: boolean;
  editing: boolean;
  layout: HouseLayout;
  view: View | null;
  units: UnitPreferences;
  /** Decimals chosen per reading (`precisionKey`). */
  precision: Readonly<Record<string, number>>;
  openDevice(id: string | null): void;
}

const CardSettingsContext = createContext<CardSettings | null>(null);

/**
 * Reads the cards' shared settings from the store once for the whole grid. Each card subscribed
 * to them itself before: two hundred cards made some six thousand store subscriptions, every one
 * of them checked at every fold (a fifth of the main thread on the tablet profile).
 */
export function CardSettingsProvider({ children }: { children: ReactNode }) {
  const kiosk = useHearthStore((s) => s.settings.kiosk);
  const staleAfterSec = useHearthStore((s) => s.settings.staleAfterSec);
  const mayControl = useHearthStore(selectMayControl);
  const mayArrange = useHearthStore(selectMayArrange);
  const editing = useHearthStore((s) => s.editing);
  const layout = useHearthStore((s) => s.layout);
  const view = useHearthStore(selectCurrentView);
  const units = useHearthStore(selectUnits);
  const precision = useHearthStore((s) => s.settings.precision);
  const openDevice = useHearthStore((s) => s.openDevice);
  const value = useMemo(
    () => ({
      kiosk,
      staleAfterSec,
      mayControl,
      mayArrange,
      editing,
      layout,
      view,
      units,
      precision,
      openDevice,
    }),
    [kiosk, staleAfterSec, mayControl, mayArrange, editing, layout, view, units, precision, openDevice],
  );
  return <CardSettingsContext.Provider value={value}>{children}</CardSettingsContext.Provider>;
}

/** The cards' shared settings; a card is drawn only inside a `CardSettingsProvider`. */
export function useCardSettings(): CardSettings {
  const settings = useContext(CardSettingsContext);
  if (settings === null) throw new Error('a device card needs a CardSettingsProvider around it');
  return settings;
}
