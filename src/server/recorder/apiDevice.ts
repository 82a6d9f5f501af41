import type { Device, Metric } from '../../core/device.ts';
import type { ApiDevice, ApiReading } from '../../core/historyApi.ts';
import { createRing, pushSample } from '../../core/ringBuffer.ts';

/**
 * A device of the recorder's fleet as `/api/devices` answers it: identity, the name its
 * convention announced (null when none: the dashboard falls back to the native id as it does
 * live), status, where it says it is, and every reading's latest value in its quantity's
 * canonical unit.
 */
export function toApiDevice(
  device: Device,
  topics: readonly string[] = [],
  metricTopic: (metric: string) => string | null = () => null,
): ApiDevice {
  const readings: ApiReading[] = [];
  for (const metric of device.metrics.values()) readings.push(toApiReading(metric, metricTopic(metric.name)));
  return {
    key: device.id,
    id: device.nativeId,
    convention: device.convention,
    name: device.name !== undefined && device.name.length > 0 ? device.name : null,
    status: device.status,
    availability: device.availability,
    lastSeenAt: device.lastSeenAt,
    topics: [...topics],
    readings,
    ...(device.place !== undefined ? { place: { ...device.place } } : {}),
  };
}

function toApiReading(metric: Metric, topic: string | null): ApiReading {
  return {
    metric: metric.name,
    handle: metric.handle,
    label: metric.label ?? null,
    quantity: metric.quantity,
    value: metric.value,
    unit: metric.unit,
    sourceUnit: metric.sourceUnit,
    precision: metric.precision,
    diagnostic: metric.diagnostic,
    source: metric.source ?? null,
    ...(metric.externalPower !== undefined ? { externalPower: metric.externalPower } : {}),
    at: metric.sampleAt,
    receivedAt: metric.receivedAt,
    topic,
  };
}

/**
 * A device as saved before a restart, back in the fleet: its name, place, readings and handles (so a
 * series keeps its handle), but nothing that claims it is there now. Its values count as the
 * broker's memory (retained), so the first live or replayed value replaces them; its status is
 * 'unknown' and its availability unheard until it speaks again.
 */
export function restoreDevice(saved: ApiDevice, historyCapacity: number): Device {
  const metrics = new Map<string, Metric>();
  for (const reading of saved.readings) {
    const history = createRing(historyCapacity);
    pushSample(history, reading.at, reading.value);
    metrics.set(reading.metric, {
      name: reading.metric,
      handle: reading.handle,
      ...(reading.label !== null ? { label: reading.label } : {}),
      quantity: reading.quantity,
      value: reading.value,
      unit: reading.unit,
      sourceUnit: reading.sourceUnit,
      precision: reading.precision,
      decimals: decimalsOf(reading.value),
      diagnostic: reading.diagnostic,
      ...(reading.source !== null ? { source: reading.source } : {}),
      ...(reading.externalPower !== undefined ? { externalPower: reading.externalPower } : {}),
      receivedAt: reading.receivedAt,
      sampleAt: reading.at,
      retained: true,
      history,
    });
  }
  return {
    id: saved.key,
    nativeId: saved.id,
    ...(saved.name !== null ? { name: saved.name } : {}),
    convention: saved.convention,
    metrics,
    availability: null,
    availabilityAt: 0,
    lastSeenAt: saved.lastSeenAt,
    liveSeen: false,
    invalidCount: 0,
    oversizeCount: 0,
    lastProblem: null,
    status: 'unknown',
    ...(saved.place !== undefined ? { place: { ...saved.place } } : {}),
  };
}

/** Decimals written in a value, at most 3 (what `Metric.decimals` holds for an unknown quantity). */
function decimalsOf(value: number): number {
  const text = String(value);
  const point = text.indexOf('.');
  return point < 0 || text.includes('e') ? 0 : Math.min(3, text.length - point - 1);
}
