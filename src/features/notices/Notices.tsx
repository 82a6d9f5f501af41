import { useEffect } from 'react';
import { clipText } from '../../core/clip';
import { useHearthStore } from '../../store/store';

/**
 * Characters of a notice shown: the names it quotes are cut where it is written (see `clipText`);
 * this bounds a sentence that quotes a whole topic.
 */
const NOTICE_SHOWN_MAX = 600;

/** How long a notice stays before it goes by itself. */
const NOTICE_MS = 8000;

/** Short messages (a control that was not confirmed, a command that could not be sent). */
export function Notices() {
  const notices = useHearthStore((s) => s.notices);
  const dismiss = useHearthStore((s) => s.dismissNotice);
  useEffect(() => {
    if (notices.length === 0) return;
    const oldest = notices[0];
    if (oldest === undefined) return;
    const timer = setTimeout(() => dismiss(oldest.id), Math.max(0, oldest.at + NOTICE_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [notices, dismiss]);
  if (notices.length === 0) return null;
  return (
    <ul
      aria-live="assertive"
      className="fixed bottom-3 left-3 z-40 flex max-w-[min(28rem,calc(100vw-1.5rem))] flex-col gap-2"
    >
      {notices.map((n) => (
        <li
          key={n.id}
          data-notice={n.tone}
          className={`flex items-start gap-2 rounded-xl px-4 py-2 text-sm shadow-lg ${
            n.tone === 'error'
              ? 'bg-red-700 text-white'
              : 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900'
          }`}
        >
          <span className="min-w-0 flex-1 py-2 [overflow-wrap:anywhere]">
            {clipText(n.text, NOTICE_SHOWN_MAX)}
          </span>
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => dismiss(n.id)}
            className="h-11 w-11 shrink-0 text-lg"
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
