import { useState } from 'react';
import { createPortal } from 'react-dom';
import { addRoom } from '../../core/layoutEdits';
import { useHearthStore } from '../../store/store';
import { NameDialog } from './NameDialog';
import { useLayoutChange } from './useLayoutChange';

const BUTTON =
  'h-11 shrink-0 rounded-lg border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800';

/**
 * Edit mode's bar, kept in view while the page scrolls: undo the last change (saying which),
 * make a room, and Done. One line on a phone: the undo label gives way first.
 */
export function EditBar() {
  const undo = useHearthStore((s) => s.layoutUndo.at(-1)?.label ?? null);
  const undoLayout = useHearthStore((s) => s.undoLayout);
  const setEditing = useHearthStore((s) => s.setEditing);
  const notify = useHearthStore((s) => s.notify);
  const apply = useLayoutChange();
  const [naming, setNaming] = useState(false);
  return (
    <div
      role="toolbar"
      aria-label="Arrange the house"
      data-edit-bar
      className="sticky top-0 z-20 -mx-2 mb-3 flex items-center gap-2 rounded-xl bg-orange-50 px-2 py-1.5 shadow-sm dark:bg-slate-800"
    >
      <button
        type="button"
        disabled={undo === null}
        onClick={() => {
          const refusal = undoLayout();
          if (refusal !== null) notify(refusal, 'error');
        }}
        title={undo === null ? undefined : `Undo ${undo}`}
        className={`${BUTTON} min-w-0 truncate`}
      >
        {undo === null ? 'Undo' : `Undo ${undo}`}
      </button>
      <button type="button" onClick={() => setNaming(true)} className={BUTTON}>
        New room
      </button>
      <button
        type="button"
        onClick={() => setEditing(false)}
        className="ml-auto h-11 shrink-0 rounded-lg bg-orange-700 px-4 text-sm font-semibold text-white hover:bg-orange-800"
      >
        Done
      </button>
      {naming &&
        createPortal(
          <NameDialog
            title="New room"
            label="Room name"
            initial=""
            onSave={(name) => {
              if (name !== null) apply(addRoom(useHearthStore.getState().layout, name), `new room ${name}`);
            }}
            onClose={() => setNaming(false)}
          />,
          document.body,
        )}
    </div>
  );
}
