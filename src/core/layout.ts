/**
 * The house as its people arranged it: floors, rooms, what each device and reading is called and
 * whether it is shown, and views (a hall tablet's, a garage screen's). Plain data, stored on the
 * Hearth server (data directory, `/api/layout`) or, standalone, in the browser.
 *
 * Every part is an *item* (a floor, a room, a device's entry, a view) that is written whole: a
 * change is a list of items put (or removed), and two screens editing at once lose at most the
 * older write of one item, never a whole layout (last write per item wins). Orders are numbers
 * (`position`) on the items themselves, so moving a card writes that card's item only.
 */

/** Raised by one for every accepted change; a change names the version it was made on. */
export type LayoutVersion = number;

export interface Floor {
  name: string;
  /** Order among floors, ascending (ties by id). */
  position: number;
  /** The layout version that last wrote this item (set by whoever applies the change). */
  rev: LayoutVersion;
}

export interface Room {
  name: string;
  /** The floor it is on, or null. */
  floorId: string | null;
  /** Order among rooms, ascending (ties by id). */
  position: number;
  rev: LayoutVersion;
}

/** What the user chose for one reading of a device. */
export interface ReadingLayout {
  /** The name shown instead of the native one (which stays in details and search). */
  alias?: string;
  hidden?: boolean;
}

/** What the user chose for one device (by device key: `deviceKey(convention, nativeId)`). */
export interface DeviceLayout {
  /**
   * The room id the user put it in; null: in no room ("Other"), whatever it announces; absent:
   * the room it announces (Home Assistant `suggested_area`, HomeSeer's location), if any.
   */
  room?: string | null;
  /** Order among the cards of its room, ascending; absent: after the placed ones, by name. */
  position?: number;
  alias?: string;
  /** Hidden everywhere (edit mode still shows it, dimmed, to bring it back). */
  hidden?: boolean;
  /** Pinned: shown first, in a Favourites section above the rooms. */
  favourite?: boolean;
  /** The native metric name shown big on the card (and charted in its sparkline). */
  mainReading?: string;
  /** Per native metric name. */
  readings?: Record<string, ReadingLayout>;
  rev: LayoutVersion;
}

/** A named arrangement for one screen, opened with `?view=<name>`. */
export interface View {
  /** Unique among views, compared without case. */
  name: string;
  position: number;
  /** No controls, no publishing and no editing on a screen showing it. */
  readonly: boolean;
  /** Big values, no side panels (the kiosk layout). */
  big: boolean;
  /** Room ids shown, in this view's order (`OTHER_ROOM_ID` for devices in no room); null: every room. */
  rooms: string[] | null;
  /** Device keys shown (within those rooms); null: every device of the rooms shown. */
  devices: string[] | null;
  /** Device keys hidden in this view only. */
  hiddenDevices: string[];
  /** Readings hidden in this view only, as [device key, native metric name]. */
  hiddenReadings: Array<[string, string]>;
  /** Quantity ids charted, in order; null: every chart. */
  charts: string[] | null;
  rev: LayoutVersion;
}

/** What a new view shows: everything, at ordinary size, with controls. A fresh object each call. */
export function viewShowingEverything(): Omit<View, 'name' | 'position' | 'rev'> {
  return {
    readonly: false,
    big: false,
    rooms: null,
    devices: null,
    hiddenDevices: [],
    hiddenReadings: [],
    charts: null,
  };
}

export interface HouseLayout {
  version: LayoutVersion;
  floors: Record<string, Floor>;
  rooms: Record<string, Room>;
  devices: Record<string, DeviceLayout>;
  views: Record<string, View>;
  /**
   * Announced room names (lower case) the user removed: devices announcing them go to "Other"
   * instead of bringing the room back.
   */
  ignoredAreas: string[];
  /** The user dismissed the rooms suggested by topic names (`house/<room>/…`). */
  topicRoomsDismissed: boolean;
}

export const EMPTY_LAYOUT: HouseLayout = {
  version: 0,
  floors: {},
  rooms: {},
  devices: {},
  views: {},
  ignoredAreas: [],
  topicRoomsDismissed: false,
};

/** The section of devices in no room. */
export const OTHER_ROOM_ID = 'other';
/** The section of pinned devices, shown above the rooms; never a room's id. */
export const FAVOURITES_ID = 'favourites';
/** The view that shows everything; never stored, never removed. */
export const DEFAULT_VIEW_ID = 'default';
/**
 * Room id of a room a device announced and the user has not made their own yet:
 * `area:` + the name in lower case. Putting an item with such an id makes it a stored room.
 */
export const AREA_ROOM_PREFIX = 'area:';

/** One item put by a change: its new value, or null to remove it. `rev` is set when applied. */
export type LayoutItem =
  | { type: 'floor'; id: string; value: Omit<Floor, 'rev'> | null }
  | { type: 'room'; id: string; value: Omit<Room, 'rev'> | null }
  | { type: 'device'; id: string; value: Omit<DeviceLayout, 'rev'> | null }
  | { type: 'view'; id: string; value: Omit<View, 'rev'> | null }
  | { type: 'ignoredAreas'; value: string[] }
  | { type: 'topicRoomsDismissed'; value: boolean };

/** A change as a screen sends it: made on `baseVersion`, putting `items` whole. */
export interface LayoutChange {
  baseVersion: LayoutVersion;
  items: LayoutItem[];
}

/** An item someone else wrote after `baseVersion`, which this change overwrote. */
export interface StaleItem {
  type: LayoutItem['type'];
  id?: string;
}

/** What applying a change answers: the new layout, and the items whose newer value it replaced. */
export interface LayoutApplied {
  layout: HouseLayout;
  stale: StaleItem[];
}

/** Limits on what one layout holds, checked wherever a layout or a change is parsed. */
export const LAYOUT_LIMITS = {
  floors: 50,
  rooms: 500,
  devices: 20_000,
  views: 100,
  nameChars: 80,
  idChars: 200,
  readingsPerDevice: 200,
  listItems: 20_000,
  changeItems: 25_000,
} as const;
