import { useDeferredValue, useMemo, useState } from 'react';
import { ALERT_PAGE_SIZE, formatCount, pageOfAlerts } from '../../core/alertGroups';
import type { Alert } from '../../core/alerts';
import { clipText } from '../../core/clip';
import { splitDeviceKey } from '../../core/device';
import { deviceDisplayName } from '../../core/roomSections';
import { useHearthStore } from '../../store/store';
import { ActiveAlertRow } from './ActiveAlertRow';
import { ResolvedAlertRow } from './ResolvedAlertRow';

/** Characters of a search shown back in "No device matches …". */
const QUERY_SHOWN_MAX = 40;

/**
 * The alerts of an opened group, a page at a time, with a search by device name so any one of
 * thousands is a few keystrokes away. Only one page is ever mounted.
 */
export function AlertPager({ alerts, resolved }: { alerts: readonly Alert[]; resolved: boolean }) {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const search = useDeferredValue(query);
  // Names are read only while searching: a fleet that changes every frame then re-filters, cheaply.
  const fleet = useHearthStore((s) => (search.trim() === '' ? null : s.fleet));
  const layout = useHearthStore((s) => s.layout);
  const shown = useMemo(
    () =>
      pageOfAlerts(alerts, {
        query: search,
        page,
        labelOf: (key) => {
          const device = fleet?.devices.get(key);
          // Found by the name the house gave it, as the alert shows it.
          if (device !== undefined) return deviceDisplayName(layout, device);
          return layout.devices[key]?.alias ?? splitDeviceKey(key).nativeId;
        },
      }),
    [alerts, search, page, fleet, layout],
  );
  const paged = alerts.length > ALERT_PAGE_SIZE;
  const searching = search.trim() !== '';
  const first = shown.offset + 1;
  const last = shown.offset + shown.alerts.length;
  const position =
    shown.matching === 0
      ? `No device matches “${clipText(search.trim(), QUERY_SHOWN_MAX)}”`
      : `${first === last ? first : `${first}–${last}`} of ${formatCount(shown.matching)}${
          searching ? ` matching, ${formatCount(alerts.length)} in all` : ''
        }`;
  const button =
    'h-11 shrink-0 rounded-lg border border-slate-300 px-3 text-sm font-medium enabled:hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:enabled:hover:bg-slate-800';
  return (
    <div className="flex min-w-0 flex-col gap-2 rounded-md bg-white p-2 text-slate-900 dark:bg-slate-900 dark:text-slate-100">
      {paged && (
        <input
          type="search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(0);
          }}
          placeholder="Find in these alerts"
          aria-label="Find a device in these alerts"
          className="h-11 w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 text-sm dark:border-slate-700 dark:bg-slate-800"
        />
      )}
      <ul className={`flex min-w-0 flex-col ${resolved ? 'gap-1 text-sm' : 'gap-2'}`}>
        {shown.alerts.map((alert) =>
          resolved ? (
            <ResolvedAlertRow key={alert.id} alert={alert} />
          ) : (
            <ActiveAlertRow key={alert.id} alert={alert} />
          ),
        )}
      </ul>
      {paged && (
        <div className="flex min-w-0 items-center gap-2">
          <button
            type="button"
            onClick={() => setPage(shown.page - 1)}
            disabled={shown.page === 0}
            className={button}
          >
            Previous
          </button>
          <p
            aria-live="polite"
            data-alert-page={shown.page + 1}
            className="min-w-0 flex-1 text-center text-sm"
          >
            {position}
          </p>
          <button
            type="button"
            onClick={() => setPage(shown.page + 1)}
            disabled={shown.page >= shown.pages - 1}
            className={button}
          >
            Next
          </button>
        </div>
      )}
    </div>
  );
}
