import type { Control, Device, Metric, MetricDescription } from './device';
import { holdReading } from './heldReading';
import type { Interpretation } from './interpretation';

/**
 * What conventions announce about a device (its name, its metrics' labels and units, its
 * controls), merged into the device. Both functions work on a draft the fold already copied;
 * `describeChanges` tells the fold first whether copying is needed at all, so a config announced
 * again unchanged keeps the device's identity (and its card does not re-render).
 */

type Describe = Extract<Interpretation, { kind: 'describe' }>;
type Remove = Extract<Interpretation, { kind: 'remove' }>;

/** Whether the announcement would change anything on the device. */
export function describeChanges(device: Device, meaning: Describe): boolean {
  const { description } = meaning;
  if (device.convention !== meaning.convention) return true;
  if (description.name !== undefined && description.name !== device.name) return true;
  if (description.problem !== undefined && description.problem !== device.lastProblem) return true;
  if (description.place !== undefined && !isAnnouncedPlace(device, description.place)) return true;
  for (const info of description.metrics ?? []) {
    const known = device.metricInfo?.get(info.metric);
    if (known === undefined || differs(known, info)) return true;
    const metric = device.metrics.get(info.metric);
    if (metric !== undefined && metricDiffers(metric, info)) return true;
  }
  for (const control of description.controls ?? []) {
    const known = device.controls?.find((c) => c.id === control.id);
    if (known === undefined || JSON.stringify(known) !== JSON.stringify(control)) return true;
  }
  return false;
}

/**
 * Merges an announcement into a device draft: later announcements refine earlier ones. At most
 * `maxEntries` metric descriptions and as many controls are kept, like metrics themselves.
 */
export function applyDescription(draft: Device, meaning: Describe, maxEntries: number): void {
  const { description } = meaning;
  draft.convention = meaning.convention;
  if (description.name !== undefined) draft.name = description.name;
  if (description.problem !== undefined) draft.lastProblem = description.problem;
  if (description.place !== undefined && !isAnnouncedPlace(draft, description.place)) {
    const { room, floor } = description.place;
    draft.place = { room, ...(floor !== undefined ? { floor } : {}), source: 'announced' };
  }
  if (description.metrics !== undefined && description.metrics.length > 0) {
    const infos = new Map(draft.metricInfo);
    let metrics: Map<string, Metric> | null = null;
    for (const info of description.metrics) {
      if (!infos.has(info.metric) && infos.size >= maxEntries) {
        draft.lastProblem = `more than ${maxEntries} metrics announced: "${info.metric}" is not described`;
        continue;
      }
      const merged: MetricDescription = { ...infos.get(info.metric), ...info };
      infos.set(info.metric, merged);
      const metric = draft.metrics.get(info.metric);
      if (metric !== undefined && metricDiffers(metric, merged)) {
        metrics ??= new Map(draft.metrics);
        metrics.set(info.metric, redescribed(metric, merged));
      }
    }
    draft.metricInfo = infos;
    if (metrics !== null) draft.metrics = metrics;
  }
  if (description.controls !== undefined && description.controls.length > 0) {
    const controls: Control[] = [...(draft.controls ?? [])];
    for (const control of description.controls) {
      const at = controls.findIndex((c) => c.id === control.id);
      if (at >= 0) controls[at] = control;
      else if (controls.length < maxEntries) controls.push(control);
      else draft.lastProblem = `more than ${maxEntries} controls: "${control.label}" is not offered`;
    }
    draft.controls = controls;
  }
}

/** Whether removing these metrics and controls would change anything on the device. */
export function removeChanges(device: Device, meaning: Remove): boolean {
  return (
    meaning.metrics.some((name) => device.metrics.has(name) || device.metricInfo?.has(name) === true) ||
    meaning.controls.some((id) => device.controls?.some((c) => c.id === id) === true)
  );
}

/** Takes removed entities' metrics, announcements and controls off a device draft. */
export function applyRemoval(draft: Device, meaning: Remove): void {
  if (meaning.metrics.length > 0) {
    const metrics = new Map(draft.metrics);
    const infos = new Map(draft.metricInfo);
    for (const name of meaning.metrics) {
      metrics.delete(name);
      infos.delete(name);
    }
    draft.metrics = metrics;
    draft.metricInfo = infos;
  }
  if (meaning.controls.length > 0) {
    draft.controls = (draft.controls ?? []).filter((c) => !meaning.controls.includes(c.id));
  }
}

/** Whether the device already sits where it announced it is (a topic's suggestion never does). */
function isAnnouncedPlace(device: Device, place: { room: string; floor?: string }): boolean {
  return (
    device.place?.source === 'announced' &&
    device.place.room === place.room &&
    device.place.floor === place.floor
  );
}

function differs(known: MetricDescription, info: MetricDescription): boolean {
  return (
    (info.label !== undefined && info.label !== known.label) ||
    (info.unit !== undefined && info.unit !== known.unit) ||
    (info.quantity !== undefined && info.quantity !== known.quantity) ||
    (info.precision !== undefined && info.precision !== known.precision) ||
    (info.diagnostic !== undefined && info.diagnostic !== known.diagnostic) ||
    (info.source !== undefined && info.source !== known.source)
  );
}

function metricDiffers(metric: Metric, info: MetricDescription): boolean {
  return (
    (info.label !== undefined && info.label !== metric.label) ||
    (info.unit !== undefined && info.unit !== metric.sourceUnit) ||
    (info.quantity !== undefined && info.quantity !== metric.quantity) ||
    (info.precision !== undefined && info.precision !== metric.precision) ||
    (info.diagnostic !== undefined && info.diagnostic !== metric.diagnostic) ||
    (info.source !== undefined && info.source !== metric.source)
  );
}

/**
 * A metric already shown, described anew (a discovery config that came after its values): its
 * latest value is placed in the vocabulary again, read in the unit it was held in. Its history
 * stays as it was recorded.
 */
function redescribed(metric: Metric, info: MetricDescription): Metric {
  const held = holdReading(
    {
      metric: metric.name,
      value: metric.value,
      unit: metric.unit,
      // A reading of no known quantity may become one by what is announced now (a unit "°C").
      ...(info.quantity !== undefined
        ? { quantity: info.quantity }
        : metric.quantity !== null
          ? { quantity: metric.quantity }
          : {}),
    },
    { ...info, unit: metric.unit },
    undefined,
  );
  return {
    ...metric,
    ...held,
    sourceUnit: info.unit ?? metric.sourceUnit,
    decimals: Math.max(metric.decimals, held.decimals),
    ...(info.label !== undefined ? { label: info.label } : {}),
  };
}
