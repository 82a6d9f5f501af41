import { type KeyboardEvent, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { clipText } from '../../core/clip';
import { type Device, deviceLabel } from '../../core/device';
import { metricLabel } from '../../core/heldReading';
import type { HouseLayout } from '../../core/layout';
import { OTHER_ROOM_ID } from '../../core/layout';
import {
  placeDevice,
  setDeviceHidden,
  setFavourite,
  setMainReading,
  setReadingHidden,
} from '../../core/layoutEdits';
import {
  buildSections,
  deviceDisplayName,
  isReadingHidden,
  readingDisplayName,
} from '../../core/roomSections';
import { selectCardOrder, selectSections } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { useLayoutChange } from './useLayoutChange';

/** A dialog the menu opens: the device's name, a reading's name, or a new room to move it to. */
export type CardDialog = { kind: 'device' } | { kind: 'reading'; metric: string } | { kind: 'newRoom' };

type Page = 'main' | 'rooms' | 'mainReading' | 'renameReading' | 'hideReading';

interface Item {
  key: string;
  label: string;
  /** Opens another page of the menu (shown with ▸). */
  page?: Page;
  checked?: boolean;
  run?: () => void;
}

/**
 * The card menu's items, one page at a time (a submenu replaces the list, with Back first: on a
 * phone there is no room beside the menu). Arrow keys move, Right opens and Left leaves a
 * submenu, Escape goes back or closes; focus returns to the "⋯" button.
 */
export function CardMenuList({
  id,
  anchor,
  onClose,
  onDialog,
}: {
  id: string;
  anchor: HTMLElement;
  onClose: (refocus: boolean) => void;
  onDialog: (dialog: CardDialog) => void;
}) {
  const device = useHearthStore((s) => s.fleet.devices.get(id));
  const layout = useHearthStore((s) => s.layout);
  const apply = useLayoutChange();
  const [page, setPage] = useState<Page>('main');
  const menu = useRef<HTMLDivElement>(null);
  const position = useMenuPosition(anchor, menu, page);

  useEffect(() => {
    const away = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && !anchor.contains(e.target as Node)) onClose(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [anchor, onClose]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each page starts at its first item
  useEffect(() => {
    // A submenu starts at its first choice; Back is one step up (or Left, or Escape) away.
    menu.current?.querySelector<HTMLElement>('[role^="menuitem"]:not([data-menu-back])')?.focus();
  }, [page]);

  const items = useMenuItems(device, layout, page, { apply, onDialog, onClose, setPage });
  if (device === undefined) return null;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') focus(at + 1);
    else if (e.key === 'ArrowUp') focus(at - 1);
    else if (e.key === 'Home') focus(0);
    else if (e.key === 'End') focus(all.length - 1);
    else if (e.key === 'ArrowLeft' && page !== 'main') setPage('main');
    else if (e.key === 'ArrowRight' && at >= 0 && items[at]?.page !== undefined)
      setPage(items[at].page ?? 'main');
    else if (e.key === 'Escape') {
      if (page === 'main') onClose(true);
      else setPage('main');
    } else if (e.key === 'Tab') onClose(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={menu}
      role="menu"
      aria-label={`Actions for ${clipText(deviceLabel(device))}`}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      style={position}
      className="fixed z-40 flex max-h-[70dvh] w-64 max-w-[calc(100vw-1rem)] flex-col overflow-y-auto rounded-xl border border-slate-200 bg-white py-1 text-sm text-slate-900 shadow-xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {page !== 'main' && <MenuItem label="◂ Back" back onClick={() => setPage('main')} />}
      {items.map((item) => (
        <MenuItem
          key={item.key}
          label={item.label}
          submenu={item.page !== undefined}
          checked={item.checked}
          onClick={() => {
            if (item.page !== undefined) setPage(item.page);
            else item.run?.();
          }}
        />
      ))}
    </div>
  );
}

function MenuItem({
  label,
  submenu = false,
  back = false,
  checked,
  onClick,
}: {
  label: string;
  submenu?: boolean;
  back?: boolean;
  checked?: boolean;
  onClick: () => void;
}) {
  const className =
    'flex min-h-11 w-full items-center gap-2 px-3 text-left hover:bg-slate-100 focus:bg-slate-100 focus:outline-none dark:hover:bg-slate-800 dark:focus:bg-slate-800';
  const text = <span className="min-w-0 flex-1 truncate">{label}</span>;
  if (checked !== undefined)
    return (
      <button
        type="button"
        role="menuitemradio"
        aria-checked={checked}
        tabIndex={-1}
        onClick={onClick}
        className={className}
      >
        <span aria-hidden="true" className="w-4 shrink-0">
          {checked ? '✓' : ''}
        </span>
        {text}
      </button>
    );
  return (
    <button
      type="button"
      role="menuitem"
      aria-haspopup={submenu ? 'menu' : undefined}
      data-menu-back={back || undefined}
      tabIndex={-1}
      onClick={onClick}
      className={className}
    >
      {text}
      {submenu && <span aria-hidden="true">▸</span>}
    </button>
  );
}

interface MenuActions {
  apply: ReturnType<typeof useLayoutChange>;
  onDialog: (dialog: CardDialog) => void;
  onClose: (refocus: boolean) => void;
  setPage: (page: Page) => void;
}

/** The items of one page of a device's menu. */
function useMenuItems(
  device: Device | undefined,
  layout: HouseLayout,
  page: Page,
  actions: MenuActions,
): Item[] {
  const { apply, onDialog, onClose } = actions;
  const rooms = useMoveTargets();
  if (device === undefined) return [];
  const key = device.id;
  const entry = layout.devices[key];
  const name = deviceDisplayName(layout, device);
  const done = (edit: Parameters<typeof apply>[0], label: string) => {
    apply(edit, label);
    onClose(true);
  };
  const readings = [...device.metrics.values()];
  const readingName = (metric: string) => {
    const held = device.metrics.get(metric);
    return readingDisplayName(layout, key, metric) ?? (held === undefined ? metric : metricLabel(held));
  };
  switch (page) {
    case 'main': {
      const favourite = entry?.favourite === true;
      const items: Item[] = [
        { key: 'rename', label: 'Rename…', run: () => onDialog({ kind: 'device' }) },
        { key: 'rooms', label: 'Move to room', page: 'rooms' },
        {
          key: 'favourite',
          label: favourite ? 'Unpin from favourites' : 'Pin to favourites',
          run: () => done(setFavourite(layout, key, !favourite), `${favourite ? 'unpin' : 'pin'} of ${name}`),
        },
      ];
      if (readings.length > 1) items.push({ key: 'main', label: 'Main reading', page: 'mainReading' });
      if (readings.length > 0) {
        items.push({ key: 'renameReading', label: 'Rename reading…', page: 'renameReading' });
        items.push({ key: 'hideReading', label: 'Hide reading', page: 'hideReading' });
      }
      const hidden = entry?.hidden === true;
      items.push({
        key: 'hide',
        label: hidden ? 'Show device' : 'Hide device',
        run: () => done(setDeviceHidden(layout, key, !hidden), `${hidden ? 'show' : 'hide'} of ${name}`),
      });
      return items;
    }
    case 'rooms': {
      const current = rooms.current(device);
      return [
        ...rooms.list.map((room) => ({
          key: room.id,
          label: room.name,
          checked: room.id === current,
          run: () => done(rooms.place(key, room.id), `move of ${name}`),
        })),
        { key: 'new', label: 'New room…', run: () => onDialog({ kind: 'newRoom' }) },
        {
          key: OTHER_ROOM_ID,
          label: 'No room',
          checked: current === OTHER_ROOM_ID,
          run: () => done(rooms.place(key, OTHER_ROOM_ID), `move of ${name}`),
        },
      ];
    }
    case 'mainReading':
      return [
        {
          key: '',
          label: 'Automatic',
          checked: entry?.mainReading === undefined,
          run: () => done(setMainReading(layout, key, null), `main reading of ${name}`),
        },
        ...readings.map((metric) => ({
          key: metric.name,
          label: readingName(metric.name),
          checked: entry?.mainReading === metric.name,
          run: () => done(setMainReading(layout, key, metric.name), `main reading of ${name}`),
        })),
      ];
    case 'renameReading':
      return readings.map((metric) => ({
        key: metric.name,
        label: readingName(metric.name),
        run: () => onDialog({ kind: 'reading', metric: metric.name }),
      }));
    case 'hideReading':
      return readings
        .filter((metric) => !isReadingHidden(layout, null, key, metric.name))
        .map((metric) => ({
          key: metric.name,
          label: readingName(metric.name),
          run: () =>
            done(
              setReadingHidden(layout, key, metric.name, true),
              `hide of ${readingName(metric.name)} on ${name}`,
            ),
        }));
  }
}

/**
 * The rooms a device can be moved to from its menu: every room of the house (stored, even empty,
 * and announced), built when the menu opens; and the move itself, to the end of that room.
 */
function useMoveTargets() {
  const layout = useHearthStore((s) => s.layout);
  return useMemo(() => {
    const { fleet } = useHearthStore.getState();
    const house = buildSections(layout, fleet.devices, selectCardOrder(useHearthStore.getState()), null, {
      editing: true,
    });
    const byDevice = new Map<string, string>();
    for (const section of house.sections) for (const key of section.deviceIds) byDevice.set(key, section.id);
    return {
      list: house.sections.filter((section) => section.id !== OTHER_ROOM_ID),
      current: (device: Device) => byDevice.get(device.id) ?? OTHER_ROOM_ID,
      place: (key: string, roomId: string) => {
        const sections = selectSections(useHearthStore.getState());
        const room = sections.sections.find((section) => section.id === roomId);
        const end = room === undefined ? 0 : room.deviceIds.filter((id) => id !== key).length;
        return placeDevice(layout, sections, key, roomId, end);
      },
    };
  }, [layout]);
}

/** Where the menu opens: under its button, right-aligned, or above it when there is no room below. */
function useMenuPosition(
  anchor: HTMLElement,
  menu: React.RefObject<HTMLDivElement | null>,
  page: Page,
): { top: number; left: number } {
  const [position, setPosition] = useState({ top: -9999, left: -9999 });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a page of another height is placed again
  useLayoutEffect(() => {
    const box = anchor.getBoundingClientRect();
    const height = menu.current?.offsetHeight ?? 0;
    const width = menu.current?.offsetWidth ?? 256;
    const below = box.bottom + 4;
    const top = below + height <= window.innerHeight - 8 ? below : Math.max(8, box.top - 4 - height);
    const left = Math.min(Math.max(8, box.right - width), window.innerWidth - width - 8);
    setPosition({ top, left });
  }, [anchor, page]);
  return position;
}
