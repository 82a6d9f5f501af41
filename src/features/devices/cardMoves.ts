/**
 * Where a card being moved in edit mode would land: by arrow key (one place, one row, into the
 * next or previous room) or under a pointer. Pure: the grid passes the rooms' cards and its
 * measured layout, so the rules are tested without a browser.
 */

/** A room a card can be dropped in, with its cards in order (the moved card included, if there). */
export interface DropSection {
  id: string;
  deviceIds: readonly string[];
}

/** A place among the cards of a room: `index` is the moved card's position once dropped. */
export interface DropTarget {
  section: number;
  index: number;
}

export type MoveKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

/** How many places a room offers the moved card: its other cards, plus one. */
export function placesIn(section: DropSection, movedId: string): number {
  return section.deviceIds.filter((id) => id !== movedId).length + 1;
}

/** Where the moved card sits now, before any key: its room and index; null if in no room shown. */
export function currentTarget(sections: readonly DropSection[], movedId: string): DropTarget | null {
  for (const [section, { deviceIds }] of sections.entries()) {
    const index = deviceIds.indexOf(movedId);
    if (index >= 0) return { section, index };
  }
  return null;
}

/**
 * The place one arrow key moves the card to. Left and Right move one place, crossing into the
 * end of the previous room or the start of the next at a room's edge; Up and Down move one row of
 * `columns` cards, and past a room's first or last row enter the previous or next room in the same
 * column (or its last place when that row is shorter). At the first or last place of all, the
 * card stays where it is.
 */
export function moveByKey(
  sections: readonly DropSection[],
  movedId: string,
  from: DropTarget,
  key: MoveKey,
  columns: number,
): DropTarget {
  const cols = Math.max(1, Math.floor(columns));
  const places = (section: number) => {
    const room = sections[section];
    return room === undefined ? 1 : placesIn(room, movedId);
  };
  const { section, index } = from;
  switch (key) {
    case 'ArrowLeft':
      if (index > 0) return { section, index: index - 1 };
      return section > 0 ? { section: section - 1, index: places(section - 1) - 1 } : from;
    case 'ArrowRight':
      if (index < places(section) - 1) return { section, index: index + 1 };
      return section < sections.length - 1 ? { section: section + 1, index: 0 } : from;
    case 'ArrowDown': {
      if (index + cols < places(section)) return { section, index: index + cols };
      // The last row of this room: a step down goes to its end first, then to the next room.
      const lastRow = Math.floor((places(section) - 1) / cols);
      if (Math.floor(index / cols) < lastRow) return { section, index: places(section) - 1 };
      if (section >= sections.length - 1) return from;
      return { section: section + 1, index: Math.min(index % cols, places(section + 1) - 1) };
    }
    case 'ArrowUp': {
      if (index - cols >= 0) return { section, index: index - cols };
      if (section === 0) return from;
      const above = places(section - 1);
      const lastRowStart = Math.floor((above - 1) / cols) * cols;
      return { section: section - 1, index: Math.min(lastRowStart + (index % cols), above - 1) };
    }
  }
}

/** A card's box on screen, in the same coordinates as the pointer. */
export interface CardBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The index a pointer at (x, y) drops a card at, among the boxes of a room's other cards in
 * order: before the first card whose row the pointer is above, or whose left half it is on in
 * that card's row; after them all otherwise. Rows wrap left to right, top to bottom.
 */
export function dropIndexAt(boxes: readonly CardBox[], x: number, y: number): number {
  for (const [i, box] of boxes.entries()) {
    if (y < box.top) return i;
    if (y < box.top + box.height && x < box.left + box.width / 2) return i;
  }
  return boxes.length;
}

/** How many cards a row holds: the cards whose top is the first card's top. */
export function columnsOf(tops: readonly number[]): number {
  const first = tops[0];
  if (first === undefined) return 1;
  let count = 0;
  for (const top of tops) {
    if (Math.abs(top - first) > 2) break;
    count++;
  }
  return Math.max(1, count);
}

/** What a screen reader hears after each step: "Kitchen sensor, in Hall, position 2 of 5". */
export function moveAnnouncement(name: string, roomName: string, index: number, places: number): string {
  return `${name}, in ${roomName}, position ${index + 1} of ${places}`;
}
