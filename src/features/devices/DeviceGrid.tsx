import { useDeferredValue, useMemo, useState } from 'react';
import { Panel } from '../../components/Panel';
import { filterDeviceIds } from '../../core/chartSeries';
import { selectCardOrder } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { DeviceCard } from './DeviceCard';

/** Cards are mounted a page at a time so a building with a thousand sensors stays fast. */
const PAGE_SIZE = 60;

/** All devices as cards, with a name filter. */
export function DeviceGrid() {
  const ids = useHearthStore(selectCardOrder);
  const query = useHearthStore((s) => s.deviceFilter);
  const setQuery = useHearthStore((s) => s.setDeviceFilter);
  const [shown, setShown] = useState(PAGE_SIZE);
  const deferredQuery = useDeferredValue(query);
  const matching = useMemo(() => filterDeviceIds(ids, deferredQuery), [ids, deferredQuery]);
  const visible = matching.slice(0, shown);
  return (
    <Panel
      title={`Devices (${ids.length})`}
      id="devices-title"
      actions={
        (ids.length > 6 || query !== '') && (
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Find a device"
            aria-label="Find a device by name"
            className="h-11 w-48 max-w-full rounded-lg border border-slate-300 bg-white px-3 text-sm dark:border-slate-700 dark:bg-slate-800"
          />
        )
      }
    >
      {ids.length === 0 ? (
        <EmptyFleet />
      ) : (
        <>
          <div className="grid grid-cols-[repeat(auto-fill,minmax(min(100%,15rem),1fr))] gap-3">
            {visible.map((id) => (
              <DeviceCard key={id} id={id} />
            ))}
          </div>
          {matching.length === 0 && <p className="text-sm">No device matches “{query}”.</p>}
          {matching.length > visible.length && (
            <button
              type="button"
              onClick={() => setShown((n) => n + PAGE_SIZE)}
              className="mt-3 h-11 w-full rounded-lg border border-slate-300 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Show more ({matching.length - visible.length} not shown)
            </button>
          )}
        </>
      )}
    </Panel>
  );
}

function EmptyFleet() {
  const topics = useHearthStore((s) => s.settings.topics);
  const connected = useHearthStore((s) => s.connection.kind === 'connected');
  return (
    <p className="text-sm text-slate-600 dark:text-slate-300">
      {connected
        ? `Connected. Waiting for messages on ${topics.join(', ')}…`
        : 'No devices yet. They appear as soon as the broker delivers their messages.'}
    </p>
  );
}
