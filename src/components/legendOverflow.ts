/** Where a legend name sits in its list, in px from the list's top (`offsetTop`, `offsetHeight`). */
export interface LegendItemBox {
  top: number;
  height: number;
}

/**
 * How many names of a scrolling legend end below what shows (`viewBottom`: the list's
 * `scrollTop + clientHeight`): the "+N more" a phone needs, where a scroll box gives no sign that
 * more names follow. Half a pixel of slack: a row that fits does not count for rounding.
 */
export function namesBelow(items: readonly LegendItemBox[], viewBottom: number): number {
  let below = 0;
  for (const item of items) if (item.top + item.height > viewBottom + 0.5) below++;
  return below;
}
