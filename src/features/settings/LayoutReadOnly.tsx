import { clipText } from '../../core/clip';
import { DEFAULT_VIEW_ID, OTHER_ROOM_ID } from '../../core/layout';
import { useHearthStore } from '../../store/store';
import { Section } from './fields';
import { SMALL_BUTTON } from './LayoutControls';
import { byPosition } from './layoutOrder';
import { useHouseRooms } from './useHouseRooms';

const ROW =
  'flex min-h-11 min-w-0 flex-wrap items-center gap-2 rounded-lg border border-slate-200 px-2 dark:border-slate-700';
const QUIET = 'text-xs text-slate-600 dark:text-slate-300';

/** Why the layout is not editable here, in one line: "Only an owner can change rooms…". */
function RefusalLine({ refusal }: { refusal: string }) {
  return (
    <p data-layout-refusal className="text-sm text-slate-600 dark:text-slate-300">
      {refusal}.
    </p>
  );
}

/** The house's floors and rooms as they are, for an account that may not change them. */
export function RoomsReadOnly({ refusal }: { refusal: string }) {
  const floors = byPosition(useHearthStore((s) => s.layout.floors));
  const { sections } = useHouseRooms();
  const rooms = sections.sections.filter((room) => room.id !== OTHER_ROOM_ID);
  const known = new Set(floors.map(([id]) => id));
  const unfloored = rooms.filter((room) => room.floorId === null || !known.has(room.floorId));
  const list = (shown: typeof rooms, label: string) => (
    <ul className="flex flex-col gap-2" aria-label={label}>
      {shown.map((room) => (
        <li key={room.id} className={ROW} data-room-id={room.id}>
          <span className="min-w-0 flex-1 truncate font-medium">{clipText(room.name)}</span>
          <span className={QUIET}>
            {room.deviceIds.length} {room.deviceIds.length === 1 ? 'device' : 'devices'}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <Section title="Rooms">
      <RefusalLine refusal={refusal} />
      {rooms.length === 0 && floors.length === 0 && <p className={QUIET}>This house has no rooms yet.</p>}
      {floors.map(([id, floor]) => (
        <div key={id} className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">{clipText(floor.name)}</h3>
          {list(
            rooms.filter((room) => room.floorId === id),
            `Rooms on ${floor.name}`,
          )}
        </div>
      ))}
      {unfloored.length > 0 && list(unfloored, floors.length > 0 ? 'Rooms on no floor' : 'Rooms')}
    </Section>
  );
}

/**
 * The house's views as they are, each still openable on this screen (opening a view changes
 * nothing of the house), for an account that may not change them.
 */
export function ViewsReadOnly({ refusal, onOpened }: { refusal: string; onOpened: () => void }) {
  const views = byPosition(useHearthStore((s) => s.layout.views));
  const viewId = useHearthStore((s) => s.viewId);
  const openView = useHearthStore((s) => s.openView);
  const open = (id: string) => {
    openView(id);
    onOpened();
  };
  const rows: Array<{ id: string; name: string; note: string }> = [
    { id: DEFAULT_VIEW_ID, name: 'Everything', note: 'default, every room and chart' },
    ...views.map(([id, view]) => ({
      id,
      name: view.name,
      note: [view.readonly && 'read-only', view.big && 'big values'].filter(Boolean).join(' · '),
    })),
  ];
  return (
    <Section title="Views">
      <RefusalLine refusal={refusal} />
      <ul className="flex flex-col gap-2" aria-label="Views">
        {rows.map((row) => (
          <li key={row.id} className={ROW} data-view-id={row.id}>
            <span className="min-w-0 flex-1 truncate font-medium">
              {clipText(row.name)}
              {row.note !== '' && <span className={`font-normal ${QUIET}`}> · {row.note}</span>}
            </span>
            <button
              type="button"
              className={SMALL_BUTTON}
              disabled={viewId === row.id}
              aria-label={
                viewId === row.id ? `${row.name} is open on this screen` : `Open ${row.name} on this screen`
              }
              onClick={() => open(row.id)}
            >
              {viewId === row.id ? 'On this screen' : 'Open here'}
            </button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
