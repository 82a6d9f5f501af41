import { Fragment, useState } from 'react';
import { formatClock } from '../../components/format';
import {
  ALERT_GROUP_PREVIEW,
  type AlertGroup,
  describeAlertGroup,
  describeLogGroup,
  formatCount,
} from '../../core/alertGroups';
import { useHearthStore } from '../../store/store';
import { DeviceName } from './AlertDeviceName';
import { AlertPager } from './AlertPager';
import { ALERT_ICONS, alertTone } from './alertTone';
import { useRuleWords } from './useRuleWords';

/**
 * Many alerts of one kind as one row: how many, the first few devices (newest unacknowledged
 * first), since when; opened, a page of them at a time. An active group can be acknowledged at
 * once. `data-alert-group` (active) or `data-alert-log-group` (resolved) names the kind and
 * `data-alert-count` the alerts in it.
 */
export function AlertGroupRow({ group, resolved }: { group: AlertGroup; resolved: boolean }) {
  const [open, setOpen] = useState(false);
  const acknowledgeAll = useHearthStore((s) => s.acknowledgeAll);
  const ruleWords = useRuleWords(group.ruleId);
  const title = resolved ? describeLogGroup(group, ruleWords) : describeAlertGroup(group, ruleWords);
  const preview = group.alerts.slice(0, ALERT_GROUP_PREVIEW);
  const more = group.alerts.length - preview.length;
  const acknowledged = group.alerts.length - group.unacknowledged;
  return (
    <li
      data-alert-group={resolved ? undefined : group.kind}
      data-alert-log-group={resolved ? group.kind : undefined}
      data-alert-count={group.alerts.length}
      data-alert-unacknowledged={resolved ? undefined : group.unacknowledged}
      className={`flex min-w-0 flex-col gap-1 rounded-lg ${
        resolved ? 'border border-slate-200 dark:border-slate-700' : alertTone(group.kind)
      } ${!resolved && group.unacknowledged === 0 ? 'opacity-80' : ''}`}
    >
      <div
        className={`flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 ${resolved ? 'px-2 py-1' : 'px-3 py-2'}`}
      >
        {/* The whole summary opens the group: a big target on a wall tablet, named for what it opens. */}
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-label={`${open ? 'Hide' : 'Show'} the ${title}`}
          className="flex min-h-11 min-w-0 flex-1 basis-48 items-center gap-3 text-left text-sm"
        >
          {!resolved && (
            <span aria-hidden="true" className="text-lg">
              {ALERT_ICONS[group.kind]}
            </span>
          )}
          <span className="min-w-0 flex-1">
            <span className="block truncate">
              <strong className="font-semibold">{title}</strong>
              {resolved ? ` · from ${formatClock(group.since)}` : ` · since ${formatClock(group.since)}`}
            </span>
            <span className="block truncate">
              {preview.map((alert, i) => (
                <Fragment key={alert.id}>
                  {i > 0 && ', '}
                  <DeviceName id={alert.device} />
                </Fragment>
              ))}
              {more > 0 && ` and ${formatCount(more)} more`}
              {!resolved &&
                acknowledged > 0 &&
                (group.unacknowledged === 0
                  ? ' · all acknowledged'
                  : ` · ${formatCount(group.unacknowledged)} not acknowledged`)}
            </span>
          </span>
          <span
            aria-hidden="true"
            className="flex h-11 shrink-0 items-center rounded-lg border border-current px-3 font-medium"
          >
            {open ? 'Hide' : 'Show'}
          </span>
        </button>
        {!resolved && group.unacknowledged > 0 && (
          <button
            type="button"
            onClick={() => acknowledgeAll(group.alerts.map((alert) => alert.id))}
            className="ml-auto h-11 shrink-0 rounded-lg border border-current px-3 text-sm font-medium"
          >
            Acknowledge all
          </button>
        )}
      </div>
      {open && (
        <div className="px-1 pb-1">
          <AlertPager alerts={group.alerts} resolved={resolved} />
        </div>
      )}
    </li>
  );
}
