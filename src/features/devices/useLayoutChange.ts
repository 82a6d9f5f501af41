import { useCallback } from 'react';
import type { LayoutEdit } from '../../core/layoutEdits';
import { useHearthStore } from '../../store/store';

/**
 * Applies a layout edit from the grid (a card's menu, a drop, a room's heading) and tells the
 * user in words when it was refused (a name taken, a limit reached). `label` names the change for
 * the Undo button ("move of Kitchen sensor"). Answers whether it was applied.
 */
export function useLayoutChange(): (edit: LayoutEdit, label: string) => boolean {
  const changeLayout = useHearthStore((s) => s.changeLayout);
  const notify = useHearthStore((s) => s.notify);
  return useCallback(
    (edit: LayoutEdit, label: string) => {
      const refusal = changeLayout(edit, label);
      if (refusal === null) return true;
      notify(refusal, 'error');
      return false;
    },
    [changeLayout, notify],
  );
}
