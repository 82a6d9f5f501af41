const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * Each window's span and how often it is redrawn. A 5-minute chart is about a second per pixel
 * column, so a redraw every 2 s loses nothing a reader can see; each redraw of ten dense lines
 * costs a frame (measured), so redraws are kept this rare. With a Hearth server, `refreshMs` is
 * how old the server's answer may grow before it is asked again (null: never, the live points
 * soon cover the whole window); 30 days and a year exist only there, as a browser keeps neither.
 */
export const CHART_WINDOWS = [
  { key: '5m', label: '5 min', ms: 5 * MINUTE_MS, sampleMs: 2000, refreshMs: null, serverOnly: false },
  { key: '1h', label: '1 h', ms: 60 * MINUTE_MS, sampleMs: 5000, refreshMs: null, serverOnly: false },
  { key: '24h', label: '24 h', ms: DAY_MS, sampleMs: 15_000, refreshMs: 5 * MINUTE_MS, serverOnly: false },
  { key: '7d', label: '7 d', ms: 7 * DAY_MS, sampleMs: 60_000, refreshMs: 5 * MINUTE_MS, serverOnly: false },
  {
    key: '30d',
    label: '30 d',
    ms: 30 * DAY_MS,
    sampleMs: 60_000,
    refreshMs: 5 * MINUTE_MS,
    serverOnly: true,
  },
  {
    key: '1y',
    label: '1 y',
    ms: 365 * DAY_MS,
    sampleMs: 60_000,
    refreshMs: 10 * MINUTE_MS,
    serverOnly: true,
  },
  { key: 'all', label: 'All', ms: null, sampleMs: 5000, refreshMs: 10 * MINUTE_MS, serverOnly: false },
] as const;
export type ChartWindow = (typeof CHART_WINDOWS)[number];

/**
 * What "All" asks the server for: the hourly tier is kept for ever, and ten years of it is
 * under 90,000 buckets a series for the server to thin.
 */
export const ALL_FROM_SERVER_MS = 10 * 365 * DAY_MS;

/** The windows to offer: those a browser keeps, and with a server's history its long ones too. */
export function chartWindows(serverHistory: boolean): readonly ChartWindow[] {
  return serverHistory ? CHART_WINDOWS : CHART_WINDOWS.filter((w) => !w.serverOnly);
}

/** The range a window asks the server for, ending now. */
export function serverRange(window: ChartWindow, nowMs: number): { fromMs: number; toMs: number } {
  return { fromMs: nowMs - (window.ms ?? ALL_FROM_SERVER_MS), toMs: nowMs };
}
