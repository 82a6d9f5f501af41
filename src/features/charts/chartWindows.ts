/** Each window's span and how often it is redrawn: long windows change once a minute at most. */
export const CHART_WINDOWS = [
  { key: '5m', label: '5 min', ms: 5 * 60_000, sampleMs: 1000 },
  { key: '1h', label: '1 h', ms: 60 * 60_000, sampleMs: 2000 },
  { key: '24h', label: '24 h', ms: 24 * 60 * 60_000, sampleMs: 15_000 },
  { key: '7d', label: '7 d', ms: 7 * 24 * 60 * 60_000, sampleMs: 60_000 },
  { key: 'all', label: 'All', ms: null, sampleMs: 2000 },
] as const;
export type ChartWindow = (typeof CHART_WINDOWS)[number];
