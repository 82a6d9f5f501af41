import { commandFor } from '../../core/command.ts';
import { interpret } from '../../core/conventions/interpret.ts';
import { createConventionMemory } from '../../core/conventions/memory.ts';
import { type Device, EMPTY_FLEET, type Fleet } from '../../core/device.ts';
import { DEFAULT_FOLD_LIMITS, foldBatch } from '../../core/fold.ts';
import type { Interpretation } from '../../core/interpretation.ts';
import type { IncomingCommand, OutgoingMessage, RoomReading, RoomState } from './speaker.ts';

// For tests only (the speaker tests, the gateway's and e2e's simulated house): the gateway never
// imports it.

/** A reading at noon, the same in every speaker test. */
export const NOON_READING: RoomReading = {
  temperatureC: 21.4,
  lux: 120,
  at: new Date(2026, 0, 15, 12, 0, 0),
};
export const RELAY_OFF: RoomState = { relayOn: false, reading: NOON_READING };

/**
 * What a dashboard makes of the messages a speaker publishes, read by the core's own
 * `interpret` (with a fresh convention memory, as one connection has) and folded into devices
 * as the store does: for tests that prove the simulator and the dashboard agree.
 */
export interface DashboardView {
  /** Delivers messages as a live subscriber gets them (retained messages arrive with retain unset). */
  hear(messages: readonly OutgoingMessage[]): Interpretation[];
  /** A device by its key (`tasmota/kitchen`: see `deviceKey`). */
  device(key: string): Device | undefined;
  readonly fleet: Fleet;
  /**
   * The command the dashboard sends when the device's first switch is flipped, as the speaker
   * receives it; throws when the dashboard offers no switch.
   */
  switchCommand(key: string, on: boolean): IncomingCommand;
}

const STALE_AFTER_MS = 60_000;
const encoder = new TextEncoder();

export function createDashboardView(): DashboardView {
  const memory = createConventionMemory();
  let fleet = EMPTY_FLEET;
  let clockMs = NOON_READING.at.getTime();
  return {
    hear(messages) {
      const interpreted = messages.map((message) => {
        clockMs += 1;
        const meaning = interpret(memory, {
          topic: message.topic,
          payload: encoder.encode(message.payload),
          retained: false,
          receivedAt: clockMs,
        });
        return { meaning, retained: false, receivedAt: clockMs };
      });
      fleet = foldBatch(fleet, interpreted, {
        nowMs: clockMs,
        staleAfterMs: STALE_AFTER_MS,
        ...DEFAULT_FOLD_LIMITS,
      }).fleet;
      return interpreted.map((message) => message.meaning);
    },
    device: (key) => fleet.devices.get(key),
    get fleet() {
      return fleet;
    },
    switchCommand(key, on) {
      const control = fleet.devices.get(key)?.controls?.find((candidate) => candidate.kind === 'switch');
      if (control === undefined) throw new Error(`the dashboard offers no switch on ${key}`);
      const command = commandFor(control, on);
      if (!command.ok) throw new Error(command.error);
      return { topic: command.topic, payload: command.payload };
    },
  };
}

/**
 * A reading as the device holds it, found by its handle (`data-metric`: `temperature`, `switch`):
 * its value and unit in the vocabulary (canonical units: °C, lx, kWh).
 */
export function shownMetric(
  device: Device | undefined,
  handle: string,
): { value: number; unit: string } | null {
  const shown = [...(device?.metrics.values() ?? [])].find((metric) => metric.handle === handle);
  return shown === undefined ? null : { value: shown.value, unit: shown.unit };
}
