import { clipText } from './clip';
import {
  type Control,
  type Device,
  deviceLabel,
  type Fleet,
  type Metric,
  type NumberControl,
  type QoS,
} from './device';
import { convert, quantityOf } from './quantity';
import { checkPublishTopic } from './topic';

/**
 * Commands for a device's controls, and the "pending until echoed" rule around them: a control
 * shows the state asked for until the device reports it back, and falls back to what the device
 * reports, with a message, when no echo arrives in time.
 */

export interface CommandMessage {
  topic: string;
  payload: string;
  retain: boolean;
  qos: QoS;
}

export type CommandResult = ({ ok: true } & CommandMessage) | { ok: false; error: string };

/** How long a control waits for its device to echo a change. */
export const PENDING_TIMEOUT_MS = 5000;

/** Who Hearth says it is in Shelly RPC frames; Shelly replies on `<src>/rpc`. */
export const RPC_SOURCE = 'hearth';

/**
 * The message that sets a control: on/off (`true`/`false`) for a switch, a number for a number
 * control (snapped to its step, refused outside min..max). Per convention: the plain payload on
 * the command topic (Home Assistant, Homie `/set`, Tasmota `cmnd/<t>/POWER`), `{"state":"ON"}`
 * on Zigbee2MQTT's `/set`, a `Switch.Set` JSON-RPC frame on a Shelly's `<id>/rpc`. Topics come
 * from the network, so one with wildcards is refused. `requestId` numbers Shelly frames.
 */
export function commandFor(control: Control, desired: boolean | number, requestId = 1): CommandResult {
  const topicCheck = checkPublishTopic(control.command.topic);
  if (!topicCheck.ok)
    return { ok: false, error: `cannot send to "${clipText(control.command.topic)}": ${topicCheck.reason}` };
  if (control.kind === 'switch') {
    if (typeof desired !== 'boolean')
      return { ok: false, error: `"${clipText(control.label)}" is switched on or off, not set to a number` };
    const command = control.command;
    switch (command.format) {
      case 'plain':
        return {
          ok: true,
          topic: command.topic,
          payload: desired ? command.on : command.off,
          retain: command.retain,
          qos: command.qos,
        };
      case 'json-state':
        return {
          ok: true,
          topic: command.topic,
          payload: JSON.stringify({ [command.property]: desired ? command.on : command.off }),
          retain: false,
          qos: command.qos,
        };
      case 'shelly-rpc':
        return {
          ok: true,
          topic: command.topic,
          payload: JSON.stringify({
            id: requestId,
            src: RPC_SOURCE,
            method: 'Switch.Set',
            params: { id: command.id, on: desired },
          }),
          retain: false,
          qos: 1,
        };
    }
  }
  if (typeof desired !== 'number') return { ok: false, error: `"${clipText(control.label)}" takes a number` };
  const value = snapNumber(control, desired);
  if (!value.ok) return value;
  const command = control.command;
  if (command.format === 'plain') {
    return {
      ok: true,
      topic: command.topic,
      payload: formatNumber(value.value, control.step),
      retain: command.retain,
      qos: command.qos,
    };
  }
  return {
    ok: true,
    topic: command.topic,
    payload: JSON.stringify({ [command.property]: value.value }),
    retain: false,
    qos: command.qos,
  };
}

/** A number checked against a control's range and rounded to its step (counted from min). */
export function snapNumber(
  control: NumberControl,
  desired: number,
): { ok: true; value: number } | { ok: false; error: string } {
  if (!Number.isFinite(desired)) return { ok: false, error: `"${clipText(control.label)}" needs a number` };
  const unit = control.unit ? ` ${control.unit}` : '';
  if (control.min !== null && desired < control.min)
    return { ok: false, error: `${desired}${unit} is below the minimum of ${control.min}${unit}` };
  if (control.max !== null && desired > control.max)
    return { ok: false, error: `${desired}${unit} is above the maximum of ${control.max}${unit}` };
  if (control.step === null || control.step <= 0) return { ok: true, value: desired };
  const origin = control.min ?? 0;
  const snapped = origin + Math.round((desired - origin) / control.step) * control.step;
  return { ok: true, value: Number(snapped.toFixed(decimalsOf(control.step))) };
}

export interface PendingControl {
  device: string;
  control: string;
  kind: Control['kind'];
  label: string;
  /** The unit of a number control, for messages. */
  unit: string | null;
  stateMetric: string;
  /** What the state metric reads once the device did it: 1/0 for a switch, the number otherwise. */
  expected: number;
  /** How close a number echo must be (half a step). */
  tolerance: number;
  echoes: boolean;
  startedAt: number;
  deadline: number;
}

export type PendingOutcome =
  | { state: 'confirmed' }
  | { state: 'waiting'; remainingMs: number }
  | { state: 'reverted'; message: string };

/** Starts waiting for a device to echo a command just sent (times in wall-clock ms). */
export function startPending(
  device: string,
  control: Control,
  desired: boolean | number,
  nowMs: number,
  timeoutMs = PENDING_TIMEOUT_MS,
): PendingControl {
  const expected = typeof desired === 'boolean' ? (desired ? 1 : 0) : desired;
  const step = control.kind === 'number' ? control.step : null;
  return {
    device,
    control: control.id,
    kind: control.kind,
    label: control.label,
    unit: control.kind === 'number' ? control.unit : null,
    stateMetric: control.stateMetric,
    expected,
    tolerance: step !== null && step > 0 ? step / 2 : 1e-9,
    echoes: control.echoes,
    startedAt: nowMs,
    deadline: nowMs + timeoutMs,
  };
}

/**
 * Whether the device has echoed the change: confirmed once its state metric reports the expected
 * value in a message received since the command; reverted, with a message in words, once the
 * deadline passes without that (a report of the old value in between may predate the command,
 * so it does not revert early). A control whose device never echoes is confirmed at once.
 */
export function confirmPending(
  pending: PendingControl,
  device: Device | undefined,
  nowMs: number,
): PendingOutcome {
  if (!pending.echoes) return { state: 'confirmed' };
  const metric = device?.metrics.get(pending.stateMetric);
  const reported = metric === undefined ? Number.NaN : inSourceUnit(metric);
  if (
    metric !== undefined &&
    metric.receivedAt >= pending.startedAt &&
    Math.abs(reported - pending.expected) <= pending.tolerance
  ) {
    return { state: 'confirmed' };
  }
  if (nowMs < pending.deadline) return { state: 'waiting', remainingMs: pending.deadline - nowMs };
  // Names from the network, cut: the notice must still say what happened after them.
  const name = clipText(device === undefined ? pending.device : deviceLabel(device));
  const seconds = Math.round((pending.deadline - pending.startedAt) / 1000);
  const asked = describeValue(pending, pending.expected);
  const now =
    metric === undefined ? 'has not reported its state' : `still reports ${describeValue(pending, reported)}`;
  const why =
    device?.status === 'offline'
      ? ' The device is offline.'
      : device?.status === 'stale'
        ? ' The device has gone silent.'
        : '';
  return {
    state: 'reverted',
    message: `${name} did not confirm ${clipText(pending.label)} → ${asked} within ${seconds} s; it ${now}.${why}`,
  };
}

/**
 * Every pending control checked against the fleet at `nowMs` (see `confirmPending`): the ones
 * still waiting, and the messages of the ones that reverted. The same array when none settled.
 */
export function settlePending(
  pending: readonly PendingControl[],
  fleet: Fleet,
  nowMs: number,
): { pending: readonly PendingControl[]; reverted: string[] } {
  if (pending.length === 0) return { pending, reverted: [] };
  const still: PendingControl[] = [];
  const reverted: string[] = [];
  for (const p of pending) {
    const outcome = confirmPending(p, fleet.devices.get(p.device), nowMs);
    if (outcome.state === 'waiting') still.push(p);
    else if (outcome.state === 'reverted') reverted.push(outcome.message);
  }
  return { pending: still.length === pending.length ? pending : still, reverted };
}

function describeValue(pending: PendingControl, value: number): string {
  if (pending.kind === 'switch') return value === 1 ? 'on' : value === 0 ? 'off' : String(value);
  return pending.unit ? `${value} ${pending.unit}` : String(value);
}

function formatNumber(value: number, step: number | null): string {
  return step === null ? String(value) : value.toFixed(decimalsOf(step));
}

function decimalsOf(step: number): number {
  const text = String(step);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(text.length - dot - 1, 10);
}

/**
 * A state metric's value in the unit its device sends (and takes commands in): a set point of
 * 70 °F is held as 21.1 °C, and must be compared as 70.
 */
function inSourceUnit(metric: Metric): number {
  const quantity = metric.quantity === null ? undefined : quantityOf(metric.quantity);
  if (quantity === undefined || metric.sourceUnit === null || metric.sourceUnit === metric.unit)
    return metric.value;
  return convert(quantity, metric.value, metric.unit, metric.sourceUnit) ?? metric.value;
}
