import { type Device, deviceLabel, type Fleet } from '../../core/device.ts';
import type { AcceptedSample } from '../../core/fold.ts';
import type { EventRow } from './storage.ts';

/**
 * The events a fold's status changes make, for the alert log's history: a device going offline
 * (its availability or Last Will said so), going silent (stale), and coming back. A device first
 * heard, or restored after a restart, coming to 'online' from 'unknown' is not news unless it
 * announced itself online; a device going back to 'unknown' says nothing.
 */
export function statusEvents(
  before: Fleet,
  after: Fleet,
  changed: readonly string[],
  at: number,
): EventRow[] {
  const events: EventRow[] = [];
  for (const key of changed) {
    const device = after.devices.get(key);
    if (device === undefined) continue;
    const previous = before.devices.get(key);
    const was = previous?.status ?? 'unknown';
    if (device.status === was) continue;
    const name = deviceLabel(device);
    const event = (kind: EventRow['kind'], text: string): EventRow => ({
      at,
      kind,
      device: key,
      name,
      metric: null,
      value: null,
      text,
      until: null,
    });
    switch (device.status) {
      case 'offline':
        events.push(
          event(
            'offline',
            device.note === undefined ? `${name} went offline` : `${name} went offline (${device.note})`,
          ),
        );
        break;
      case 'stale':
        events.push(event('alert', `${name} went silent`));
        break;
      case 'online':
        if (was === 'offline' || was === 'stale') events.push(event('online', `${name} is back online`));
        else if (device.availability === true && previous?.availability !== true)
          events.push(event('online', `${name} came online`));
        break;
      case 'unknown':
        break;
    }
  }
  return events;
}

/**
 * Switch events: a live value of a `switch` reading that differs from the one before it (in the
 * fleet before the batch, or earlier in the same batch). A first value is no change, and a
 * retained one is the broker's memory, not something that happened now.
 */
export function switchEvents(before: Fleet, after: Fleet, accepted: readonly AcceptedSample[]): EventRow[] {
  const events: EventRow[] = [];
  const latest = new Map<string, number>();
  for (const sample of accepted) {
    if (sample.quantity !== 'switch') continue;
    const slot = `${sample.device}\u0000${sample.metric}`;
    const previous = latest.get(slot) ?? before.devices.get(sample.device)?.metrics.get(sample.metric)?.value;
    latest.set(slot, sample.value);
    if (sample.retained || previous === undefined || previous === sample.value) continue;
    const device = after.devices.get(sample.device);
    if (device === undefined) continue;
    const handle = device.metrics.get(sample.metric)?.handle ?? sample.metric;
    const name = switchName(device, sample.metric);
    events.push({
      at: sample.at,
      kind: 'switch',
      device: sample.device,
      name: deviceLabel(device),
      metric: handle,
      value: sample.value,
      text: `${name} switched ${sample.value !== 0 ? 'on' : 'off'}`,
      until: null,
    });
  }
  return events;
}

/**
 * What to call one switch of a device in words: the device's name, and the switch's own label
 * when the device has more than one ("Hall light", "Kitchen plug USB").
 */
export function switchName(device: Device, metric: string): string {
  const name = deviceLabel(device);
  let switches = 0;
  for (const candidate of device.metrics.values()) if (candidate.quantity === 'switch') switches++;
  if (switches <= 1) return name;
  const label = device.metrics.get(metric)?.label ?? device.metricInfo?.get(metric)?.label ?? metric;
  return label.startsWith(name) ? label : `${name} ${label}`;
}
