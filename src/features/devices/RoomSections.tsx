import { Fragment } from 'react';
import { clipText } from '../../core/clip';
import { FAVOURITES_ID } from '../../core/layout';
import type { HouseSections, RoomSection as Section } from '../../core/roomSections';
import { selectDeviceName } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { CardDragContext } from './cardDrag';
import { RoomSection } from './RoomSection';
import { useCardDrag } from './useCardDrag';

/**
 * The grid by room: Favourites first, then each room under its floor's heading when the house
 * has floors, Other last. `shown` filters the cards (a search); rooms left empty by it are not
 * shown. In edit mode every card can be moved, by pointer or keyboard, each step announced.
 */
export function RoomSections({
  house,
  shown,
  editing,
  isCollapsed,
  toggle,
}: {
  house: HouseSections;
  shown: ((id: string) => boolean) | null;
  editing: boolean;
  isCollapsed: (id: string) => boolean;
  toggle: (id: string) => void;
}) {
  const nameOf = (id: string) => selectDeviceName(id)(useHearthStore.getState());
  const { drag, announcement } = useCardDrag(house, nameOf);
  const cards = (ids: readonly string[]) => (shown === null ? ids : ids.filter(shown));
  const movable = house.sections.filter((section) => section.id !== 'other');
  const favourites: Section = {
    id: FAVOURITES_ID,
    name: 'Favourites',
    floorId: null,
    floorName: null,
    deviceIds: house.favourites,
    stored: false,
  };
  const rooms = house.favourites.length > 0 ? [favourites, ...house.sections] : house.sections;
  return (
    <CardDragContext.Provider value={editing ? drag : null}>
      {/* Rooms sit side by side where they fit (a tablet, a wide kiosk), each as wide as up to two
          of its cards, and stack on a phone. */}
      <div className="flex flex-wrap items-start gap-x-5 gap-y-3 sm:gap-y-5">
        {rooms.map((section, i) => {
          const ids = cards(section.deviceIds);
          if (shown !== null && ids.length === 0) return null;
          const floorStarts = section.floorName !== null && section.floorId !== rooms[i - 1]?.floorId;
          const index = movable.indexOf(section);
          return (
            <Fragment key={section.id}>
              {floorStarts && (
                <h2
                  data-floor-id={section.floorId}
                  className="-mb-2 w-full text-lg font-bold [overflow-wrap:anywhere]"
                >
                  {clipText(section.floorName ?? '')}
                </h2>
              )}
              <RoomSection
                section={section}
                deviceIds={ids}
                collapsed={shown === null && isCollapsed(section.id)}
                onToggle={() => toggle(section.id)}
                editing={editing}
                place={index < 0 ? null : { index, count: movable.length }}
                cardsWide={Math.min(2, Math.max(1, ids.length))}
              />
            </Fragment>
          );
        })}
      </div>
      <p aria-live="assertive" className="sr-only">
        {announcement}
      </p>
    </CardDragContext.Provider>
  );
}
