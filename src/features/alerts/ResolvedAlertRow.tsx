import { formatClock } from '../../components/format';
import type { Alert } from '../../core/alerts';
import { clipText } from '../../core/clip';
import { splitDeviceKey } from '../../core/device';
import { DeviceName } from './AlertDeviceName';

/** One resolved alert in the log: the device, the kind, and when it started and ended. */
export function ResolvedAlertRow({ alert }: { alert: Alert }) {
  const { nativeId } = splitDeviceKey(alert.device);
  return (
    <li data-alert-log={alert.kind} data-alert-device={nativeId} className="flex min-w-0 gap-2">
      <span className="min-w-0 truncate font-medium" title={clipText(nativeId)}>
        <DeviceName id={alert.device} />
      </span>
      <span className="shrink-0 text-slate-600 dark:text-slate-300">
        {alert.kind} {formatClock(alert.raisedAt)}–
        {alert.resolvedAt === null ? '' : formatClock(alert.resolvedAt)}
      </span>
    </li>
  );
}
