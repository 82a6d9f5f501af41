import type { Control, ConventionId } from '../device';
import type { Interpretation } from '../interpretation';
import type { HaEntity } from './haEntity';
import type { PathStep } from './jsonPath';

/**
 * Where a discovered entity is shown, and what it says there. An entity whose state topic belongs
 * to a device another convention reads (Zigbee2MQTT and Tasmota announce their devices by
 * discovery too) is shown on that native device, so the device is one card with all its readings:
 * the entity names the device and describes the native metric its template picks (label, unit,
 * quantity, precision), whose values, availability and controls the native convention reads. An
 * entity whose template picks nothing the native convention reads reads its value itself, onto the
 * native device. Every other entity is shown on its own Home Assistant device. The device's
 * `suggested_area` is announced as its place on whichever device it is shown on.
 */

/** The native device a state topic belongs to, if another convention reads it. */
export type NativeDeviceOf = (topic: string) => NativeDevice | null;

export interface NativeDevice {
  convention: ConventionId;
  device: string;
  /**
   * The metric the native convention reads the value at `path` of the topic's payload as (null:
   * the payload itself), or null when it reads no such metric.
   */
  metricOf(path: readonly PathStep[] | null): string | null;
}

const CONVENTION = 'homeassistant';

/**
 * Shows an entity on the native device its state topic belongs to, if any, describing the metric
 * its template picks there. Its availability topics that a native convention reads are that
 * convention's (a Tasmota LWT, the Zigbee2MQTT bridge state): the entity leaves them to it.
 */
export function placeEntity(entity: HaEntity, nativeDeviceOf: NativeDeviceOf): void {
  if (entity.stateTopic === null) return;
  const native = nativeDeviceOf(entity.stateTopic);
  if (native === null) return;
  entity.shownOn = { convention: native.convention, device: native.device };
  const template = entity.template;
  const path = template === null || template.source === 'value' ? null : template.steps;
  entity.nativeMetric = entity.valueProblem === null ? native.metricOf(path) : null;
  entity.availability = entity.availability.filter(
    (availability) => nativeDeviceOf(availability.topic) === null,
  );
}

export function isNative(entity: HaEntity): boolean {
  return entity.shownOn.convention !== CONVENTION;
}

/** The metric an entity shows as on its device. */
function shownMetricOf(entity: HaEntity): string {
  return entity.nativeMetric ?? entity.metric;
}

export function identityOf(entity: HaEntity): string {
  return `${entity.shownOn.convention}\u0000${entity.shownOn.device}\u0000${shownMetricOf(entity)}`;
}

/** The control an entity offers: a native metric's controls are its own convention's. */
export function offeredControl(entity: HaEntity): Control | null {
  return entity.nativeMetric === null ? entity.control : null;
}

/** What a group of entities shown on one device announces about it. */
export function descriptionOf(entities: readonly HaEntity[]): Interpretation {
  const [first] = entities;
  const native = first !== undefined && isNative(first);
  const name = native ? first.announcedDeviceName : first?.deviceName;
  const problems = entities.flatMap((entity) => (entity.problem === null ? [] : [entity.problem]));
  // A native device's entity whose value cannot be read describes nothing: the native readings show.
  const described = entities.filter((entity) => !native || entity.valueProblem === null);
  // The area is the device's: any of its entities may carry it (the same on each, as HA sends it).
  const area = entities.find((entity) => entity.area !== null)?.area ?? null;
  return {
    kind: 'describe',
    device: first?.shownOn.device ?? '',
    convention: first?.shownOn.convention ?? CONVENTION,
    description: {
      ...(name !== null && name !== undefined ? { name } : {}),
      metrics: described.map((entity) => ({
        metric: shownMetricOf(entity),
        ...(entity.cardLabel !== null ? { label: entity.cardLabel } : {}),
        ...(!native || entity.unit !== '' ? { unit: entity.unit } : {}),
        ...(entity.quantity !== undefined ? { quantity: entity.quantity } : {}),
        ...(entity.precision !== null ? { precision: entity.precision } : {}),
        ...(entity.diagnostic ? { diagnostic: true } : {}),
      })),
      controls: entities.flatMap((entity) => {
        const control = offeredControl(entity);
        return control === null ? [] : [control];
      }),
      ...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
      ...(area !== null ? { place: { room: area } } : {}),
    },
  };
}
