import { useState } from 'react';
import { Panel } from '../../components/Panel';
import type { ChartGroup } from '../../core/chartGroups';
import { clipText } from '../../core/clip';
import { CHART_WINDOWS, type ChartWindow } from './chartWindows';
import { downloadCsv } from './exportCsv';
import { TrendChart } from './TrendChart';
import { useChartGroups } from './useChartGroups';

/**
 * Charts kept on the page: every quantity a house has fits; a fleet with many readings of no
 * known quantity (each its own chart) is told how many more there are.
 */
const MAX_CHARTS = 40;

/** One chart per quantity the devices read, whatever convention sent it, in a chosen window. */
export function ChartsPanel() {
  const [windowKey, setWindowKey] = useState<ChartWindow['key']>('5m');
  const window = CHART_WINDOWS.find((w) => w.key === windowKey) ?? CHART_WINDOWS[0];
  const groups = useChartGroups();
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
            {CHART_WINDOWS.map((w) => (
              <label
                key={w.key}
                className={`flex h-10 min-w-11 cursor-pointer items-center justify-center rounded-md px-2 text-sm font-medium has-focus-visible:outline-2 ${
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
            onClick={() => downloadCsv(window)}
            className="h-11 rounded-lg border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Export CSV
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
          <TrendChart key={group.key} group={group} window={window} stagger={i} count={shown.length} />
        ))}
        {house.length > shown.length && (
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {house.length - shown.length} more readings are not charted. Use “Find a device” to choose.
          </p>
        )}
        {diagnostics.length > 0 && <DiagnosticCharts groups={diagnostics} window={window} />}
      </div>
    </Panel>
  );
}

/**
 * Link quality, signal, uptime, battery: about the devices, not the house. Folded away, and
 * drawn (and sampled) only while open.
 */
function DiagnosticCharts({ groups, window }: { groups: readonly ChartGroup[]; window: ChartWindow }) {
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
            <TrendChart key={group.key} group={group} window={window} stagger={i} count={shown.length} />
          ))}
        </div>
      )}
    </details>
  );
}
