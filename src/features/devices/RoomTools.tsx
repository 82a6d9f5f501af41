import { useState } from 'react';
import { createPortal } from 'react-dom';
import { clipText } from '../../core/clip';
import { moveShownRoom, removeRoom, renameRoom } from '../../core/layoutEdits';
import type { RoomSection } from '../../core/roomSections';
import { selectSections } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { NameDialog } from './NameDialog';
import { useLayoutChange } from './useLayoutChange';

const TOOL =
  'flex h-11 min-w-11 items-center justify-center rounded-lg px-2 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-40 dark:text-slate-200 dark:hover:bg-slate-800';

/**
 * A room's buttons in edit mode: rename, move up or down among the rooms, delete (its devices go
 * back to what they announce, else Other; Undo brings the room back). An announced room becomes
 * a stored one on its first edit.
 */
export function RoomTools({
  section,
  place,
}: {
  section: RoomSection;
  place: { index: number; count: number };
}) {
  const apply = useLayoutChange();
  const [naming, setNaming] = useState(false);
  const name = clipText(section.name, 40);
  const layout = () => useHearthStore.getState().layout;
  const move = (to: number) => {
    const state = useHearthStore.getState();
    apply(
      moveShownRoom(layout(), selectSections(state), state.viewId, section.id, to),
      `move of ${section.name}`,
    );
  };
  return (
    <span className="ml-auto flex shrink-0 items-center gap-0.5">
      <button type="button" onClick={() => setNaming(true)} aria-label={`Rename ${name}`} className={TOOL}>
        Rename
      </button>
      <button
        type="button"
        disabled={place.index === 0}
        onClick={() => move(place.index - 1)}
        aria-label={`Move ${name} up`}
        className={TOOL}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        disabled={place.index >= place.count - 1}
        onClick={() => move(place.index + 1)}
        aria-label={`Move ${name} down`}
        className={TOOL}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button
        type="button"
        onClick={() => apply(removeRoom(layout(), section.id), `removal of ${section.name}`)}
        aria-label={`Delete ${name}`}
        className={`${TOOL} text-red-700 dark:text-red-400`}
      >
        Delete
      </button>
      {naming &&
        createPortal(
          <NameDialog
            title={`Rename ${section.name}`}
            label="Room name"
            initial={section.name}
            onSave={(next) => {
              if (next !== null)
                apply(
                  renameRoom(layout(), section.id, next, useHearthStore.getState().fleet.devices.values()),
                  `rename of ${section.name}`,
                );
            }}
            onClose={() => setNaming(false)}
          />,
          document.body,
        )}
    </span>
  );
}
