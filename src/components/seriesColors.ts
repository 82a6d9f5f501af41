/** Line colours that stay apart in light and dark themes (Tableau 10). */
const SERIES_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

/** After every colour was used once, lines repeat them dashed, then dotted: 30 lines stay apart. */
const SERIES_DASHES = [undefined, '6 3', '2 2'] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? '#4e79a7';
}

/** The stroke pattern of the index-th line (undefined: solid). */
export function seriesDash(index: number): string | undefined {
  return SERIES_DASHES[Math.floor(index / SERIES_COLORS.length) % SERIES_DASHES.length];
}
