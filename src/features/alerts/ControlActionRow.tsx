import { formatClock } from '../../components/format';
import { clipText } from '../../core/clip';
import { lazily } from '../../core/lazily';
import type { ControlAction } from '../../store/accountSlice';

const dayFormat = lazily(() => new Intl.DateTimeFormat(undefined, { weekday: 'short' }));

/** The time of an action; with its day when it was not today. */
function actionTime(at: number): string {
  const sameDay = new Date(at).toDateString() === new Date().toDateString();
  return sameDay ? formatClock(at) : `${dayFormat().format(at)} ${formatClock(at)}`;
}

/**
 * One command a person's screen sent, in the alert log: "Ann · Kitchen tablet switched Kitchen
 * plug → ON 14:02". Everything in it came from the network: text only, the topic and payload
 * whole in its title.
 */
export function ControlActionRow({ action, words }: { action: ControlAction; words: string }) {
  return (
    <li
      data-control-action
      data-topic={action.topic}
      data-account={action.account ?? undefined}
      title={clipText(`${action.topic}: ${action.payload}`)}
      className="flex min-w-0 gap-2"
    >
      <span className="min-w-0 [overflow-wrap:anywhere]">{words}</span>
      <span className="ml-auto shrink-0 text-slate-600 dark:text-slate-300">{actionTime(action.at)}</span>
    </li>
  );
}
