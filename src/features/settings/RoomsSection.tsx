import { useState } from 'react';
import { AREA_ROOM_PREFIX, OTHER_ROOM_ID } from '../../core/layout';
import {
  addFloor,
  addRoom,
  moveFloor,
  moveRoom,
  removeFloor,
  removeRoom,
  renameFloor,
  renameRoom,
  setRoomFloor,
} from '../../core/layoutEdits';
import type { RoomSection } from '../../core/roomSections';
import { selectArrangeRefusal } from '../../store/access';
import { useHearthStore } from '../../store/store';
import { Section } from './fields';
import {
  ConfirmLine,
  InlineName,
  LayoutProblem,
  MoveButtons,
  NameAdder,
  SELECT_CLASS,
  SMALL_BUTTON,
} from './LayoutControls';
import { RoomsReadOnly } from './LayoutReadOnly';
import { byPosition, roomRemovalWords } from './layoutOrder';
import { useHouseRooms } from './useHouseRooms';
import { useLayoutEdit } from './useLayoutEdit';

/** Said wherever the layout is edited: it is not part of the draft that Save applies. */
export const SHARED_LAYOUT_HINT =
  'Changes here apply at once and reach every screen of this house; Save and Cancel are for this screen’s own settings.';

/** Said instead of the editors on a read-only screen. */
export const READONLY_LAYOUT_LINE =
  'This screen is read-only, so rooms and views are arranged from another screen.';

/**
 * Floors and the rooms on them, in the house's order: add, rename, move, delete, choose a floor.
 * Shown as they are, with the reason, to an account that is not an owner's.
 */
export function RoomsSection() {
  const readonly = useHearthStore((s) => s.settings.readonly);
  const refusal = useHearthStore(selectArrangeRefusal);
  if (readonly) {
    return (
      <Section title="Rooms">
        <p className="text-sm text-slate-600 dark:text-slate-300">{READONLY_LAYOUT_LINE}</p>
      </Section>
    );
  }
  if (refusal !== null) return <RoomsReadOnly refusal={refusal} />;
  return <RoomsEditor />;
}

function RoomsEditor() {
  const layout = useHearthStore((s) => s.layout);
  const { sections, devices } = useHouseRooms();
  const { problem, apply } = useLayoutEdit();
  const floors = byPosition(layout.floors);
  const rooms = sections.sections.filter((r) => r.id !== OTHER_ROOM_ID);
  const [newRoomFloor, setNewRoomFloor] = useState('');
  const current = () => useHearthStore.getState().layout;

  // Up and down move a room among the rooms of its floor (the list it is shown in); the edit
  // counts places among all the house's rooms.
  const roomRows = (list: readonly RoomSection[]) =>
    list.map((room, i) => (
      <RoomRow
        key={room.id}
        room={room}
        index={i}
        count={list.length}
        houseIndexOf={(local) => rooms.indexOf(list[local] ?? room)}
        floors={floors.map(([id, f]) => ({ id, name: f.name }))}
        house={{ sections, devices }}
        apply={apply}
      />
    ));
  const unfloored = rooms.filter((r) => r.floorId === null || layout.floors[r.floorId] === undefined);

  return (
    <Section title="Rooms">
      <p className="text-sm text-slate-600 dark:text-slate-300">{SHARED_LAYOUT_HINT}</p>
      <NameAdder
        label="New room"
        button="Add room"
        onAdd={(name) =>
          apply(
            addRoom(current(), name, newRoomFloor === '' ? undefined : newRoomFloor),
            `add room ${name}`,
          ) !== null
        }
      >
        {floors.length > 0 && (
          <select
            className={SELECT_CLASS}
            aria-label="Floor of the new room"
            value={newRoomFloor}
            onChange={(e) => setNewRoomFloor(e.target.value)}
          >
            <option value="">No floor</option>
            {floors.map(([id, f]) => (
              <option key={id} value={id}>
                {f.name}
              </option>
            ))}
          </select>
        )}
      </NameAdder>
      <LayoutProblem problem={problem} />
      {rooms.length === 0 && floors.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          No rooms yet: add one here, or put a device in a room from its card’s menu.
        </p>
      )}
      {floors.map(([id, floor], i) => (
        <div
          key={id}
          className="flex flex-col gap-2 rounded-lg border border-slate-200 p-2 dark:border-slate-700"
        >
          <FloorRow id={id} name={floor.name} index={i} count={floors.length} apply={apply} />
          <ul className="flex flex-col gap-2 pl-2" aria-label={`Rooms on ${floor.name}`}>
            {roomRows(rooms.filter((r) => r.floorId === id))}
          </ul>
        </div>
      ))}
      {unfloored.length > 0 && (
        <ul className="flex flex-col gap-2" aria-label={floors.length > 0 ? 'Rooms on no floor' : 'Rooms'}>
          {roomRows(unfloored)}
        </ul>
      )}
      <NameAdder
        label="New floor"
        button="Add floor"
        onAdd={(name) => apply(addFloor(current(), name), `add floor ${name}`) !== null}
      />
    </Section>
  );
}

type Apply = ReturnType<typeof useLayoutEdit>['apply'];

function FloorRow({
  id,
  name,
  index,
  count,
  apply,
}: {
  id: string;
  name: string;
  index: number;
  count: number;
  apply: Apply;
}) {
  const [confirming, setConfirming] = useState(false);
  const layout = () => useHearthStore.getState().layout;
  if (confirming) {
    return (
      <ConfirmLine
        question={`Delete floor “${name}”? Its rooms stay, on no floor.`}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          apply(removeFloor(layout(), id), `delete floor ${name}`);
          setConfirming(false);
        }}
      />
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2" data-floor-id={id}>
      <InlineName
        name={name}
        what="floor"
        onRename={(n) => apply(renameFloor(layout(), id, n), `rename floor ${name}`) !== null}
      >
        <span className="text-xs text-slate-600 dark:text-slate-300">floor</span>
      </InlineName>
      <MoveButtons
        name={name}
        index={index}
        count={count}
        onMove={(to) => apply(moveFloor(layout(), id, to), `move floor ${name}`)}
      />
      <button
        type="button"
        className={SMALL_BUTTON}
        aria-label={`Delete floor ${name}`}
        onClick={() => setConfirming(true)}
      >
        Delete
      </button>
    </div>
  );
}

function RoomRow({
  room,
  index,
  count,
  houseIndexOf,
  floors,
  house: { sections, devices },
  apply,
}: {
  room: RoomSection;
  index: number;
  count: number;
  houseIndexOf: (index: number) => number;
  floors: ReadonlyArray<{ id: string; name: string }>;
  house: ReturnType<typeof useHouseRooms>;
  apply: Apply;
}) {
  const [confirming, setConfirming] = useState(false);
  const layout = () => useHearthStore.getState().layout;
  const announced = room.id.startsWith(AREA_ROOM_PREFIX);
  const deviceCount = room.deviceIds.length;
  const elsewhere = room.deviceIds.filter((key) => {
    const place = devices.get(key)?.place;
    return place?.source === 'announced' && place.room.toLowerCase() !== room.name.toLowerCase();
  }).length;
  return (
    <li className="flex flex-col gap-2" data-room-id={room.id}>
      {confirming ? (
        <ConfirmLine
          question={roomRemovalWords(room.name, deviceCount, elsewhere)}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            apply(removeRoom(layout(), room.id), `delete room ${room.name}`);
            setConfirming(false);
          }}
        />
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <InlineName
            name={room.name}
            what="room"
            onRename={(n) =>
              apply(
                renameRoom(layout(), room.id, n, useHearthStore.getState().fleet.devices.values()),
                `rename room ${room.name}`,
              ) !== null
            }
          >
            <span className="text-xs text-slate-600 dark:text-slate-300">
              {deviceCount === 1 ? '1 device' : `${deviceCount} devices`}
              {announced && ' · announced by devices'}
            </span>
          </InlineName>
          {floors.length > 0 && (
            <select
              className={SELECT_CLASS}
              aria-label={`Floor of ${room.name}`}
              value={room.floorId ?? ''}
              onChange={(e) =>
                apply(
                  setRoomFloor(layout(), room.id, e.target.value === '' ? null : e.target.value),
                  `floor of ${room.name}`,
                )
              }
            >
              <option value="">No floor</option>
              {floors.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          )}
          <MoveButtons
            name={room.name}
            index={index}
            count={count}
            onMove={(to) =>
              apply(moveRoom(layout(), sections, room.id, houseIndexOf(to)), `move room ${room.name}`)
            }
          />
          <button
            type="button"
            className={SMALL_BUTTON}
            aria-label={`Delete room ${room.name}`}
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
