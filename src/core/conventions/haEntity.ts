import type { Control, ConventionId } from '../device';
import type { QuantityId } from '../quantity';
import type { HaAvailability } from './haAvailability';
import type { ValueTemplate } from './valueTemplate';

/**
 * A Home Assistant discovery entity as Hearth holds it, read from its config (haConfig.ts) and
 * used by its control, state, placement and replay: one module all of them import.
 */

export type HaComponent = 'sensor' | 'binary_sensor' | 'switch' | 'light' | 'number';

export interface HaEntity {
  key: string;
  component: HaComponent;
  /** The device identifier (the first of `device.identifiers`, else a connection, the node_id…). */
  device: string;
  deviceName: string;
  /** The device's name as the config gives it (`device.name`), else null. */
  announcedDeviceName: string | null;
  /** The room the device suggests (`device.suggested_area`, `dev.sa`), checked; else null. */
  area: string | null;
  metric: string;
  /** The entity's name for messages: its `name`, else its object id. */
  label: string;
  /**
   * Its name for people on cards: its `name`; the device's name for `name: null` (Home
   * Assistant's "main feature of the device"); null when the config names it not at all.
   */
  cardLabel: string | null;
  /** '' when the entity has no unit (a switch), so no unit is guessed from its name. */
  unit: string;
  /** By its component and `device_class` (see haQuantityOf); undefined: its unit and name tell. */
  quantity: QuantityId | null | undefined;
  /** `suggested_display_precision`, or null. */
  precision: number | null;
  /** `entity_category: diagnostic`. */
  diagnostic: boolean;
  /**
   * Where it is shown: its own Home Assistant device, or the native device (a Tasmota, a
   * Zigbee2MQTT device) whose state topic it reads; set when the entity is remembered.
   */
  shownOn: { convention: ConventionId; device: string };
  /**
   * The native device's metric its template picks: the entity describes it, and the native
   * convention reads its values. Null: the entity reads its values itself, as `metric`.
   */
  nativeMetric: string | null;
  stateTopic: string | null;
  /** How to read the value; null: the payload itself. */
  template: ValueTemplate | null;
  /** Words on the state topic that mean on (1) and off (0), for switches, lights, binary sensors. */
  on: string;
  off: string;
  availability: readonly HaAvailability[];
  control: Control | null;
  /** Why the value cannot be read (its template is not understood); null when it can. */
  valueProblem: string | null;
  /** Everything in the config Hearth cannot use, in words. */
  problem: string | null;
}

/** One key per device an entity is shown on (its convention and device). */
export function shownKeyOf(entity: Pick<HaEntity, 'shownOn'>): string {
  return `${entity.shownOn.convention}\u0000${entity.shownOn.device}`;
}
