import { useId, useState } from 'react';
import { clipText } from '../../core/clip';
import { FAVOURITES_ID } from '../../core/layout';
import type { RoomSection as Section } from '../../core/roomSections';
import { DeviceCard } from './DeviceCard';
import { RoomSummary } from './RoomSummary';
import { RoomTools } from './RoomTools';

/** Cards are mounted a page at a time so a building with a thousand sensors stays fast. */
export const PAGE_SIZE = 60;

export const CARD_GRID = 'grid grid-cols-[repeat(auto-fill,minmax(min(100%,15rem),1fr))] gap-3';

/**
 * One room of the grid: its name (a button that folds it), a summary that stays when folded, its
 * cards. In edit mode the cards are a drop zone (even when there are none yet), every card is
 * mounted, and a stored or announced room has its rename, move and delete buttons.
 */
export function RoomSection({
  section,
  deviceIds,
  collapsed,
  onToggle,
  editing,
  place,
  cardsWide,
}: {
  section: Section;
  /** The cards shown: the section's, less those a search leaves out. */
  deviceIds: readonly string[];
  collapsed: boolean;
  onToggle: () => void;
  editing: boolean;
  /** Where the room is among the rooms that can move (for Move up / Move down), or null. */
  place: { index: number; count: number } | null;
  /** How many cards wide the room would like to be (1 or 2) when rooms share a row. */
  cardsWide: number;
}) {
  const headingId = useId();
  const cardsId = useId();
  const [shown, setShown] = useState(PAGE_SIZE);
  const visible = editing ? deviceIds : deviceIds.slice(0, shown);
  const open = editing || !collapsed;
  const dropZone = editing && section.id !== FAVOURITES_ID;
  return (
    <section
      data-room-id={section.id}
      aria-labelledby={headingId}
      // A card is at least 15rem with 0.75rem between: the room asks for room for its cards, grows
      // to share the row's leftover width, and never less than one card (or the whole width).
      style={{ flex: `1 1 ${cardsWide * 15.75 - 0.75}rem` }}
      className="min-w-[min(100%,15rem)] max-w-full"
    >
      <div className={`flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 ${open ? 'mb-2' : ''}`}>
        <h3 id={headingId} className="min-w-0 text-base font-semibold">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={cardsId}
            disabled={editing}
            onClick={onToggle}
            className="flex min-h-11 max-w-full items-center gap-2 rounded-lg pr-2 text-left [overflow-wrap:anywhere] hover:text-orange-700 disabled:hover:text-inherit dark:hover:text-orange-400"
          >
            <svg
              aria-hidden="true"
              viewBox="0 0 12 12"
              width="12"
              height="12"
              className={`shrink-0 transition-transform ${open ? 'rotate-90' : ''}`}
            >
              <path d="M4 2l4 4-4 4" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
            {clipText(section.name)}
          </button>
        </h3>
        <RoomSummary deviceIds={section.deviceIds} />
        {editing && place !== null && <RoomTools section={section} place={place} />}
      </div>
      {open && (
        <div
          id={cardsId}
          data-room-drop={dropZone ? section.id : undefined}
          className={`${CARD_GRID} ${
            dropZone
              ? 'min-h-24 rounded-xl p-1 outline-2 outline-offset-2 outline-transparent data-[drop-active]:outline-orange-600 data-[drop-active]:outline-dashed'
              : ''
          }`}
        >
          {visible.map((id) => (
            <DeviceCard key={id} id={id} />
          ))}
          {dropZone && deviceIds.length === 0 && (
            <p className="col-span-full self-center text-center text-sm text-slate-600 dark:text-slate-300">
              No devices yet: drag a card here.
            </p>
          )}
        </div>
      )}
      {open && visible.length < deviceIds.length && (
        <button
          type="button"
          onClick={() => setShown((n) => n + PAGE_SIZE)}
          className="mt-3 h-11 w-full rounded-lg border border-slate-300 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Show more ({deviceIds.length - visible.length} not shown)
        </button>
      )}
    </section>
  );
}
