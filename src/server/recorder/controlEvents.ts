import { type Control, type Device, deviceLabel, type Fleet } from '../../core/device.ts';
import type { AcceptedSample } from '../../core/fold.ts';
import type { InboundMessage } from '../../core/message.ts';
import type { EventRow } from './storage.ts';

/**
 * Commands seen on the broker (from a dashboard, Home Assistant, a script) and their echoes: a
 * publish on a known control's command topic is a `control-sent` event; the device then
 * reporting the state asked for is `control-confirmed`. Plain data, updated in place by the
 * recorder; everything in it is bounded.
 */
export interface ControlWatch {
  /** Command topic -> the controls it commands (a topic may serve several devices). */
  byTopic: Map<string, Array<{ device: string; control: Control }>>;
  /** The controls indexed per device, to re-index only a device whose controls changed. */
  indexed: Map<string, readonly Control[]>;
  /** Commands waiting for their echo, oldest first. */
  waiting: WaitingCommand[];
}

interface WaitingCommand {
  device: string;
  stateMetric: string;
  desired: number;
  sentAt: number;
  text: string;
  handle: string;
}

/** How long a command waits for its device's echo to count as confirmed. */
export const CONFIRM_WINDOW_MS = 30_000;
/** Commands waiting at once, past which the oldest stop waiting (a flood of unanswered commands). */
const WAITING_MAX = 1000;

export function createControlWatch(): ControlWatch {
  return { byTopic: new Map(), indexed: new Map(), waiting: [] };
}

/** Keeps the topic index in step with the devices that changed (or left) in a fold. */
export function indexControls(watch: ControlWatch, fleet: Fleet, changed: Iterable<string>): void {
  for (const key of changed) {
    const controls = fleet.devices.get(key)?.controls ?? [];
    const indexed = watch.indexed.get(key) ?? [];
    if (controls === indexed) continue;
    for (const control of indexed) {
      const entries = watch.byTopic.get(control.command.topic)?.filter((entry) => entry.device !== key) ?? [];
      if (entries.length === 0) watch.byTopic.delete(control.command.topic);
      else watch.byTopic.set(control.command.topic, entries);
    }
    for (const control of controls) {
      const entries = watch.byTopic.get(control.command.topic) ?? [];
      entries.push({ device: key, control });
      watch.byTopic.set(control.command.topic, entries);
    }
    if (controls.length === 0) watch.indexed.delete(key);
    else watch.indexed.set(key, controls);
  }
}

/**
 * The `control-sent` events of one publish (none for a topic no control commands, or a payload
 * that is not one of its commands); those that expect an echo start waiting for it.
 */
export function commandEvents(watch: ControlWatch, fleet: Fleet, message: InboundMessage): EventRow[] {
  const entries = watch.byTopic.get(message.topic);
  if (entries === undefined || message.retained) return [];
  const payload = new TextDecoder().decode(message.payload);
  const events: EventRow[] = [];
  for (const { device: key, control } of entries) {
    const device = fleet.devices.get(key);
    const desired = commandValue(control, payload);
    if (device === undefined || desired === null) continue;
    const value = typeof desired === 'boolean' ? Number(desired) : desired;
    const name = controlName(device, control);
    const state = typeof desired === 'boolean' ? (desired ? 'on' : 'off') : `set to ${desired}`;
    const handle = device.metrics.get(control.stateMetric)?.handle ?? control.stateMetric;
    const event = { device: key, name: deviceLabel(device), metric: handle, value, until: null };
    events.push({
      ...event,
      at: message.receivedAt,
      kind: 'control-sent',
      text: `Command sent: ${name} ${state}`,
    });
    if (!control.echoes) continue;
    watch.waiting.push({
      device: key,
      stateMetric: control.stateMetric,
      desired: value,
      sentAt: message.receivedAt,
      text: `${name} confirmed ${state}`,
      handle,
    });
    if (watch.waiting.length > WAITING_MAX) watch.waiting.shift();
  }
  return events;
}

/**
 * `control-confirmed` events for live values that echo a waiting command; commands waiting
 * longer than CONFIRM_WINDOW_MS stop waiting (the dashboard says so on its own screen).
 */
export function confirmationEvents(
  watch: ControlWatch,
  fleet: Fleet,
  accepted: readonly AcceptedSample[],
  nowMs: number,
): EventRow[] {
  const events: EventRow[] = [];
  if (watch.waiting.length === 0) return events;
  for (const sample of accepted) {
    if (sample.retained) continue;
    const index = watch.waiting.findIndex(
      (command) =>
        command.device === sample.device &&
        command.stateMetric === sample.metric &&
        command.desired === sample.value &&
        sample.at >= command.sentAt - 1000,
    );
    const command = watch.waiting[index];
    if (command === undefined) continue;
    watch.waiting.splice(index, 1);
    const device = fleet.devices.get(sample.device);
    events.push({
      at: sample.at,
      kind: 'control-confirmed',
      device: sample.device,
      name: device === undefined ? null : deviceLabel(device),
      metric: command.handle,
      value: sample.value,
      text: command.text,
      until: null,
    });
  }
  watch.waiting = watch.waiting.filter((command) => nowMs - command.sentAt <= CONFIRM_WINDOW_MS);
  return events;
}

/** What a publish on a control's command topic asks for, or null when it is not its command. */
export function commandValue(control: Control, payload: string): boolean | number | null {
  if (control.kind === 'number') {
    const command = control.command;
    const raw = command.format === 'plain' ? payload.trim() : jsonField(payload, command.property);
    const value = typeof raw === 'string' && raw !== '' ? Number(raw) : raw;
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  }
  const command = control.command;
  switch (command.format) {
    case 'plain':
      return payload === command.on ? true : payload === command.off ? false : null;
    case 'json-state': {
      const value = jsonField(payload, command.property);
      return value === command.on ? true : value === command.off ? false : null;
    }
    case 'shelly-rpc': {
      const frame = parseObject(payload);
      const params = frame?.params;
      if (frame?.method !== 'Switch.Set' || typeof params !== 'object' || params === null) return null;
      const { id, on } = params as Record<string, unknown>;
      return id === command.id && typeof on === 'boolean' ? on : null;
    }
  }
}

function controlName(device: Device, control: Control): string {
  const name = deviceLabel(device);
  if ((device.controls?.length ?? 0) <= 1 || control.label.startsWith(name)) return name;
  return `${name} ${control.label}`;
}

function jsonField(payload: string, property: string): unknown {
  return parseObject(payload)?.[property];
}

function parseObject(payload: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(payload);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
