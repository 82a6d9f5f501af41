import { useMemo, useState } from 'react';
import { Panel } from '../../components/Panel';
import { type AlertRow, formatCount, groupAlerts } from '../../core/alertGroups';
import { pastEvents } from '../../core/pastEvents';
import { selectActiveAlerts, selectAlertLog } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { ActiveAlertRow } from './ActiveAlertRow';
import { AlertGroupRow } from './AlertGroupRow';
import { PastEventRow } from './PastEventRow';
import { ResolvedAlertRow } from './ResolvedAlertRow';

/**
 * Active alerts first and loud; resolved ones in a log below. A handful of one kind is a row
 * each; more fold into one row per kind (per rule for thresholds), opened a page at a time, so
 * the panel stays a few dozen elements whether 6 or 10,000 devices go quiet.
 */
export function AlertsPanel() {
  const active = useHearthStore(selectActiveAlerts);
  const log = useHearthStore(selectAlertLog);
  const clearAlertLog = useHearthStore((s) => s.clearAlertLog);
  const setPastEvents = useHearthStore((s) => s.setPastEvents);
  const book = useHearthStore((s) => s.alerts);
  const serverEvents = useHearthStore((s) => s.pastEvents);
  const [showLog, setShowLog] = useState(false);
  const activeRows = useMemo(() => groupAlerts(active), [active]);
  const logRows = useMemo(() => (showLog ? groupAlerts(log) : []), [log, showLog]);
  // The Hearth server's events from before the page opened, minus those the page logged itself.
  const past = useMemo(() => pastEvents(serverEvents, book, performance.timeOrigin), [serverEvents, book]);
  const logCount = log.length + past.length;
  const clearLog = () => {
    clearAlertLog();
    setPastEvents([]);
  };
  return (
    <Panel
      title={active.length > 0 ? `Alerts (${formatCount(active.length)})` : 'Alerts'}
      id="alerts-title"
      actions={
        <div className="flex items-center gap-1">
          <ChimeToggle />
          {logCount > 0 && (
            <button
              type="button"
              onClick={() => setShowLog((v) => !v)}
              aria-expanded={showLog}
              className="h-11 rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
            >
              {showLog ? 'Hide log' : `Log (${formatCount(logCount)})`}
            </button>
          )}
        </div>
      }
    >
      {active.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">All devices are reporting.</p>
      ) : (
        <ul className="flex min-w-0 flex-col gap-2">
          {activeRows.map((row) => (
            <Row key={rowKey(row)} row={row} resolved={false} />
          ))}
        </ul>
      )}
      {showLog && logCount > 0 && (
        <div className="mt-3 border-t border-slate-200 pt-3 dark:border-slate-800">
          {log.length > 0 && (
            <ul
              className="flex max-h-96 min-w-0 flex-col gap-1 overflow-y-auto text-sm"
              aria-label="Resolved alerts"
            >
              {logRows.map((row) => (
                <Row key={rowKey(row)} row={row} resolved />
              ))}
            </ul>
          )}
          {past.length > 0 && (
            <>
              <h3
                id="past-events-title"
                className="mt-3 text-xs font-semibold text-slate-600 dark:text-slate-300"
              >
                Before this page opened
              </h3>
              <ul
                className="mt-1 flex max-h-96 min-w-0 flex-col gap-1 overflow-y-auto text-sm"
                aria-labelledby="past-events-title"
              >
                {past.map((event) => (
                  <PastEventRow key={event.id} event={event} />
                ))}
              </ul>
            </>
          )}
          <button type="button" onClick={clearLog} className="mt-2 h-11 text-sm font-medium underline">
            Clear log
          </button>
        </div>
      )}
    </Panel>
  );
}

/** An alert's own row keeps its id as key; a group keeps its kind, so it stays open as it grows. */
function rowKey(row: AlertRow): string {
  return row.type === 'alert' ? `alert:${row.alert.id}` : `group:${row.group.key}`;
}

function Row({ row, resolved }: { row: AlertRow; resolved: boolean }) {
  if (row.type === 'group') return <AlertGroupRow group={row.group} resolved={resolved} />;
  return resolved ? <ResolvedAlertRow alert={row.alert} /> : <ActiveAlertRow alert={row.alert} />;
}

/** Mutes or unmutes the alert chime, remembered on this device. */
function ChimeToggle() {
  const settings = useHearthStore((s) => s.settings);
  const updateSettings = useHearthStore((s) => s.updateSettings);
  const toggle = () => updateSettings({ chime: !settings.chime });
  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={!settings.chime}
      data-chime={settings.chime ? 'on' : 'muted'}
      className="h-11 rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      {settings.chime ? 'Chime on' : 'Muted'}
    </button>
  );
}
