import { useMemo, useState } from 'react';
import { Panel } from '../../components/Panel';
import { type AlertRow, formatCount, groupAlerts } from '../../core/alertGroups';
import { pastEvents } from '../../core/pastEvents';
import type { ControlAction } from '../../store/accountSlice';
import { selectActiveAlerts, selectAlertLog } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { ActiveAlertRow } from './ActiveAlertRow';
import { AlertGroupRow } from './AlertGroupRow';
import { ControlActionRow } from './ControlActionRow';
import { alertRowTime, logButtonLabel, mergeByTime, splitAtOpening } from './controlLogRows';
import { PastEventRow } from './PastEventRow';
import { ResolvedAlertRow } from './ResolvedAlertRow';
import { useControlActionWords, useControlLog } from './useControlLog';

const NO_ACTIONS: readonly ControlAction[] = [];

/**
 * Active alerts first and loud; resolved ones in a log below. A handful of one kind is a row
 * each; more fold into one row per kind (per rule for thresholds), opened a page at a time, so
 * the panel stays a few dozen elements whether 6 or 10,000 devices go quiet. Served by a Hearth
 * server, the log also shows who switched or set what (its control log), merged in by time.
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
  const controlLog = useControlLog(showLog);
  // "Clear log" hides the commands up to then; the server keeps them.
  const [clearedAt, setClearedAt] = useState(0);
  const actions = useMemo(
    () => (showLog ? controlLog.actions.filter((action) => action.at > clearedAt) : NO_ACTIONS),
    [showLog, controlLog.actions, clearedAt],
  );
  const words = useControlActionWords(actions);
  const { since, before } = useMemo(() => splitAtOpening(actions, performance.timeOrigin), [actions]);
  const logLines = useMemo(() => mergeByTime(logRows, alertRowTime, since), [logRows, since]);
  const pastLines = useMemo(() => mergeByTime(past, (event) => event.at, before), [past, before]);
  const logCount = log.length + past.length + actions.length;
  const clearLog = () => {
    clearAlertLog();
    setPastEvents([]);
    setClearedAt(Date.now());
  };
  return (
    <Panel
      title={active.length > 0 ? `Alerts (${formatCount(active.length)})` : 'Alerts'}
      id="alerts-title"
      actions={
        <div className="flex items-center gap-1">
          <ChimeToggle />
          {(logCount > 0 || controlLog.available) && (
            <button
              type="button"
              onClick={() => setShowLog((v) => !v)}
              aria-expanded={showLog}
              className="h-11 rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
            >
              {showLog ? 'Hide log' : logButtonLabel(logCount)}
            </button>
          )}
        </div>
      }
    >
      {active.length === 0 ? (
        // As tall as one alert row, so the first alert takes its place instead of pushing the
        // panels below it down (a layout shift on every device that drops out).
        <p className="flex min-h-15 items-center px-3 py-2 text-sm text-slate-600 dark:text-slate-300">
          All devices are reporting.
        </p>
      ) : (
        <ul className="flex min-w-0 flex-col gap-2">
          {activeRows.map((row) => (
            <Row key={rowKey(row)} row={row} resolved={false} />
          ))}
        </ul>
      )}
      {showLog && (
        <div className="mt-3 border-t border-slate-200 pt-3 dark:border-slate-800">
          {logCount === 0 && (
            <p className="text-sm text-slate-600 dark:text-slate-300">
              Nothing in the log yet: resolved alerts and the commands sent to devices show here.
            </p>
          )}
          {controlLog.problem !== null && (
            <p className="text-sm text-amber-800 dark:text-amber-300">{controlLog.problem}</p>
          )}
          {logLines.length > 0 && (
            <ul
              className="flex max-h-96 min-w-0 flex-col gap-1 overflow-y-auto text-sm"
              aria-label="Resolved alerts and commands"
            >
              {logLines.map((line) =>
                line.type === 'entry' ? (
                  <Row key={rowKey(line.entry)} row={line.entry} resolved />
                ) : (
                  <ControlActionRow
                    key={actionKey(line.action)}
                    action={line.action}
                    words={words.get(line.action) ?? ''}
                  />
                ),
              )}
            </ul>
          )}
          {pastLines.length > 0 && (
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
                {pastLines.map((line) =>
                  line.type === 'entry' ? (
                    <PastEventRow key={line.entry.id} event={line.entry} />
                  ) : (
                    <ControlActionRow
                      key={actionKey(line.action)}
                      action={line.action}
                      words={words.get(line.action) ?? ''}
                    />
                  ),
                )}
              </ul>
            </>
          )}
          {logCount > 0 && (
            <button type="button" onClick={clearLog} className="mt-2 h-11 text-sm font-medium underline">
              Clear log
            </button>
          )}
        </div>
      )}
    </Panel>
  );
}

/** A control action's key: the server gives none, and two within a millisecond differ in topic or payload. */
function actionKey(action: ControlAction): string {
  return `control:${action.at}:${action.account ?? ''}:${action.screen}:${action.topic}:${action.payload}`;
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
