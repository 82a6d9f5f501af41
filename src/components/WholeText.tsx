import { useState } from 'react';
import { isClipped } from '../core/clip';
import { lazily } from '../core/lazily';

const count = lazily(() => new Intl.NumberFormat());

/**
 * The whole of a name that is shown clipped elsewhere (see `clipText`), on demand: a button, then
 * the text wrapped anywhere in a box that scrolls, so a 60,000-character name is laid out only
 * when asked for and never widens the page. A title is not enough: a touch screen has no hover.
 * Nothing when the name is short enough to be shown whole. Clicks stay inside: the device
 * detail closes on a tap elsewhere.
 */
export function WholeText({ text, what }: { text: string; what: string }) {
  const [open, setOpen] = useState(false);
  if (!isClipped(text)) return null;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: only stops the click from reaching the close target; the button inside is the control
    <div onClick={(e) => e.stopPropagation()} className="min-w-0 text-sm">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="min-h-11 text-left font-medium text-orange-800 underline dark:text-orange-300"
      >
        {open
          ? `Hide the whole ${what}`
          : `Show the whole ${what} (${count().format(text.length)} characters)`}
      </button>
      {open && (
        <p
          data-whole-name
          // A box that scrolls must be reachable by keyboard too.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs focus to scroll by keyboard
          tabIndex={0}
          className="max-h-64 overflow-y-auto rounded-lg bg-slate-100 p-2 font-mono text-xs [overflow-wrap:anywhere] dark:bg-slate-800"
        >
          {text}
        </p>
      )}
    </div>
  );
}
