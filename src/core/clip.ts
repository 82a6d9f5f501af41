import { lazily } from './lazily';
/**
 * Characters of a name from the network (a device, a metric, a topic, a control) that one place
 * shows: enough to tell two long names apart, few enough that a 60,000-character Zigbee2MQTT
 * friendly name costs a card, a legend or a tooltip no more layout than a short one. CSS clips
 * it further to its box; the device detail shows the whole name on demand.
 */
export const NAME_SHOWN_MAX = 200;

/**
 * Characters of a name in a native select's option: the list it opens is as wide as its longest
 * option (up to the screen) and cannot clip with CSS, so a name is cut sooner there.
 */
export const OPTION_SHOWN_MAX = 80;

/** A unit is a word or two ("kWh", "µg/m³"); a longer one from a discovery message is cut. */
export const UNIT_SHOWN_MAX = 16;

const ELLIPSIS = '…';

const graphemes = lazily(() => new Intl.Segmenter(undefined, { granularity: 'grapheme' }));

/**
 * `text` as one place may show it: whole when it has at most `max` UTF-16 code units, else its
 * first whole characters within `max` (never half an emoji, a flag or a letter without its accent),
 * trailing spaces dropped, then "…". It reads only as far as it keeps, so a long name costs
 * O(max), not O(length). A single character longer than `max` (a letter under thousands of
 * combining marks) is cut between code points instead, so something always shows.
 */
export function clipText(text: string, max: number = NAME_SHOWN_MAX): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { segment } of graphemes().segment(text)) {
    if (end + segment.length > max) break;
    end += segment.length;
  }
  if (end === 0) end = codePointBoundary(text, max);
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/** Whether `clipText(text, max)` leaves anything out: the place to offer the whole text. */
export function isClipped(text: string, max: number = NAME_SHOWN_MAX): boolean {
  return text.length > max;
}

/** The last index at or before `at` that does not split a surrogate pair. */
function codePointBoundary(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** C0 and C1 control characters (\p{Cc}): a line break, an escape, a NUL in text from the network. */
const CONTROL_CHARACTERS = /\p{Cc}/gu;

/** `text` with each control character replaced by `by`, so it stays on one line and prints as itself. */
export function replaceControlCharacters(text: string, by: string): string {
  return text.replace(CONTROL_CHARACTERS, by);
}
