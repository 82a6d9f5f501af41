import type { ChartGroup } from '../../core/chartGroups';

/**
 * The charts a view lists, in the view's order (`charts` null: every chart, as they come).
 * A listed quantity no device reads yet is simply not drawn.
 */
export function viewCharts(
  groups: readonly ChartGroup[],
  charts: readonly string[] | null,
): readonly ChartGroup[] {
  if (charts === null) return groups;
  const byKey = new Map(groups.map((g) => [g.key, g]));
  return charts.flatMap((key) => {
    const group = byKey.get(key);
    return group === undefined ? [] : [group];
  });
}

/** The devices a screen's sections show (favourites and every room's), as a set to filter the fleet's order by. */
export function shownDevices(sections: {
  favourites: readonly string[];
  sections: ReadonlyArray<{ deviceIds: readonly string[] }>;
  hidden: readonly string[];
}): ReadonlySet<string> {
  const shown = new Set(sections.favourites);
  for (const section of sections.sections) for (const id of section.deviceIds) shown.add(id);
  for (const id of sections.hidden) shown.delete(id);
  return shown;
}
