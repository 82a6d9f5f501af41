import {
  type KeyboardEvent,
  type PointerEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { placeDevice } from '../../core/layoutEdits';
import type { HouseSections } from '../../core/roomSections';
import { selectSections } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { type CardDrag, dragHandleSelector, dropZoneSelector } from './cardDrag';
import {
  type CardBox,
  columnsOf,
  currentTarget,
  type DropTarget,
  dropIndexAt,
  type MoveKey,
  moveAnnouncement,
  moveByKey,
  placesIn,
} from './cardMoves';
import { DropIndicator } from './dropIndicator';
import { useLayoutChange } from './useLayoutChange';

/** A pointer must travel this far before a press on the handle becomes a drag (a tap is not a drag). */
const DRAG_THRESHOLD_PX = 6;
/** Within this distance of the viewport's top or bottom edge a drag scrolls the page. */
const AUTO_SCROLL_EDGE_PX = 64;
/** Scroll per animation frame at the very edge. */
const AUTO_SCROLL_MAX_PX = 18;

interface Held {
  id: string;
  origin: DropTarget;
  target: DropTarget;
  mode: 'pointer' | 'keyboard';
}

const MOVE_KEYS: ReadonlySet<string> = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);

/**
 * Edit mode's moves of a card between and within rooms: by pointer (mouse, pen or finger:
 * pointer events captured on the handle, a lifted copy following, auto-scroll near the edges,
 * Escape cancels) or by keyboard (Space or Enter grabs and drops, arrows move, Escape cancels),
 * each step announced. The layout changes on drop only: one change, one undo entry per move.
 */
export function useCardDrag(house: HouseSections, nameOf: (id: string) => string) {
  const apply = useLayoutChange();
  const [grabbedId, setGrabbedId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const held = useRef<Held | null>(null);
  const indicator = useRef<DropIndicator | null>(null);
  const stopPointer = useRef<(() => void) | null>(null);
  const sections = house.sections;
  const latest = useRef({ sections, nameOf });
  latest.current = { sections, nameOf };

  useEffect(
    () => () => {
      stopPointer.current?.();
      indicator.current?.remove();
    },
    [],
  );

  const placeWords = useCallback((id: string, target: DropTarget) => {
    const section = latest.current.sections[target.section];
    if (section === undefined) return latest.current.nameOf(id);
    return moveAnnouncement(latest.current.nameOf(id), section.name, target.index, placesIn(section, id));
  }, []);

  const show = useCallback((id: string, target: DropTarget, scroll: boolean) => {
    indicator.current ??= new DropIndicator();
    const section = latest.current.sections[target.section];
    const zone =
      section === undefined ? null : document.querySelector<HTMLElement>(dropZoneSelector(section.id));
    indicator.current.show(zone, id, target.index, scroll);
  }, []);

  const finish = useCallback(
    (drop: boolean) => {
      const current = held.current;
      held.current = null;
      setGrabbedId(null);
      indicator.current?.hide();
      if (current === null) return;
      const { id, origin, target, mode } = current;
      const refocus = () => {
        if (mode === 'keyboard')
          requestAnimationFrame(() => document.querySelector<HTMLElement>(dragHandleSelector(id))?.focus());
      };
      const name = latest.current.nameOf(id);
      if (!drop || (target.section === origin.section && target.index === origin.index)) {
        setAnnouncement(`Move cancelled. ${placeWords(id, origin)}`);
        refocus();
        return;
      }
      const words = placeWords(id, target);
      const room = latest.current.sections[target.section];
      if (room === undefined) return;
      const state = useHearthStore.getState();
      const edit = placeDevice(state.layout, selectSections(state), id, room.id, target.index);
      if (apply(edit, `move of ${name}`)) setAnnouncement(`Dropped. ${words}`);
      refocus();
    },
    [apply, placeWords],
  );

  const grab = useCallback((id: string, mode: Held['mode']): boolean => {
    const origin = currentTarget(latest.current.sections, id);
    if (origin === null) return false;
    held.current = { id, origin, target: origin, mode };
    setGrabbedId(id);
    return true;
  }, []);

  const onHandleKeyDown = useCallback(
    (id: string, e: KeyboardEvent<HTMLElement>) => {
      const current = held.current;
      if (e.key === ' ' || e.key === 'Enter') {
        e.preventDefault();
        if (current === null) {
          if (!grab(id, 'keyboard')) return;
          const origin = held.current?.origin ?? { section: 0, index: 0 };
          show(id, origin, false);
          setAnnouncement(
            `Grabbed. ${placeWords(id, origin)}. Arrow keys move it, Space drops it, Escape cancels.`,
          );
        } else if (current.id === id) finish(true);
        return;
      }
      if (current === null || current.id !== id) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        finish(false);
        return;
      }
      if (!MOVE_KEYS.has(e.key)) return;
      e.preventDefault();
      const sections = latest.current.sections;
      const target = moveByKey(
        sections,
        id,
        current.target,
        e.key as MoveKey,
        columnsAt(sections, current.target),
      );
      current.target = target;
      show(id, target, true);
      setAnnouncement(placeWords(id, target));
    },
    [placeWords, finish, grab, show],
  );

  const onHandleBlur = useCallback(
    (id: string) => {
      if (held.current?.id === id && held.current.mode === 'keyboard') finish(false);
    },
    [finish],
  );

  const onHandlePointerDown = useCallback(
    (id: string, e: PointerEvent<HTMLElement>) => {
      if (e.button !== 0 || held.current !== null) return;
      const handle = e.currentTarget;
      const card = handle.closest<HTMLElement>('[data-device-key]');
      if (card === null) return;
      handle.setPointerCapture(e.pointerId);
      const start = { x: e.clientX, y: e.clientY };
      const pointer = { x: e.clientX, y: e.clientY };
      let lifted: HTMLElement | null = null;
      let offset = { x: 0, y: 0 };
      let frame = 0;

      const retarget = () => {
        const current = held.current;
        if (current === null) return;
        const target = targetAt(latest.current.sections, id, pointer.x, pointer.y);
        if (target === null) return;
        const changed = target.section !== current.target.section || target.index !== current.target.index;
        current.target = target;
        show(id, target, false);
        if (changed) setAnnouncement(placeWords(id, target));
      };
      const scrollStep = () => {
        const speed = edgeSpeed(pointer.y, window.innerHeight);
        if (speed !== 0) {
          window.scrollBy(0, speed);
          retarget();
        }
        frame = requestAnimationFrame(scrollStep);
      };
      const move = (ev: globalThis.PointerEvent) => {
        pointer.x = ev.clientX;
        pointer.y = ev.clientY;
        if (lifted === null) {
          if (Math.hypot(ev.clientX - start.x, ev.clientY - start.y) < DRAG_THRESHOLD_PX) return;
          if (!grab(id, 'pointer')) return;
          const box = card.getBoundingClientRect();
          offset = { x: start.x - box.left, y: start.y - box.top };
          lifted = liftedCopy(card, box);
          frame = requestAnimationFrame(scrollStep);
        }
        lifted.style.transform = `translate(${ev.clientX - offset.x}px, ${ev.clientY - offset.y}px) rotate(1.5deg)`;
        retarget();
      };
      const stop = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
        handle.removeEventListener('pointercancel', cancel);
        window.removeEventListener('keydown', onEscape, true);
        cancelAnimationFrame(frame);
        lifted?.remove();
        stopPointer.current = null;
      };
      const up = () => {
        const wasDragging = lifted !== null;
        stop();
        if (wasDragging) finish(true);
      };
      const cancel = () => {
        const wasDragging = lifted !== null;
        stop();
        if (wasDragging) finish(false);
      };
      const onEscape = (ev: globalThis.KeyboardEvent) => {
        if (ev.key !== 'Escape') return;
        ev.preventDefault();
        ev.stopPropagation();
        cancel();
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
      handle.addEventListener('pointercancel', cancel);
      window.addEventListener('keydown', onEscape, true);
      stopPointer.current = stop;
    },
    [placeWords, finish, grab, show],
  );

  const drag: CardDrag = useMemo(
    () => ({ grabbedId, onHandlePointerDown, onHandleKeyDown, onHandleBlur }),
    [grabbedId, onHandlePointerDown, onHandleKeyDown, onHandleBlur],
  );
  return { drag, announcement };
}

/** The boxes of a room's cards on screen, but the one moved. */
function cardBoxes(zone: Element, movedId: string): CardBox[] {
  return [...zone.querySelectorAll<HTMLElement>('[data-device-key]')]
    .filter((card) => card.dataset.deviceKey !== movedId)
    .map((card) => card.getBoundingClientRect());
}

/** The room and place under the pointer: the nearest room's drop zone, then the place within it. */
function targetAt(
  sections: HouseSections['sections'],
  movedId: string,
  x: number,
  y: number,
): DropTarget | null {
  let best: DropTarget | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  sections.forEach((section, index) => {
    const zone = document.querySelector(dropZoneSelector(section.id));
    if (zone === null) return;
    const box = zone.getBoundingClientRect();
    const dx = Math.max(box.left - x, 0, x - box.right);
    const dy = Math.max(box.top - y, 0, y - box.bottom);
    const distance = Math.hypot(dx, dy);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = { section: index, index: dropIndexAt(cardBoxes(zone, movedId), x, y) };
    }
  });
  return best;
}

/** Cards per row where the card is: measured in that room, else in the fullest room on screen. */
function columnsAt(sections: HouseSections['sections'], target: DropTarget): number {
  let columns = 1;
  for (const [index, section] of sections.entries()) {
    const zone = document.querySelector(dropZoneSelector(section.id));
    if (zone === null) continue;
    const tops = [...zone.querySelectorAll('[data-device-key]')].map(
      (card) => card.getBoundingClientRect().top,
    );
    const here = columnsOf(tops);
    if (index === target.section && tops.length >= here + 1) return here;
    columns = Math.max(columns, here);
  }
  return columns;
}

/** Pixels to scroll this frame: up near the top edge, down near the bottom, faster closer to it. */
function edgeSpeed(y: number, height: number): number {
  if (y < AUTO_SCROLL_EDGE_PX) return -Math.ceil(AUTO_SCROLL_MAX_PX * (1 - y / AUTO_SCROLL_EDGE_PX));
  if (y > height - AUTO_SCROLL_EDGE_PX)
    return Math.ceil(AUTO_SCROLL_MAX_PX * (1 - (height - y) / AUTO_SCROLL_EDGE_PX));
  return 0;
}

/** A picture of the card that follows the pointer: a copy, not the card, so the grid stays as it is. */
function liftedCopy(card: HTMLElement, box: DOMRect): HTMLElement {
  const copy = card.cloneNode(true) as HTMLElement;
  copy.removeAttribute('data-device-id');
  copy.removeAttribute('data-device-key');
  copy.setAttribute('aria-hidden', 'true');
  copy.setAttribute('data-drag-copy', '');
  for (const marked of copy.querySelectorAll('[data-metric],[data-drag-handle],[id]')) {
    marked.removeAttribute('data-metric');
    marked.removeAttribute('data-drag-handle');
    marked.removeAttribute('id');
  }
  Object.assign(copy.style, {
    position: 'fixed',
    left: '0',
    top: '0',
    width: `${box.width}px`,
    height: `${box.height}px`,
    margin: '0',
    zIndex: '45',
    pointerEvents: 'none',
    opacity: '0.92',
    boxShadow: '0 12px 32px rgb(0 0 0 / 0.25)',
    contentVisibility: 'visible',
    transform: `translate(${box.left}px, ${box.top}px)`,
  });
  document.body.append(copy);
  return copy;
}
