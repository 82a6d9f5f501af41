/** How a time label sits on its tick: centred, or set against the chart's edge near one. */
export type LabelAnchor = 'start' | 'middle' | 'end';

/** Px kept free between two time labels. */
const LABEL_GAP_PX = 6;

/**
 * Where each time label goes, left to right: centred on its tick, set against the chart's edge
 * when its tick is within `edgePx` of it (so it is not cut), or null when it would touch the
 * label before it. A label set against the right edge moves left by up to half its width, onto
 * its neighbour ("10:34 AM10:35 AM" on a wall tablet): it shows once its tick has moved in.
 */
export function placeTimeLabels(
  labels: readonly { at: number; width: number }[],
  chartWidth: number,
  edgePx: number,
): (LabelAnchor | null)[] {
  let free = Number.NEGATIVE_INFINITY;
  return labels.map(({ at, width }) => {
    const anchor: LabelAnchor = at < edgePx ? 'start' : at > chartWidth - edgePx ? 'end' : 'middle';
    const left = anchor === 'start' ? at : anchor === 'end' ? at - width : at - width / 2;
    if (left < free) return null;
    free = left + width + LABEL_GAP_PX;
    return anchor;
  });
}
