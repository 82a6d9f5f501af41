import { useShallow } from 'zustand/react/shallow';
import { clipText, OPTION_SHOWN_MAX } from '../core/clip';
import { DEFAULT_VIEW_ID } from '../core/layout';
import { useHearthStore } from '../store/store';

/**
 * The view this screen shows, switchable from the header once the house has a view: compact
 * (its width is the chosen name's), so the header stays one line on a phone.
 */
export function ViewPicker() {
  const views = useHearthStore(
    useShallow((s) =>
      Object.entries(s.layout.views)
        .sort(([aId, a], [bId, b]) => a.position - b.position || (aId < bId ? -1 : aId > bId ? 1 : 0))
        .map(([id, v]) => `${id}\u0000${v.name}`),
    ),
  );
  const viewId = useHearthStore((s) => s.viewId);
  const openView = useHearthStore((s) => s.openView);
  // A read-only view is a public screen's: no way out of it but opening the page again.
  const locked = useHearthStore((s) => s.viewOverrides.readonly === true);
  if (views.length === 0 || locked) return null;
  const known = views.some((v) => v.startsWith(`${viewId}\u0000`));
  return (
    <select
      aria-label="View"
      value={known ? viewId : DEFAULT_VIEW_ID}
      onChange={(e) => openView(e.target.value)}
      className="h-11 min-w-0 max-w-[9rem] shrink truncate rounded-lg border border-slate-300 bg-white px-2 text-sm font-medium sm:max-w-[14rem] dark:border-slate-700 dark:bg-slate-900"
    >
      <option value={DEFAULT_VIEW_ID}>Everything</option>
      {views.map((entry) => {
        const [id = '', name = ''] = entry.split('\u0000');
        return (
          <option key={id} value={id}>
            {clipText(name, OPTION_SHOWN_MAX)}
          </option>
        );
      })}
    </select>
  );
}
