/**
 * Each window's span and how often it is redrawn. A 5-minute chart is about a second per pixel
 * column, so a redraw every 2 s loses nothing a reader can see; each redraw of ten dense lines
 * costs a frame (measured), so redraws are kept this rare.
 */
export const CHART_WINDOWS = [
  { key: '5m', label: '5 min', ms: 5 * 60_000, sampleMs: 2000 },
  { key: '1h', label: '1 h', ms: 60 * 60_000, sampleMs: 5000 },
  { key: '24h', label: '24 h', ms: 24 * 60 * 60_000, sampleMs: 15_000 },
  { key: '7d', label: '7 d', ms: 7 * 24 * 60 * 60_000, sampleMs: 60_000 },
  { key: 'all', label: 'All', ms: null, sampleMs: 5000 },
] as const;
export type ChartWindow = (typeof CHART_WINDOWS)[number];
