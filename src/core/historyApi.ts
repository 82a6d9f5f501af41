import type { ConventionId, DevicePlace, DeviceStatus } from './device';
import type { QuantityId } from './quantity';

/**
 * The Hearth server's JSON API, as the dashboard reads it: the recorder's memory of the house.
 * Times are epoch milliseconds. Everything here crosses the network, so the dashboard checks each
 * field before it trusts it (see the parse functions beside the dashboard's API client).
 */

/** `GET /api/devices`: every device the recorder knows, readings never retained included. */
export interface ApiDevicesResponse {
  /** When the server answered (its clock). */
  now: number;
  /**
   * The WebSocket URL dashboards should use for this house's broker (`--broker-ws`), or null for
   * this server's own `/mqtt`. A dashboard pointed at another broker shows another house: it
   * leaves this server's history alone.
   */
  broker: string | null;
  devices: ApiDevice[];
}

export interface ApiDevice {
  /** The device key, `convention/nativeId` (see `deviceKey`). */
  key: string;
  /** The native id its convention names it by (`data-device-id`). */
  id: string;
  convention: ConventionId;
  name: string | null;
  status: DeviceStatus;
  /** The last availability announced (true online, false offline), null if never. */
  availability: boolean | null;
  /** When a live message of the device last reached the recorder; 0 if never. */
  lastSeenAt: number;
  /**
   * Topics the device's messages came on (a few, the latest last): a dashboard shows a remembered
   * device only when it subscribes to one of them, as it would show it live.
   */
  topics: string[];
  readings: ApiReading[];
  /**
   * Where the device says it is (`Device.place`), absent when it says nothing: a fresh screen puts
   * a remembered device in its room before it hears the announcement itself.
   */
  place?: DevicePlace;
}

export interface ApiReading {
  /** The native metric name (`DS18B20-2.Temperature`). */
  metric: string;
  /** What pages call it (`data-metric`): its quantity, `_2` for a second one; see `Metric.handle`. */
  handle: string;
  label: string | null;
  quantity: QuantityId | null;
  /** In the quantity's canonical unit. */
  value: number;
  unit: string;
  sourceUnit: string | null;
  precision: number | null;
  diagnostic: boolean;
  source: string | null;
  /**
   * A battery of a device on external power (a USB-powered Shelly H&T says 0 %): no alert. Absent
   * when the device said nothing of it, as in what a recorder saved before it kept this.
   */
  externalPower?: boolean;
  /** When it was measured. */
  at: number;
  /** When it reached the recorder. */
  receivedAt: number;
  /** The topic its latest value came on (null when not known): a screen shows it only if subscribed. */
  topic: string | null;
}

/** The resolution a history answer is drawn from. */
export type HistoryTier = 'raw' | '5m' | '1h';

/**
 * `GET /api/history?device=ID&convention=C&metric=M&from=T&to=T&points=N` (metric: the native
 * name or the handle). Also `GET /api/history?quantity=Q&from=&to=&points=` for every series of a
 * quantity at once (a chart), answered as `ApiHistoryBatchResponse`.
 */
export interface ApiHistoryResponse {
  device: string;
  convention: ConventionId;
  metric: string;
  handle: string;
  quantity: QuantityId | null;
  unit: string;
  from: number;
  to: number;
  tier: HistoryTier;
  /** Bucket width in ms for rolled-up tiers, 0 for raw. */
  bucketMs: number;
  /**
   * Time order. Raw: `[at, value]`; rolled up: `[bucketStart, mean, min, max]`. Tuples keep a year
   * of points small on the wire.
   */
  points: Array<[number, number] | [number, number, number, number]>;
  /** Spans in the range when the recorder heard nothing (its outages): charts break there. */
  gaps: Array<{ from: number; to: number }>;
}

export interface ApiHistoryBatchResponse {
  quantity: QuantityId;
  from: number;
  to: number;
  series: ApiHistoryResponse[];
}

export type ApiEventKind =
  | 'online'
  | 'offline'
  | 'switch'
  | 'alert'
  | 'alert-cleared'
  | 'control-sent'
  | 'control-confirmed'
  | 'recorder-outage';

/** `GET /api/events?from=T&to=T[&device=ID&convention=C][&limit=N]`, newest first. */
export interface ApiEventsResponse {
  from: number;
  to: number;
  events: ApiEvent[];
  /** True when more events matched than the limit. */
  truncated: boolean;
}

export interface ApiEvent {
  at: number;
  kind: ApiEventKind;
  /** Device key, or null for events of the recorder itself. */
  device: string | null;
  /** The device's name when the event happened. */
  name: string | null;
  /** The metric handle, for switch, alert and control events. */
  metric: string | null;
  /** The new state (switch 0/1, a control's value), or the reading that raised an alert. */
  value: number | null;
  /** In words, plain text ("Kitchen went offline (Last Will)"); never HTML. */
  text: string;
  /** For outages: when it ended (null while it lasts). */
  until: number | null;
}

/** A 400 answer: `{ error }`, one sentence saying what was wrong with the request. */
export interface ApiError {
  error: string;
}
