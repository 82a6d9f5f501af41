import { useState } from 'react';
import type { LayoutEdit } from '../../core/layoutEdits';
import { useHearthStore } from '../../store/store';

/**
 * Applies a layout edit at once (the layout is shared by every screen, not part of this screen's
 * draft) and keeps the last refusal, in words, to show beside the controls.
 * `apply` answers the id the edit made (a new room or view), or null when it was refused.
 */
export function useLayoutEdit(): {
  problem: string | null;
  apply: (edit: LayoutEdit, label: string) => string | null;
} {
  const changeLayout = useHearthStore((s) => s.changeLayout);
  const [problem, setProblem] = useState<string | null>(null);
  const apply = (edit: LayoutEdit, label: string): string | null => {
    const refusal = changeLayout(edit, label);
    setProblem(refusal);
    if (refusal !== null || !edit.ok) return null;
    return edit.id ?? '';
  };
  return { problem, apply };
}
