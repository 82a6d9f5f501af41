import { useDeferredValue, useMemo, useState } from 'react';
import { Panel } from '../../components/Panel';
import { DEFAULT_VIEW_ID, OTHER_ROOM_ID } from '../../core/layout';
import { matchesDeviceQuery } from '../../core/roomSections';
import { selectMayArrange } from '../../store/access';
import { useLiveStore } from '../../store/live';
import { selectCardOrder, selectSections } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { CardSettingsProvider } from './cardSettings';
import { DeviceCard } from './DeviceCard';
import { EditBar } from './EditBar';
import { CARD_GRID, PAGE_SIZE } from './RoomSection';
import { RoomSections } from './RoomSections';
import { TopicRoomsOffer } from './TopicRoomsOffer';
import { useCollapsedRooms } from './useCollapsedRooms';

const HEADER_BUTTON =
  'h-11 shrink-0 rounded-lg border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800';

/**
 * All devices as cards, with a name filter: by room when the house has rooms (or favourites),
 * one flat list as before when it has none. "Arrange" opens edit mode.
 */
export function DeviceGrid() {
  // New devices mount their cards as a transition, between frames (see live.ts).
  const ids = useLiveStore('card order', selectCardOrder);
  const house = useLiveStore('sections', selectSections);
  const editing = useHearthStore((s) => s.editing);
  const mayArrange = useHearthStore(selectMayArrange);
  const setEditing = useHearthStore((s) => s.setEditing);
  const query = useHearthStore((s) => s.deviceFilter);
  const setQuery = useHearthStore((s) => s.setDeviceFilter);
  const deferred = useDeferredValue(query);
  // Edit mode moves cards among every card of a room: a search would hide the places between.
  const deferredQuery = editing ? '' : deferred;
  const shown = useSearch(deferredQuery);
  const grouped = house.grouped || editing;
  const roomIds = useMemo(() => house.sections.map((section) => section.id), [house]);
  const cardCount = useMemo(() => house.sections.reduce((n, s) => n + s.deviceIds.length, 0), [house]);
  const folding = useCollapsedRooms(roomIds, cardCount + house.favourites.length);
  // A view counts what it shows (a garage screen has 4 devices, not the house's 50).
  const inView = useHearthStore((s) => s.viewId !== DEFAULT_VIEW_ID);
  return (
    <CardSettingsProvider>
      <Panel
        title={`Devices (${inView ? cardCount + house.favourites.length : ids.length})`}
        id="devices-title"
        actions={
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            {!editing && (ids.length > 6 || query !== '') && (
              <input
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder="Find a device"
                aria-label="Find a device by name"
                className="h-11 w-48 max-w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 text-sm dark:border-slate-700 dark:bg-slate-800"
              />
            )}
            {grouped && !editing && roomIds.length > 1 && (
              <button type="button" onClick={() => folding.setAll(folding.anyOpen)} className={HEADER_BUTTON}>
                {folding.anyOpen ? 'Collapse all' : 'Expand all'}
              </button>
            )}
            {mayArrange && !editing && ids.length > 0 && (
              <button type="button" onClick={() => setEditing(true)} className={HEADER_BUTTON}>
                Arrange
              </button>
            )}
          </div>
        }
      >
        <TopicRoomsOffer />
        {editing && mayArrange && <EditBar />}
        {ids.length === 0 ? (
          <EmptyFleet />
        ) : grouped ? (
          <RoomSections
            house={house}
            shown={shown}
            editing={editing && mayArrange}
            isCollapsed={folding.isCollapsed}
            toggle={folding.toggle}
          />
        ) : (
          <FlatGrid ids={house.sections.find((s) => s.id === OTHER_ROOM_ID)?.deviceIds ?? []} shown={shown} />
        )}
        {shown !== null && cardCount + house.favourites.length > 0 && (
          <NoMatch query={deferredQuery} shown={shown} />
        )}
      </Panel>
    </CardSettingsProvider>
  );
}

/** The grid of a house with no rooms: every card, in card order, a page at a time. */
function FlatGrid({ ids, shown }: { ids: readonly string[]; shown: ((id: string) => boolean) | null }) {
  const [count, setCount] = useState(PAGE_SIZE);
  const matching = useMemo(() => (shown === null ? ids : ids.filter(shown)), [ids, shown]);
  const visible = matching.slice(0, count);
  return (
    <>
      <div className={CARD_GRID}>
        {visible.map((id) => (
          <DeviceCard key={id} id={id} />
        ))}
      </div>
      {matching.length > visible.length && (
        <button
          type="button"
          onClick={() => setCount((n) => n + PAGE_SIZE)}
          className="mt-3 h-11 w-full rounded-lg border border-slate-300 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Show more ({matching.length - visible.length} not shown)
        </button>
      )}
    </>
  );
}

/**
 * The devices a search finds (by alias, announced name or native id), as a test on device keys;
 * null while nothing is searched. Recomputed when the fleet or the layout changes, only while
 * searching.
 */
function useSearch(query: string): ((id: string) => boolean) | null {
  const fleet = useHearthStore((s) => (query.trim() === '' ? null : s.fleet.devices));
  const layout = useHearthStore((s) => s.layout);
  return useMemo(() => {
    if (fleet === null) return null;
    return (id: string) => {
      const device = fleet.get(id);
      return device !== undefined && matchesDeviceQuery(layout, device, query);
    };
  }, [fleet, layout, query]);
}

function NoMatch({ query, shown }: { query: string; shown: (id: string) => boolean }) {
  const any = useHearthStore((s) => s.fleet.ids.some(shown));
  if (any) return null;
  return <p className="text-sm">No device matches “{query}”.</p>;
}

function EmptyFleet() {
  const topics = useHearthStore((s) => s.settings.topics);
  const connected = useHearthStore((s) => s.connection.kind === 'connected');
  return (
    <p className="text-sm text-slate-600 dark:text-slate-300">
      {connected
        ? `Connected. Waiting for messages on ${topics.join(', ')}…`
        : 'No devices yet. They appear as soon as the broker delivers their messages.'}
    </p>
  );
}
