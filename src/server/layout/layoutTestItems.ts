import { type LayoutChange, type LayoutItem, viewShowingEverything } from '../../core/layout.ts';

/** A room item as a screen sends it. */
export function roomItem(id: string, name: string, position = 1): LayoutItem {
  return { type: 'room', id, value: { name, floorId: null, position } };
}

/** A view item showing everything, as a screen sends it. */
export function viewItem(id: string, name: string, position = 1): LayoutItem {
  return {
    type: 'view',
    id,
    value: {
      name,
      position,
      ...viewShowingEverything(),
    },
  };
}

export function change(baseVersion: number, ...items: LayoutItem[]): LayoutChange {
  return { baseVersion, items };
}
