import { formatClock } from '../../components/format';
import { WholeText } from '../../components/WholeText';
import { clipText } from '../../core/clip';
import { lazily } from '../../core/lazily';
import type { PastEvent } from '../../core/pastEvents';
import { useDeviceName } from './AlertDeviceName';

const dayFormat = lazily(() => new Intl.DateTimeFormat(undefined, { weekday: 'short' }));

/** What happened, in words: "went offline", "switched on", "command confirmed: 21". */
function eventWords(event: PastEvent): string {
  switch (event.kind) {
    case 'offline':
      return 'went offline';
    case 'online':
      return 'came online';
    case 'switch':
      return event.value === 1 ? 'switched on' : event.value === 0 ? 'switched off' : 'switched';
    case 'control': {
      const what = event.confirmed ? 'command confirmed' : 'command sent';
      return event.value === null ? what : `${what}: ${event.value}`;
    }
  }
}

/** The time of an event; with its day when it was not today (the log reaches back a day). */
function eventTime(at: number): string {
  const sameDay = new Date(at).toDateString() === new Date().toDateString();
  return sameDay ? formatClock(at) : `${dayFormat().format(at)} ${formatClock(at)}`;
}

/**
 * One event the Hearth server recorded before this page opened: the device's name (as it was
 * then, else as it is now), what happened and when. Names come from the network: text only,
 * clipped on the line, whole on demand.
 */
export function PastEventRow({ event }: { event: PastEvent }) {
  const current = useDeviceName(event.device);
  const name = event.name !== null && event.name !== '' ? event.name : null;
  return (
    <li
      data-alert-source="server"
      data-alert-kind={event.kind}
      data-alert-device={event.nativeId}
      data-alert-convention={event.convention}
      className="min-w-0"
    >
      <div className="flex min-w-0 gap-2">
        <span className="min-w-0 truncate font-medium" title={clipText(event.nativeId)}>
          {name === null ? current : clipText(name)}
        </span>
        <span className="shrink-0 text-slate-600 dark:text-slate-300">
          {eventWords(event)} {eventTime(event.at)}
        </span>
      </div>
      {name !== null && <WholeText text={name} what="name" />}
    </li>
  );
}
