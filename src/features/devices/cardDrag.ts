import { createContext, type KeyboardEvent, type PointerEvent } from 'react';

/** What a card's grab handle reaches in edit mode: the grid's one drag in progress. */
export interface CardDrag {
  /** The device key of the card held (by pointer or keyboard), or null. */
  grabbedId: string | null;
  onHandlePointerDown(id: string, e: PointerEvent<HTMLElement>): void;
  onHandleKeyDown(id: string, e: KeyboardEvent<HTMLElement>): void;
  onHandleBlur(id: string): void;
}

export const CardDragContext = createContext<CardDrag | null>(null);

/** The handle of a card, to give it focus again after a drop moved the card to another room. */
export function dragHandleSelector(id: string): string {
  return `[data-drag-handle="${CSS.escape(id)}"]`;
}

/** The drop zone of a room: its card grid. */
export function dropZoneSelector(roomId: string): string {
  return `[data-room-drop="${CSS.escape(roomId)}"]`;
}
