import { randomBytes } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import type {
  ConventionSpeaker,
  OutgoingMessage,
  RoomReading,
  RoomState,
} from './conventionSpeakers/speaker.ts';
import type { GatewayEvent } from './gatewayEvent.ts';
import { type GatewayOptions, RECONNECT_PERIOD_MS } from './gatewayOptions.ts';
import { brightnessAt, type RandomSource, temperatureAt } from './roomReadings.ts';

/** How long a clean stop waits for the broker to take the room's goodbye before cutting the line. */
const GOODBYE_TIMEOUT_MS = 2000;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * One room's sensor box: its own MQTT client with its convention's Last Will, so the dashboard
 * sees it go offline however it leaves. What it says, and how it answers commands to its relay,
 * is its speaker's business (`house/<room>/…` for the generic one); the room owns the connection,
 * the timers and the state.
 */
export class SimulatedRoom {
  readonly name: string;
  readonly #speaker: ConventionSpeaker;
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
  /** Kept across drops, as a relay keeps its state through a reconnect. */
  #state: RoomState;

  constructor(
    speaker: ConventionSpeaker,
    options: GatewayOptions,
    report: (event: GatewayEvent) => void,
    random: RandomSource,
  ) {
    this.name = speaker.name;
    this.#speaker = speaker;
    this.#options = options;
    this.#report = report;
    this.#random = random;
    this.#clientId = `hearth-${speaker.name}-${randomBytes(3).toString('hex')}`;
    this.#state = { relayOn: false, reading: this.#read() };
  }

  /** The id the dashboard shows this room under. */
  get deviceId(): string {
    return this.#speaker.deviceId;
  }

  /** Whether the room's relay is on. */
  get relayOn(): boolean {
    return this.#state.relayOn;
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
    this.#report({
      kind: 'dropped',
      room: this.name,
      backInMs: awayMs,
      hasWill: this.#speaker.will !== null,
    });
    this.#returnTimer = setTimeout(() => {
      this.#returnTimer = null;
      this.#nextConnect = 'back';
      this.#connect();
    }, awayMs);
  }

  /** Says goodbye: publishes its offline state itself, then disconnects cleanly (no Will). */
  async stop(): Promise<void> {
    if (this.#readingTimer) clearInterval(this.#readingTimer);
    if (this.#returnTimer) clearTimeout(this.#returnTimer);
    this.#readingTimer = null;
    this.#returnTimer = null;
    const client = this.#client;
    this.#client = null;
    if (!client) return;
    if (client.connected) {
      const farewell = Promise.all(this.#speaker.farewell().map((message) => publishAsync(client, message)));
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
    const { brokerUrl, username, password, internal } = this.#options;
    const will = this.#speaker.will;
    const client = connect(brokerUrl, {
      clientId: this.#clientId,
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password }),
      clean: true,
      reconnectPeriod: RECONNECT_PERIOD_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      ...(will === null
        ? {}
        : {
            will: {
              topic: will.topic,
              payload: Buffer.from(will.payload),
              qos: will.qos,
              retain: will.retain,
            },
          }),
      transformWsUrl: bracketIpv6Host,
      ...(internal === undefined
        ? {}
        : {
            wsOptions: { headers: internal.headers },
            ...(internal.trustOwnCertificate ? { rejectUnauthorized: false } : {}),
          }),
    });
    client.on('connect', () => {
      this.#outageReported = false;
      // A clean session forgets subscriptions, so every connect subscribes again.
      const commandTopics = this.#speaker.commandTopics;
      if (commandTopics.length > 0) client.subscribe([...commandTopics], { qos: 1 });
      void this.#greet(client);
      this.#report({ kind: this.#nextConnect, room: this.name });
      this.#nextConnect = 'reconnected';
    });
    client.on('message', (topic, payload) => this.#obey(client, topic, payload.toString()));
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

  /**
   * Publishes the greeting one message at a time, each after the broker took the one before: the
   * broker may pass a QoS 0 message ahead of a retained QoS 1 one still being stored, and a
   * greeting's order means something (availability first; Homie's `init` … `ready`). Readings follow
   * once the broker holds it all, so a dashboard sees the room online first.
   */
  async #greet(client: MqttClient): Promise<void> {
    for (const message of this.#speaker.greet(this.#state)) {
      try {
        await publishAsync(client, message);
      } catch {
        return; // the connection went; the next connect greets again
      }
      if (this.#client !== client) return;
    }
    this.#publishReadings();
  }

  #obey(client: MqttClient, topic: string, payload: string): void {
    if (this.#client !== client) return;
    const obeyed = this.#speaker.obey({ topic, payload }, this.#state);
    if (obeyed === null) return;
    const wasOn = this.#state.relayOn;
    this.#state = { ...this.#state, relayOn: obeyed.relayOn };
    for (const reply of obeyed.replies) publish(client, reply);
    if (obeyed.relayOn !== wasOn)
      this.#report({ kind: 'switched', room: this.name, on: obeyed.relayOn, topic });
  }

  #publishReadings(): void {
    const client = this.#client;
    // While offline MQTT.js would queue readings and replay stale ones on return; a sensor just skips.
    if (!client?.connected) return;
    this.#state = { ...this.#state, reading: this.#read() };
    for (const message of this.#speaker.report(this.#state)) publish(client, message);
  }

  #read(): RoomReading {
    const at = new Date();
    return {
      temperatureC: temperatureAt(this.name, at, this.#random),
      lux: brightnessAt(this.name, at, this.#random),
      at,
    };
  }
}

function publish(client: MqttClient, message: OutgoingMessage): void {
  client.publish(message.topic, message.payload, { qos: message.qos, retain: message.retain });
}

function publishAsync(client: MqttClient, message: OutgoingMessage): Promise<unknown> {
  return client.publishAsync(message.topic, message.payload, { qos: message.qos, retain: message.retain });
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
