import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import {
  type ConnectionStatus,
  checkBrokerUrl,
  describeConnectionError,
  reconnectDelayMs,
} from '../core/connectionStatus';
import type { CustomPattern } from '../core/conventions/customPattern';
import type { InboundMessage } from '../core/message';
import { checkPublishTopic } from '../core/topic';

export interface ConnectionSettings {
  url: string;
  username: string;
  password: string;
  filters: readonly string[];
  /** The user's own topic patterns, read before the built-in conventions' fallback. */
  customPatterns: readonly CustomPattern[];
}

/** Where the connection runs: worker timers help only on the page's main thread. */
export type TimerHome = 'page' | 'worker';

/** Where the connection reports; it knows nothing of the store. */
export interface ConnectionSinks {
  onMessage(message: InboundMessage): void;
  onStatus(status: ConnectionStatus): void;
}

/** MQTT keepalive: short, so a half-open connection (a sleeping tablet) is noticed within ~30 s. */
const KEEPALIVE_SEC = 20;
/** A broker that has not answered by then is reported as an error; the next attempt follows. */
const CONNECT_TIMEOUT_MS = 3000;

/**
 * One broker connection with its own reconnect policy. MQTT.js's built-in retry is a fixed
 * interval, so it is turned off and each attempt is a fresh client after a jittered,
 * exponential delay. Every successful connect subscribes once with a clean session, so
 * subscriptions never pile up across reconnects.
 */
export class BrokerConnection {
  private client: MqttClient | null = null;
  private attempt = 0;
  private everConnected = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly settings: ConnectionSettings,
    private readonly sinks: ConnectionSinks,
    private readonly pageProtocol: string,
    private readonly timerHome: TimerHome = 'page',
  ) {}

  start(): void {
    const check = checkBrokerUrl(this.settings.url, this.pageProtocol);
    if (!check.ok) {
      this.report({ kind: 'error', url: this.settings.url, cause: check.reason, attempt: 0, nextAt: null });
      return;
    }
    this.report({ kind: 'connecting', url: this.settings.url });
    this.open();
  }

  /** Skips the wait: the page became visible again or the network came back. */
  retryNow(): void {
    if (this.stopped || this.client !== null || this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.open();
  }

  /**
   * Called when the page is visible again. After a sleep longer than the keepalive the socket
   * may be half-open while MQTT.js still believes it is connected: start a fresh connection
   * at once instead of waiting for the keepalive to notice.
   */
  resume(hiddenForMs: number): void {
    if (this.stopped) return;
    if (this.client === null) {
      this.retryNow();
      return;
    }
    if (this.client.connected && hiddenForMs > KEEPALIVE_SEC * 1000) {
      this.detach(this.client);
      this.attempt = 0;
      this.report({
        kind: 'reconnecting',
        url: this.settings.url,
        attempt: 1,
        nextAt: null,
        cause: 'back from sleep',
      });
      this.open();
    }
  }

  publish(topic: string, payload: string, options: { qos: 0 | 1 | 2; retain: boolean }): string | null {
    const check = checkPublishTopic(topic);
    if (!check.ok) return check.reason;
    if (this.client?.connected !== true) return 'not connected to the broker';
    this.client.publish(topic, payload, options);
    return null;
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.closeClient();
    this.report({ kind: 'disconnected', reason: 'stopped' });
  }

  private open(): void {
    this.attempt++;
    const options: IClientOptions = {
      clientId: `hearth-${Math.random().toString(16).slice(2, 10)}`,
      keepalive: KEEPALIVE_SEC,
      clean: true,
      reconnectPeriod: 0,
      resubscribe: false,
      connectTimeout: CONNECT_TIMEOUT_MS * 2,
      protocolVersion: 4,
      // On the page, worker timers keep the keepalive ticking in a hidden tab, where the browser
      // throttles main-thread timers to once a minute and the broker would drop us. Inside a
      // worker, timers are not throttled that way.
      timerVariant: this.timerHome === 'page' ? 'auto' : 'native',
    };
    if (this.settings.username !== '') options.username = this.settings.username;
    if (this.settings.password !== '') options.password = this.settings.password;
    let lastError: (Error & { code?: unknown }) | null = null;
    let client: MqttClient;
    try {
      client = mqtt.connect(this.settings.url, options);
    } catch (error) {
      this.failed(error instanceof Error ? error : null);
      return;
    }
    this.client = client;
    this.connectTimer = setTimeout(() => {
      this.connectTimer = null;
      if (client.connected) return;
      this.detach(client);
      this.failed({ message: 'timeout' });
    }, CONNECT_TIMEOUT_MS);

    client.on('connect', () => {
      if (this.connectTimer !== null) clearTimeout(this.connectTimer);
      this.connectTimer = null;
      this.attempt = 0;
      this.everConnected = true;
      this.report({ kind: 'connected', url: this.settings.url, since: Date.now() });
      if (this.settings.filters.length > 0) client.subscribe([...this.settings.filters], { qos: 0 });
    });
    client.on('message', (topic, payload, packet) => {
      this.sinks.onMessage({ topic, payload, retained: packet.retain === true, receivedAt: Date.now() });
    });
    client.on('error', (error) => {
      lastError = error as Error & { code?: unknown };
    });
    client.on('close', () => {
      if (this.client !== client) return;
      this.detach(client);
      this.failed(lastError);
    });
  }

  private failed(error: { message?: string; code?: unknown } | null): void {
    if (this.stopped) return;
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
    this.connectTimer = null;
    const cause = describeConnectionError(error, this.settings.url);
    const delay = reconnectDelayMs(this.attempt, Math.random());
    const nextAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
    this.report(
      this.everConnected
        ? { kind: 'reconnecting', url: this.settings.url, attempt: this.attempt, nextAt, cause }
        : { kind: 'error', url: this.settings.url, cause, attempt: this.attempt, nextAt },
    );
  }

  private detach(client: MqttClient): void {
    if (this.client === client) this.client = null;
    client.removeAllListeners();
    client.on('error', () => {}); // a late socket error must not become an uncaught exception
    client.end(true);
  }

  private closeClient(): void {
    if (this.client !== null) this.detach(this.client);
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
    this.retryTimer = null;
    this.connectTimer = null;
  }

  private report(status: ConnectionStatus): void {
    this.sinks.onStatus(status);
  }
}
