import type { AlertBook } from './alerts';
import { splitDeviceKey } from './device';
import type { ApiEvent } from './historyApi';

/** What the alert log shows of the server's events: a device's comings and goings and its switches. */
export type PastEventKind = 'offline' | 'online' | 'switch' | 'control';

/** One event recorded before the page opened, as the alert log lists it. */
export interface PastEvent {
  /** Unique in the list (React key). */
  id: string;
  kind: PastEventKind;
  /** The device key. */
  device: string;
  nativeId: string;
  convention: string;
  /** The device's name when it happened, null if none was known. */
  name: string | null;
  at: number;
  /** Switch: 1 on, 0 off; a control: the value sent; else null. */
  value: number | null;
  /** For a control: whether the device confirmed it. */
  confirmed: boolean;
}

/** An event the page logged itself within this of the server's is the same event seen twice. */
export const SAME_EVENT_WITHIN_MS = 5000;

const KINDS: Partial<Record<ApiEvent['kind'], PastEventKind>> = {
  offline: 'offline',
  online: 'online',
  switch: 'switch',
  'control-sent': 'control',
  'control-confirmed': 'control',
};

/**
 * The server's events worth a row in the alert log, newest first: those about a device, of a
 * kind the log shows, from before `openedAt` (the page's own log covers the time since), minus
 * those the page logged itself (restored from an earlier visit): an offline within
 * `SAME_EVENT_WITHIN_MS` of one of its offline alerts raised, an online within that of one of its
 * offline or stale alerts resolved, on the same device.
 */
export function pastEvents(events: readonly ApiEvent[], book: AlertBook, openedAt: number): PastEvent[] {
  const raised = new Map<string, number[]>();
  const resolved = new Map<string, number[]>();
  const note = (map: Map<string, number[]>, device: string, at: number) => {
    const list = map.get(device);
    if (list === undefined) map.set(device, [at]);
    else list.push(at);
  };
  for (const alert of [...book.active, ...book.log]) {
    if (alert.kind === 'offline') note(raised, alert.device, alert.raisedAt);
    if ((alert.kind === 'offline' || alert.kind === 'stale') && alert.resolvedAt !== null)
      note(resolved, alert.device, alert.resolvedAt);
  }
  const seen = (map: Map<string, number[]>, device: string, at: number) =>
    map.get(device)?.some((t) => Math.abs(t - at) <= SAME_EVENT_WITHIN_MS) === true;

  const rows: PastEvent[] = [];
  for (const [index, event] of events.entries()) {
    const kind = KINDS[event.kind];
    if (kind === undefined || event.device === null || event.at >= openedAt) continue;
    if (kind === 'offline' && seen(raised, event.device, event.at)) continue;
    if (kind === 'online' && seen(resolved, event.device, event.at)) continue;
    const { nativeId, convention } = splitDeviceKey(event.device);
    rows.push({
      id: `${index}:${event.at}:${event.kind}`,
      kind,
      device: event.device,
      nativeId,
      convention,
      name: event.name,
      at: event.at,
      value: event.value,
      confirmed: event.kind === 'control-confirmed',
    });
  }
  return rows.sort((a, b) => b.at - a.at);
}
