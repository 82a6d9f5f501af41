/** Neighbours closer than this are renumbered rather than split again (floats run out of room). */
export const POSITION_GAP_MIN = 1e-6;

/**
 * The positions to write so that `moved` sits where it is in `order` (the list as it will be
 * shown, `moved` included). Moving between two neighbours takes their midpoint, at an end one
 * past the neighbour, so only the moved item is written. When the others have no positions yet,
 * are not in ascending order as shown, or are too close to split, every item of the list is
 * renumbered 1, 2, 3…; only the ones whose position changes (and `moved`) are answered.
 */
export function positionsAfterMove(
  order: readonly string[],
  moved: string,
  positionOf: (id: string) => number | undefined,
): Map<string, number> {
  const at = order.indexOf(moved);
  const others = order.filter((id) => id !== moved);
  const known = others.map(positionOf);
  const ascending = known.every(
    (position, i) =>
      position !== undefined && (i === 0 || position - (known[i - 1] ?? 0) >= POSITION_GAP_MIN),
  );
  if (ascending) {
    const before = at > 0 ? positionOf(order[at - 1] ?? '') : undefined;
    const after = at < order.length - 1 ? positionOf(order[at + 1] ?? '') : undefined;
    if (before === undefined && after === undefined) return new Map([[moved, positionOf(moved) ?? 1]]);
    if (before === undefined && after !== undefined) return new Map([[moved, after - 1]]);
    if (after === undefined && before !== undefined) return new Map([[moved, before + 1]]);
    if (before !== undefined && after !== undefined && after - before >= 2 * POSITION_GAP_MIN) {
      return new Map([[moved, (before + after) / 2]]);
    }
  }
  const renumbered = new Map<string, number>();
  order.forEach((id, i) => {
    if (id === moved || positionOf(id) !== i + 1) renumbered.set(id, i + 1);
  });
  return renumbered;
}

/** One past the last of `positions` (1 for none): where a new floor, room or view goes. */
export function positionAfter(positions: Iterable<number>): number {
  let last = 0;
  for (const position of positions) if (position > last) last = position;
  return Math.floor(last) + 1;
}

/** `list` with `id` moved to `toIndex` (clamped), counted among the others. */
export function movedTo(list: readonly string[], id: string, toIndex: number): string[] {
  const others = list.filter((other) => other !== id);
  const at = Number.isFinite(toIndex)
    ? Math.max(0, Math.min(others.length, Math.trunc(toIndex)))
    : others.length;
  return [...others.slice(0, at), id, ...others.slice(at)];
}
