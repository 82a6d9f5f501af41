/**
 * How wide a reading's number is, in `ch` (the width of "0" in the value's own font), when it is a
 * plain number as `formatFixed` writes it: tabular digits (exactly 1ch each), a decimal point, a
 * minus sign. Anything else (a word, an exponent, `NaN`) is null: that value is ordinary text.
 *
 * A card's value may change many times a second. As ordinary text, each change makes the browser
 * lay out the card, its room's grid and the page around it again: on a tablet four times slower
 * than a desktop that was half of every frame's layout at 1,000 messages a second. A number in a
 * box of fixed size (`.value-box`, src/index.css) is laid out alone. The width errs wide, never
 * narrow: a point counts 0.6ch and a minus 0.7ch, more than either takes in common sans-serif
 * fonts (0.45–0.55ch and 0.5–0.6ch), and the sum is rounded up to a quarter. The box is
 * right-aligned in its row, so the spare width is empty space on the label's side; and it does not
 * clip, so even a font that breaks the estimate shows the whole number.
 */
export function numberWidthCh(text: string): number | null {
  if (text.length === 0 || text.length > NUMBER_CHARS_MAX) return null;
  let width = 0;
  for (const char of text) {
    if (char >= '0' && char <= '9') width += 1;
    else if (char === '.') width += POINT_CH;
    else if (char === '-') width += MINUS_CH;
    else return null;
  }
  return Math.ceil(width * 4) / 4;
}

const POINT_CH = 0.6;
const MINUS_CH = 0.7;
/** Longer is not a reading anyone reads at a glance: it is left to ordinary layout. */
const NUMBER_CHARS_MAX = 24;

/**
 * The width of a row's value box for `text` when the widest number the row has shown so far took
 * `widestCh`: the box grows with a longer number and keeps its width when a shorter one follows,
 * so a value flickering between "7" and "100" is laid out once, not at every change (a box that
 * changes width makes the browser lay out the card, its room's grid and the page again, which
 * was two thirds of a busy tablet's whole-page layouts), and its unit stays put instead of
 * jumping sideways. Null when the text is not a plain number (see `numberWidthCh`).
 */
export function grownWidthCh(text: string, widestCh: number): number | null {
  const width = numberWidthCh(text);
  return width === null ? null : Math.max(width, widestCh);
}

/** The inline style width of a value box (`grownWidthCh`), or none for ordinary text. */
export function boxWidthStyle(widthCh: number | null): string {
  return widthCh === null ? '' : `${widthCh}ch`;
}
