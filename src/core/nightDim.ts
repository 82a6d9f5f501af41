/** Minutes since local midnight for "HH:MM", or null when it is not a clock time. */
export function clockMinutes(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (match === null) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/**
 * Whether `minutes` (since local midnight) falls in the span [from, to), which may cross
 * midnight (22:00 to 06:30). An empty span (from equals to) is never night.
 */
export function isWithinSpan(minutes: number, from: number, to: number): boolean {
  if (from === to) return false;
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

/**
 * Whether a brightness reading says the room is dark, with hysteresis so a value hovering at
 * the threshold does not make the screen flicker: dark below `darkBelow`, light again only
 * above `darkBelow * 1.5 + 1`.
 */
export function isDark(lux: number, darkBelow: number, wasDark: boolean): boolean {
  if (!Number.isFinite(lux)) return wasDark;
  return wasDark ? lux <= darkBelow * 1.5 + 1 : lux < darkBelow;
}
