import { useEffect, useState } from 'react';
import { Panel } from '../../components/Panel';
import type { ChartGroup } from '../../core/chartGroups';
import { clipText } from '../../core/clip';
import { useHearthStore } from '../../store/store';
import { CHART_WINDOWS, type ChartWindow, chartWindows } from './chartWindows';
import { downloadCsv } from './exportCsv';
import { type HistorySource, historyServesBroker } from './historySource';
import { TrendChart } from './TrendChart';
import { useChartGroups } from './useChartGroups';
import { useHistoryPresence } from './useServerHistory';

/**
 * Charts kept on the page: every quantity a house has fits; a fleet with many readings of no
 * known quantity (each its own chart) is told how many more there are.
 */
const MAX_CHARTS = 40;

/**
 * The server's history, when it is about the broker this page listens to: as the store knows
 * once the server's device list answered (present, or absent for another broker or none), and
 * until then when the page uses the server's own `/mqtt` (see `historyServesBroker`). Asked
 * once whether it keeps history, told when the page missed time (a new outage: the charts fetch
 * the back-fill) and when it listens again (a server found absent is asked again).
 */
function useApplicableHistory(history: HistorySource | null): HistorySource | null {
  const brokerUrl = useHearthStore((s) => s.settings.brokerUrl);
  const server = useHearthStore((s) => s.server);
  const ours =
    server === 'present' || (server === 'unknown' && historyServesBroker(brokerUrl, globalThis.location));
  const applicable = history !== null && ours ? history : null;
  useEffect(() => {
    if (applicable === null) return;
    applicable.probe();
    return useHearthStore.subscribe((now, before) => {
      // The first listen needs nothing: the charts' first answers cover up to it, the live points after.
      if (before.listeningSince === null) return;
      if (now.deafSince === null && before.deafSince !== null) applicable.reconnected();
      else if (now.outages !== before.outages) applicable.invalidate();
    });
  }, [applicable]);
  // The server answered its device list: a probe that failed at start (a busy server, a network
  // error) is not the last word.
  useEffect(() => {
    if (applicable !== null && server === 'present') applicable.serverAnswered();
  }, [applicable, server]);
  return applicable;
}

/**
 * One chart per quantity the devices read, whatever convention sent it, in a chosen window.
 * `history`: the Hearth server's, when the page may have one (null: standalone); its windows
 * of 30 days and a year show once it answers.
 */
export function ChartsPanel({ history = null }: { history?: HistorySource | null }) {
  const [windowKey, setWindowKey] = useState<ChartWindow['key']>('5m');
  const served = useApplicableHistory(history);
  const serverHistory = useHistoryPresence(served) === 'present';
  const windows = chartWindows(serverHistory);
  const window = windows.find((w) => w.key === windowKey) ?? CHART_WINDOWS[0];
  const groups = useChartGroups();
  const [exporting, setExporting] = useState(false);
  const house = groups.filter((g) => !g.diagnostic);
  const shown = house.slice(0, MAX_CHARTS);
  const diagnostics = groups.filter((g) => g.diagnostic);
  return (
    <Panel
      title="Charts"
      id="charts-title"
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <fieldset className="flex rounded-lg border border-slate-300 p-0.5 dark:border-slate-700">
            <legend className="sr-only">Time window</legend>
            {windows.map((w) => (
              <label
                key={w.key}
                className={`flex h-10 min-w-11 cursor-pointer items-center justify-center whitespace-nowrap rounded-md px-1.5 text-sm font-medium has-focus-visible:outline-2 sm:px-2 ${
                  windowKey === w.key ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : ''
                }`}
              >
                <input
                  type="radio"
                  name="chart-window"
                  value={w.key}
                  checked={windowKey === w.key}
                  onChange={() => setWindowKey(w.key)}
                  className="sr-only"
                />
                {w.label}
              </label>
            ))}
          </fieldset>
          <button
            type="button"
            disabled={exporting}
            onClick={() => {
              setExporting(true);
              void downloadCsv(window, serverHistory ? served : null).finally(() => setExporting(false));
            }}
            className="h-11 rounded-lg border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
      }
    >
      <div className="flex flex-col gap-5">
        {groups.length === 0 && (
          <p className="flex h-24 items-center justify-center rounded-lg bg-slate-50 text-sm text-slate-600 dark:bg-slate-800/50 dark:text-slate-300">
            No readings yet
          </p>
        )}
        {shown.map((group, i) => (
          <TrendChart
            key={group.key}
            group={group}
            window={window}
            stagger={i}
            count={shown.length}
            history={served}
          />
        ))}
        {house.length > shown.length && (
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {house.length - shown.length} more readings are not charted. Use “Find a device” to choose.
          </p>
        )}
        {diagnostics.length > 0 && <DiagnosticCharts groups={diagnostics} window={window} history={served} />}
      </div>
    </Panel>
  );
}

/**
 * Link quality, signal, uptime, battery: about the devices, not the house. Folded away, and
 * drawn (and sampled) only while open.
 */
function DiagnosticCharts({
  groups,
  window,
  history,
}: {
  groups: readonly ChartGroup[];
  window: ChartWindow;
  history: HistorySource | null;
}) {
  const [open, setOpen] = useState(false);
  const shown = groups.slice(0, MAX_CHARTS);
  return (
    <details
      data-chart-group="diagnostics"
      onToggle={(e) => setOpen(e.currentTarget.open)}
      className="rounded-lg border border-slate-200 dark:border-slate-800"
    >
      <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-medium [overflow-wrap:anywhere]">
        Diagnostics: {clipText(groups.map((g) => g.title).join(' · '))}
      </summary>
      {open && (
        <div className="flex flex-col gap-5 px-3 pb-3">
          {shown.map((group, i) => (
            <TrendChart
              key={group.key}
              group={group}
              window={window}
              stagger={i}
              count={shown.length}
              history={history}
            />
          ))}
        </div>
      )}
    </details>
  );
}
