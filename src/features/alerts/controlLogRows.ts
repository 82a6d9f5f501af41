import { type AlertRow, formatCount } from '../../core/alertGroups';
import { clipText } from '../../core/clip';
import type { Control, Device } from '../../core/device';
import type { HouseLayout } from '../../core/layout';
import { deviceDisplayName } from '../../core/roomSections';
import type { ControlAction } from '../../store/accountSlice';

/** A payload is shown up to this many characters on its line (the row keeps it whole in its title). */
export const PAYLOAD_SHOWN_MAX = 40;

/** The device control a command topic belongs to, as the log names it. */
export interface ControlTarget {
  /** The device's name as the dashboard shows it, with the control's label when it has several. */
  name: string;
  control: Control;
}

/**
 * The known controls among `topics`: the device (and control) each command topic switches, by
 * the controls the devices announced. A topic two controls share (one Shelly RPC topic for every
 * relay of the device) goes to its first. O(devices × controls).
 */
export function controlTargets(
  devices: Iterable<Device>,
  layout: HouseLayout,
  topics: ReadonlySet<string>,
): Map<string, ControlTarget> {
  const targets = new Map<string, ControlTarget>();
  if (topics.size === 0) return targets;
  for (const device of devices) {
    const controls = device.controls ?? [];
    for (const control of controls) {
      const topic = control.command.topic;
      if (!topics.has(topic) || targets.has(topic)) continue;
      const name = deviceDisplayName(layout, device);
      const several = controls.length > 1 && control.command.format !== 'shelly-rpc';
      targets.set(topic, { name: several ? `${name} ${control.label}` : name, control });
    }
  }
  return targets;
}

/**
 * One control action in words: who (the account, and the kept screen's label), what it did and
 * to what, "Ann · Kitchen tablet switched Kitchen plug → ON". A known control reads its payload as
 * its convention writes it (the state of a Zigbee2MQTT JSON, the `on` of a Shelly frame);
 * otherwise the topic and the payload as sent. Text only: it is shown as text, never as markup.
 */
export function controlActionWords(action: ControlAction, target?: ControlTarget): string {
  const who = [action.account ?? 'Someone', action.screen.trim()].filter((part) => part !== '').join(' · ');
  const what = clipText(target?.name ?? action.topic);
  const value =
    target === undefined
      ? action.payload.trim()
      : (commandedValue(target.control, action.payload) ?? action.payload.trim());
  const retained = action.retained ? ' (kept by the broker)' : '';
  if (value === '') return `${clipText(who)} sent an empty message to ${what}${retained}`;
  const verb =
    target !== undefined
      ? target.control.kind === 'switch'
        ? 'switched'
        : 'set'
      : looksLikeSwitch(value)
        ? 'switched'
        : 'sent';
  return `${clipText(who)} ${verb} ${what} → ${clipText(value, PAYLOAD_SHOWN_MAX)}${retained}`;
}

/** The value a command carries, as its control's convention writes it; null when it reads otherwise. */
function commandedValue(control: Control, payload: string): string | null {
  const command = control.command;
  switch (command.format) {
    case 'plain':
      return payload.trim();
    case 'json-state': {
      const json = parseObject(payload);
      const value = json?.[command.property];
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : null;
    }
    case 'shelly-rpc': {
      const params = parseObject(payload)?.params;
      const on =
        typeof params === 'object' && params !== null ? (params as Record<string, unknown>).on : undefined;
      return on === true ? 'on' : on === false ? 'off' : null;
    }
  }
}

function parseObject(payload: string): Record<string, unknown> | null {
  try {
    const json: unknown = JSON.parse(payload);
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function looksLikeSwitch(value: string): boolean {
  return /^(on|off|toggle|true|false)$/i.test(value);
}

/** One line of the alert log: an alert (or a group of them), a past event, or a control action. */
export type LogLine<T> =
  | { type: 'entry'; entry: T; at: number }
  | { type: 'control'; action: ControlAction; at: number };

/**
 * Two lists, each newest first, as one newest first: the log's own entries keep their order, and
 * each control action goes in where its time falls (after entries of the same time). O(n + m).
 */
export function mergeByTime<T>(
  entries: readonly T[],
  timeOf: (entry: T) => number,
  actions: readonly ControlAction[],
): LogLine<T>[] {
  const lines: LogLine<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < entries.length || j < actions.length) {
    const entry = entries[i];
    const action = actions[j];
    if (entry !== undefined && (action === undefined || timeOf(entry) >= action.at)) {
      lines.push({ type: 'entry', entry, at: timeOf(entry) });
      i++;
    } else if (action !== undefined) {
      lines.push({ type: 'control', action, at: action.at });
      j++;
    }
  }
  return lines;
}

/** When an alert row last changed: its resolution (or start); a group's newest. */
export function alertRowTime(row: AlertRow): number {
  if (row.type === 'alert') return row.alert.resolvedAt ?? row.alert.raisedAt;
  let newest = 0;
  for (const alert of row.group.alerts) newest = Math.max(newest, alert.resolvedAt ?? alert.raisedAt);
  return newest;
}

/** The control actions since `openedAt` (this page's own time) and before it, each newest first. */
export function splitAtOpening(
  actions: readonly ControlAction[],
  openedAt: number,
): { since: ControlAction[]; before: ControlAction[] } {
  return { since: actions.filter((a) => a.at >= openedAt), before: actions.filter((a) => a.at < openedAt) };
}

/** "Log (12)": the log's entries counted as the button says them. */
export function logButtonLabel(count: number): string {
  return count === 0 ? 'Log' : `Log (${formatCount(count)})`;
}
