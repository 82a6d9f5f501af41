import { useCallback, useSyncExternalStore } from 'react';
import { useHearthStore } from '../../store/store';

/**
 * Marks a list of folded rooms as this screen's own choice. Without it a phone folds every room
 * of a big house by default, and an empty list could not tell "never chose" from "unfolded all".
 * Room ids are made of `a-z0-9-` or start with `area:`, so it is never a room's.
 */
const CHOSEN = '*';
/** Screens this narrow are phones: one column of cards, where a folded house reads best. */
const PHONE_QUERY = '(max-width: 640px)';
/** A phone folds its rooms by default past this many cards. */
const PHONE_FOLD_CARDS = 12;

/** Which rooms are folded on this screen (remembered per screen), and the ways to change it. */
export function useCollapsedRooms(roomIds: readonly string[], cardCount: number) {
  const saved = useHearthStore((s) => s.settings.collapsedRooms);
  const updateSettings = useHearthStore((s) => s.updateSettings);
  const phone = useMediaQuery(PHONE_QUERY);
  const foldAll = phone && cardCount > PHONE_FOLD_CARDS && !saved.includes(CHOSEN);
  const isCollapsed = useCallback((id: string) => foldAll || saved.includes(id), [foldAll, saved]);
  // Rooms this screen does not show now (another view's) keep their folding.
  const save = (ids: readonly string[]) =>
    updateSettings({
      collapsedRooms: [CHOSEN, ...saved.filter((id) => id !== CHOSEN && !roomIds.includes(id)), ...ids],
    });
  return {
    isCollapsed,
    anyOpen: roomIds.some((id) => !isCollapsed(id)),
    toggle: (id: string) => {
      const folded = roomIds.filter(isCollapsed);
      save(folded.includes(id) ? folded.filter((room) => room !== id) : [...folded, id]);
    },
    setAll: (collapsed: boolean) => save(collapsed ? roomIds : []),
  };
}

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (changed) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    () => window.matchMedia(query).matches,
  );
}
