import { useContext } from 'react';
import { clipText } from '../../core/clip';
import { setDeviceHidden } from '../../core/layoutEdits';
import { useHearthStore } from '../../store/store';
import { CardMenu } from './CardMenu';
import { CardDragContext } from './cardDrag';
import { useCardSettings } from './cardSettings';
import { useLayoutChange } from './useLayoutChange';

const TOOL =
  'relative z-10 flex h-11 min-w-11 shrink-0 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-orange-600 dark:text-slate-300 dark:hover:bg-slate-800';

/**
 * A card's own buttons, above its full-card open target: in edit mode a grab handle (and Show for
 * a hidden device), always the "⋯" menu. None where the layout cannot be changed (a read-only
 * screen, an account that is not an owner's): every item of the menu changes it.
 */
export function CardTools({ id, name }: { id: string; name: string }) {
  const { mayArrange, editing } = useCardSettings();
  if (!mayArrange) return null;
  return (
    <span className="relative z-10 -my-2 -mr-2 flex shrink-0 items-center">
      {editing && <ShowToggle id={id} name={name} />}
      {editing && <DragHandle id={id} name={name} />}
      <CardMenu id={id} name={name} />
    </span>
  );
}

function DragHandle({ id, name }: { id: string; name: string }) {
  const drag = useContext(CardDragContext);
  // A pinned card sits in Favourites, which is no room: it moves by unpinning it first.
  const pinned = useCardSettings().layout.devices[id]?.favourite === true;
  if (drag === null || pinned) return null;
  const grabbed = drag.grabbedId === id;
  return (
    <button
      type="button"
      aria-label={`Move ${clipText(name)}`}
      aria-pressed={grabbed}
      aria-roledescription="drag handle"
      data-drag-handle={id}
      onPointerDown={(e) => drag.onHandlePointerDown(id, e)}
      onKeyDown={(e) => drag.onHandleKeyDown(id, e)}
      onBlur={() => drag.onHandleBlur(id)}
      // Only the handle takes the finger from the page's scrolling: the rest of the card scrolls.
      className={`${TOOL} w-11 cursor-grab touch-none select-none active:cursor-grabbing ${
        grabbed
          ? 'bg-orange-100 text-orange-800 ring-2 ring-orange-600 dark:bg-orange-900/60 dark:text-orange-100'
          : ''
      }`}
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" width="18" height="18" fill="currentColor">
        <circle cx="5" cy="3" r="1.5" />
        <circle cx="11" cy="3" r="1.5" />
        <circle cx="5" cy="8" r="1.5" />
        <circle cx="11" cy="8" r="1.5" />
        <circle cx="5" cy="13" r="1.5" />
        <circle cx="11" cy="13" r="1.5" />
      </svg>
    </button>
  );
}

function ShowToggle({ id, name }: { id: string; name: string }) {
  const hidden = useCardSettings().layout.devices[id]?.hidden === true;
  const apply = useLayoutChange();
  if (!hidden) return null;
  return (
    <button
      type="button"
      aria-label={`Show ${clipText(name)}`}
      onClick={() => apply(setDeviceHidden(useHearthStore.getState().layout, id, false), `show of ${name}`)}
      className={`${TOOL} px-2 text-sm font-semibold text-orange-700 dark:text-orange-400`}
    >
      Show
    </button>
  );
}
