/** A short message for the user that goes away by itself ("Lamp did not confirm…"). */
export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
  at: number;
}

/** Notices shown at once; older ones give way. */
export const NOTICES_MAX = 5;

/**
 * The notices with one more, the oldest dropped past NOTICES_MAX. Its id is `nowMs`, or one more
 * than the newest id when that is later, so ids stay unique without a clock or a random source.
 */
export function addNotice(
  notices: readonly Notice[],
  text: string,
  tone: Notice['tone'],
  nowMs: number,
): Notice[] {
  let id = nowMs;
  for (const notice of notices) if (notice.id >= id) id = Math.floor(notice.id) + 1;
  return [...notices, { id, text, tone, at: nowMs }].slice(-NOTICES_MAX);
}
