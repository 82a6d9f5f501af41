import type { Control, ConventionId, MetricDescription } from './device';
import type { QuantityId } from './quantity';

/** One measured value of one metric. */
export interface Reading {
  metric: string;
  value: number;
  /** The unit the payload named, or null to use the metric's default ('' for none at all). */
  unit: string | null;
  /** How the convention calls the metric for people, when the message itself says so. */
  label?: string;
  /**
   * The quantity, where the convention knows it (a Home Assistant `device_class`, a Tasmota
   * `Temperature` field); undefined: inferred from the name and unit; null: known to be none.
   */
  quantity?: QuantityId | null;
  /** Decimals the source suggests showing (Home Assistant `suggested_display_precision`). */
  precision?: number;
  /** About the device rather than the house (link quality, a battery's voltage beside its %). */
  diagnostic?: boolean;
  /** What tells two readings of one quantity apart on one device ("DS18B20-2", "switch 1"). */
  source?: string;
  /** A battery reading of a device that runs on external power now (a USB-powered Shelly H&T says 0 %). */
  externalPower?: boolean;
}

/** What a convention announces about a device: merged into what was announced before. */
export interface DeviceDescription {
  name?: string;
  metrics?: readonly MetricDescription[];
  controls?: readonly Control[];
  /** Something in the announcement Hearth cannot use, in words (a template not understood). */
  problem?: string;
  /**
   * The room (and floor) the device announces for itself (Home Assistant `suggested_area`,
   * HomeSeer's `<Location2>/<Location>`): becomes `Device.place` with source `announced`, replacing
   * an earlier announcement. Absent: the announcement says nothing of it and the place stays.
   */
  place?: { room: string; floor?: string };
}

/**
 * What one message means for the device model. Every meaning about a device names its
 * `convention` (a device is its convention plus its native id: see `deviceKey`); the fold reads
 * one without it as the generic rules'.
 * Messages about a device that are not its readings (announcements, removals) do not count as
 * hearing from the device: only readings, availability, invalid, oversize and `ignored` with a
 * device do.
 */
export type Interpretation =
  | {
      kind: 'readings';
      device: string;
      readings: Reading[];
      sampleAt: number | null;
      convention?: ConventionId;
      /** Read again from a payload remembered earlier: folded as retained, whatever carried it. */
      replayed?: true;
      /**
       * The room level of a seed-shaped topic (`house/<room>/<metric>`): only a suggestion
       * (`DevicePlace.source: 'topic'`), never over a place the device announced.
       */
      topicRoom?: string;
    }
  | {
      kind: 'availability';
      device: string;
      online: boolean;
      convention?: ConventionId;
      /** A state worth a word beside online/offline ("sleeping", "reports an alert"). */
      note?: string;
      /** Read again from a payload remembered earlier: folded as retained, whatever carried it. */
      replayed?: true;
    }
  | { kind: 'describe'; device: string; convention: ConventionId; description: DeviceDescription }
  | {
      kind: 'remove';
      device: string;
      convention: ConventionId;
      metrics: readonly string[];
      controls: readonly string[];
      /** The device has nothing announced left (its last Home Assistant entity went). */
      wholeDevice: boolean;
    }
  | { kind: 'invalid'; device: string; reason: string; convention?: ConventionId }
  | { kind: 'oversize'; device: string; bytes: number; convention?: ConventionId }
  /**
   * A message a convention knows and deliberately does not show (commands, bridge logs, text
   * properties). With a device, it still tells that the device is alive.
   */
  | { kind: 'ignored'; reason: string; device?: string; convention?: ConventionId }
  /** One message that means several things (a shared availability topic, a first announcement). */
  | { kind: 'multiple'; meanings: readonly Interpretation[] }
  | { kind: 'unmapped'; reason: string };

/** One meaning for several: the only one itself, else a `multiple`. */
export function combineMeanings(meanings: readonly Interpretation[]): Interpretation {
  const [first] = meanings;
  return meanings.length === 1 && first !== undefined ? first : { kind: 'multiple', meanings };
}

/** A message already interpreted: what the connection's worker sends the page to fold. */
export interface InterpretedMessage {
  meaning: Interpretation;
  retained: boolean;
  receivedAt: number;
}
