import { useState } from 'react';
import { formatClock } from '../../components/format';
import { Panel } from '../../components/Panel';
import type { Alert } from '../../core/alerts';
import { deviceLabel, splitDeviceKey } from '../../core/device';
import { describeRule } from '../../core/thresholds';
import { selectActiveAlerts, selectAlertLog } from '../../store/selectors';
import { useHearthStore } from '../../store/store';

const WORDS: Record<Alert['kind'], string> = {
  offline: 'went offline',
  stale: 'has gone silent',
  threshold: 'crossed a limit',
  battery: 'has a low battery',
};

const ICONS: Record<Alert['kind'], string> = { offline: '⚠', stale: '⏱', threshold: '⚠', battery: '🔋' };

/** Active alerts first and loud; resolved ones in a log below. */
export function AlertsPanel() {
  const active = useHearthStore(selectActiveAlerts);
  const log = useHearthStore(selectAlertLog);
  const acknowledge = useHearthStore((s) => s.acknowledge);
  const clearLog = useHearthStore((s) => s.clearAlertLog);
  const [showLog, setShowLog] = useState(false);
  return (
    <Panel
      title={active.length > 0 ? `Alerts (${active.length})` : 'Alerts'}
      id="alerts-title"
      actions={
        <div className="flex items-center gap-1">
          <ChimeToggle />
          {log.length > 0 && (
            <button
              type="button"
              onClick={() => setShowLog((v) => !v)}
              aria-expanded={showLog}
              className="h-11 rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
            >
              {showLog ? 'Hide log' : `Log (${log.length})`}
            </button>
          )}
        </div>
      }
    >
      {active.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">All devices are reporting.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {active.map((alert) => (
            <li
              key={alert.id}
              data-alert
              data-alert-kind={alert.kind}
              data-alert-device={splitDeviceKey(alert.device).nativeId}
              data-alert-convention={splitDeviceKey(alert.device).convention}
              data-acknowledged={alert.acknowledged || undefined}
              className={`flex min-w-0 items-center gap-3 rounded-lg px-3 py-2 ${
                alert.kind === 'offline'
                  ? 'bg-red-600 text-white'
                  : 'bg-amber-100 text-amber-950 dark:bg-amber-900/70 dark:text-amber-50'
              } ${alert.acknowledged ? 'opacity-80' : ''}`}
            >
              <span aria-hidden="true" className="text-lg">
                {ICONS[alert.kind]}
              </span>
              <p className="min-w-0 flex-1 text-sm">
                <strong
                  className="block truncate font-semibold"
                  title={splitDeviceKey(alert.device).nativeId}
                >
                  <DeviceName id={alert.device} />
                </strong>
                {alert.words !== undefined ? (
                  <>
                    <AlertWords alert={alert} /> since {formatClock(alert.raisedAt)}
                  </>
                ) : (
                  `${WORDS[alert.kind]} at ${formatClock(alert.raisedAt)}`
                )}
                {alert.flaps !== undefined && alert.flaps > 0 && (
                  <span data-flaps={alert.flaps}> · flapping, back and gone again {alert.flaps}×</span>
                )}
              </p>
              {!alert.acknowledged && (
                <button
                  type="button"
                  onClick={() => acknowledge(alert.id)}
                  className="h-11 shrink-0 rounded-lg border border-current px-3 text-sm font-medium"
                >
                  Acknowledge
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {showLog && log.length > 0 && (
        <div className="mt-3 border-t border-slate-200 pt-3 dark:border-slate-800">
          <ul className="flex max-h-64 flex-col gap-1 overflow-y-auto text-sm" aria-label="Resolved alerts">
            {log.map((alert) => (
              <li
                key={alert.id}
                data-alert-log={alert.kind}
                data-alert-device={splitDeviceKey(alert.device).nativeId}
                className="flex min-w-0 gap-2"
              >
                <span className="min-w-0 truncate font-medium" title={splitDeviceKey(alert.device).nativeId}>
                  <DeviceName id={alert.device} />
                </span>
                <span className="shrink-0 text-slate-600 dark:text-slate-300">
                  {alert.kind} {formatClock(alert.raisedAt)}–
                  {alert.resolvedAt === null ? '' : formatClock(alert.resolvedAt)}
                </span>
              </li>
            ))}
          </ul>
          <button type="button" onClick={clearLog} className="mt-2 h-11 text-sm font-medium underline">
            Clear log
          </button>
        </div>
      )}
    </Panel>
  );
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

/** A device's display name (its announced name, else its native id) by its key. */
function DeviceName({ id }: { id: string }) {
  const name = useHearthStore((s) => {
    const device = s.fleet.devices.get(id);
    return device === undefined ? splitDeviceKey(id).nativeId : deviceLabel(device);
  });
  return <>{name}</>;
}

/**
 * What the alert is about: a threshold rule in words in the unit displayed now (the rule as the
 * settings hold it, else the words saved when it fired), a battery's level.
 */
function AlertWords({ alert }: { alert: Alert }) {
  const rule = useHearthStore((s) =>
    alert.ruleId === undefined ? undefined : s.settings.rules.find((r) => r.id === alert.ruleId),
  );
  const units = useHearthStore((s) => s.settings.units);
  return <>{rule === undefined ? alert.words : describeRule(rule, units)}</>;
}
