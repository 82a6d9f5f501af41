import { randomBytes } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import type { GatewayOptions } from './gatewayOptions.ts';
import { brightnessAt, type RandomSource, temperatureAt } from './roomReadings.ts';

/** How long a room waits between attempts while its broker is away. */
export const RECONNECT_PERIOD_MS = 2000;
/** How long a clean stop waits for the broker to take the room's goodbye before cutting the line. */
const GOODBYE_TIMEOUT_MS = 2000;
const CONNECT_TIMEOUT_MS = 10_000;

/** Something worth a line in the gateway's log. */
export type GatewayEvent =
  | { kind: 'connected'; room: string }
  | { kind: 'connection-lost'; room: string }
  | { kind: 'unreachable'; room: string; reason: string }
  | { kind: 'reconnected'; room: string }
  | { kind: 'dropped'; room: string; backInMs: number }
  | { kind: 'back'; room: string };

/** The log line for an event, without a timestamp. */
export function describeGatewayEvent(event: GatewayEvent): string {
  const retrying = `retrying every ${RECONNECT_PERIOD_MS / 1000} s`;
  switch (event.kind) {
    case 'connected':
      return `${event.room}: connected, status online`;
    case 'connection-lost':
      return `${event.room}: lost the broker, ${retrying}`;
    case 'unreachable':
      return `${event.room}: cannot reach the broker (${event.reason}), ${retrying}`;
    case 'reconnected':
      return `${event.room}: reconnected, status online`;
    case 'dropped':
      return `${event.room}: dropped its connection (the broker publishes its Will: offline), back in ${Math.round(event.backInMs / 1000)} s`;
    case 'back':
      return `${event.room}: back, status online`;
  }
}

/**
 * One room's sensor box: its own MQTT client with a Last Will, so the dashboard sees it go offline
 * however it leaves. It publishes `house/<room>/temperature` and `house/<room>/brightness` as
 * plain numbers, and a retained `house/<room>/status` of `online` or `offline`.
 */
export class SimulatedRoom {
  readonly name: string;
  readonly #options: GatewayOptions;
  readonly #report: (event: GatewayEvent) => void;
  readonly #random: RandomSource;
  readonly #clientId: string;
  #client: MqttClient | null = null;
  #readingTimer: NodeJS.Timeout | null = null;
  #returnTimer: NodeJS.Timeout | null = null;
  /** What the next successful connect means, for the log. */
  #nextConnect: 'connected' | 'reconnected' | 'back' = 'connected';
  #outageReported = false;

  constructor(
    name: string,
    options: GatewayOptions,
    report: (event: GatewayEvent) => void,
    random: RandomSource,
  ) {
    this.name = name;
    this.#options = options;
    this.#report = report;
    this.#random = random;
    this.#clientId = `hearth-${name}-${randomBytes(3).toString('hex')}`;
  }

  get #topicPrefix(): string {
    return `house/${this.name}`;
  }

  get isConnected(): boolean {
    return this.#client?.connected ?? false;
  }

  /** Connects and starts publishing; resolves once the first attempt has succeeded or failed. */
  start(): Promise<void> {
    this.#readingTimer = setInterval(() => this.#publishReadings(), this.#options.intervalMs);
    return new Promise((resolve) => {
      const client = this.#connect();
      client.once('connect', () => resolve());
      client.once('close', () => resolve());
    });
  }

  /**
   * Loses the connection abruptly, as a tripped fuse would: the socket goes without a DISCONNECT,
   * so the broker publishes the room's Will. The room returns after `awayMs`.
   */
  drop(awayMs: number): void {
    const client = this.#client;
    if (!client) return;
    this.#client = null;
    client.stream.destroy();
    client.end(true); // only to keep MQTT.js from reconnecting before the room is due back
    this.#report({ kind: 'dropped', room: this.name, backInMs: awayMs });
    this.#returnTimer = setTimeout(() => {
      this.#returnTimer = null;
      this.#nextConnect = 'back';
      this.#connect();
    }, awayMs);
  }

  /** Says goodbye: publishes a retained `offline` itself, then disconnects cleanly (no Will). */
  async stop(): Promise<void> {
    if (this.#readingTimer) clearInterval(this.#readingTimer);
    if (this.#returnTimer) clearTimeout(this.#returnTimer);
    this.#readingTimer = null;
    this.#returnTimer = null;
    const client = this.#client;
    this.#client = null;
    if (!client) return;
    if (client.connected) {
      const farewell = client.publishAsync(`${this.#topicPrefix}/status`, 'offline', {
        qos: 1,
        retain: true,
      });
      if (
        (await settlesWithin(farewell, GOODBYE_TIMEOUT_MS)) &&
        (await settlesWithin(client.endAsync(), GOODBYE_TIMEOUT_MS))
      ) {
        return;
      }
    }
    client.end(true);
    client.stream.destroy();
  }

  #connect(): MqttClient {
    const { brokerUrl, username, password } = this.#options;
    const client = connect(brokerUrl, {
      clientId: this.#clientId,
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password }),
      clean: true,
      reconnectPeriod: RECONNECT_PERIOD_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      will: { topic: `${this.#topicPrefix}/status`, payload: Buffer.from('offline'), qos: 1, retain: true },
      transformWsUrl: bracketIpv6Host,
    });
    client.on('connect', () => {
      this.#outageReported = false;
      // Readings follow once the broker holds the status, so a dashboard sees the room online first.
      client.publish(`${this.#topicPrefix}/status`, 'online', { qos: 1, retain: true }, () =>
        this.#publishReadings(),
      );
      this.#report({ kind: this.#nextConnect, room: this.name });
      this.#nextConnect = 'reconnected';
    });
    // MQTT.js reports every failed attempt; the log gets one line per outage.
    client.on('close', () => this.#reportOutage(client, null));
    client.on('error', (error) => this.#reportOutage(client, error));
    this.#client = client;
    return client;
  }

  #reportOutage(client: MqttClient, error: Error | null): void {
    if (this.#client !== client || this.#outageReported) return;
    if (this.#nextConnect === 'reconnected') {
      this.#report({ kind: 'connection-lost', room: this.name });
    } else if (error) {
      this.#report({ kind: 'unreachable', room: this.name, reason: describeConnectError(error) });
    } else {
      return; // a failed first attempt also errors, and that line says why
    }
    this.#outageReported = true;
  }

  #publishReadings(): void {
    const client = this.#client;
    // While offline MQTT.js would queue readings and replay stale ones on return; a sensor just skips.
    if (!client?.connected) return;
    const now = new Date();
    client.publish(
      `${this.#topicPrefix}/temperature`,
      temperatureAt(this.name, now, this.#random).toFixed(1),
    );
    client.publish(`${this.#topicPrefix}/brightness`, String(brightnessAt(this.name, now, this.#random)));
  }
}

/**
 * MQTT.js drops the brackets of an IPv6 host when it parses a URL, then builds its WebSocket URL
 * without them (`ws://::1:8080/mqtt`), which no one can parse. Put them back.
 */
export function bracketIpv6Host(url: string, options: { hostname?: string }): string {
  const host = options.hostname;
  if (!host?.includes(':') || host.startsWith('[')) return url;
  return url.replace(`://${host}:`, `://[${host}]:`);
}

/** Whether `promise` fulfils within `ms`; a rejection or a timeout both count as no. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(
      () => resolve(true),
      () => resolve(false),
    );
    promise.finally(() => clearTimeout(timer)).catch(() => {});
  });
}

/** Node reports a refused connection to a name with several addresses as an AggregateError with no message. */
function describeConnectError(error: Error): string {
  if (error.message) return error.message;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  if (error instanceof AggregateError) {
    const first: unknown = error.errors[0];
    if (first instanceof Error) return describeConnectError(first);
  }
  return 'connection failed';
}
