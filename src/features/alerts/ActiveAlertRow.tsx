import { formatClock } from '../../components/format';
import type { Alert } from '../../core/alerts';
import { splitDeviceKey } from '../../core/device';
import { useHearthStore } from '../../store/store';
import { AlertDeviceName } from './AlertDeviceName';
import { ALERT_ICONS, alertTone } from './alertTone';
import { useRuleWords } from './useRuleWords';

const WORDS: Record<Alert['kind'], string> = {
  offline: 'went offline',
  stale: 'has gone silent',
  threshold: 'crossed a limit',
  battery: 'has a low battery',
};

/** One active alert: the device, what happened and since when, and a way to say it was seen. */
export function ActiveAlertRow({ alert }: { alert: Alert }) {
  const acknowledge = useHearthStore((s) => s.acknowledge);
  const { nativeId, convention } = splitDeviceKey(alert.device);
  return (
    <li
      data-alert
      data-alert-kind={alert.kind}
      data-alert-device={nativeId}
      data-alert-convention={convention}
      data-acknowledged={alert.acknowledged || undefined}
      className={`flex min-w-0 items-center gap-3 rounded-lg px-3 py-2 ${alertTone(alert.kind)} ${
        alert.acknowledged ? 'opacity-80' : ''
      }`}
    >
      <span aria-hidden="true" className="text-lg">
        {ALERT_ICONS[alert.kind]}
      </span>
      <div className="min-w-0 flex-1 text-sm">
        <strong className="block min-w-0 font-semibold">
          <AlertDeviceName id={alert.device} />
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
      </div>
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
  );
}

/**
 * What the alert is about: a threshold rule in words in the unit displayed now (the rule as the
 * settings hold it, else the words saved when it fired), a battery's level.
 */
function AlertWords({ alert }: { alert: Alert }) {
  return <>{useRuleWords(alert.ruleId) ?? alert.words}</>;
}
