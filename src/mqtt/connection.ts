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
import { type ClientSession, oneVisitClientId } from './clientSession';
import { planSubscriptions } from './subscriptionPlan';

export interface ConnectionSettings {
  url: string;
  username: string;
  password: string;
  filters: readonly string[];
  /** The user's own topic patterns, read before the built-in conventions' fallback. */
  customPatterns: readonly CustomPattern[];
  /** Who the screen is to the broker; absent: a fresh id and a clean session each visit. */
  session?: ClientSession;
  /**
   * The subscriptions' QoS: 1 on Hearth's own broker, so it queues what devices publish while the
   * screen sleeps; 0 elsewhere (the default), because a broker such as Mosquitto holds at most
   * `max_queued_messages` (1,000 by default) for a client even while it is connected, and a burst
   * beyond that is lost. Sleep gaps are then filled from the Hearth server's history.
   */
  subscriptionQos?: 0 | 1;
}

/** Where the connection runs: worker timers help only on the page's main thread. */
export type TimerHome = 'page' | 'worker';

/** A beat of the connection's own clock: it was running at `at`. */
export interface Heartbeat {
  at: number;
  /**
   * Set when the clock found that it had stopped (the tablet slept, the browser froze the tab):
   * the last moment it knew it was running. Nothing was heard from then until `at`.
   */
  pausedSince: number | null;
}

/** Where the connection reports; it knows nothing of the store. */
export interface ConnectionSinks {
  onMessage(message: InboundMessage): void;
  onStatus(status: ConnectionStatus): void;
  onHeartbeat?(beat: Heartbeat): void;
  /** What the broker's persistent session for this screen holds now (see ClientSession). */
  onSessionFilters?(filters: readonly string[]): void;
}

/** MQTT keepalive: short, so a half-open connection (a sleeping tablet) is noticed within ~30 s. */
const KEEPALIVE_SEC = 20;
/** A broker that has not answered by then is reported as an error; the next attempt follows. */
const CONNECT_TIMEOUT_MS = 3000;
/**
 * A broker that never acknowledges a subscription is still connected: after this long the page
 * says so anyway rather than show "connecting" for ever.
 */
const SUBACK_WAIT_MS = 3000;
/** The connection's clock beats this often, so the page knows it is alive and listening. */
const HEARTBEAT_MS = 1000;
/**
 * A beat this late (with no message in between) means the clock was stopped: the device slept
 * or the browser froze the page. Five beats: a busy thread delays a beat by far less.
 */
const PAUSE_DETECT_MS = 5000;

/**
 * One broker connection with its own reconnect policy. MQTT.js's built-in retry is a fixed
 * interval, so it is turned off and each attempt is a fresh client after a jittered,
 * exponential delay. Each attempt keeps the screen's client id, so a broker that kept its
 * session (clean start off) delivers what queued while the screen slept; subscriptions are sent
 * only where that session lacks them (see planSubscriptions).
 */
export class BrokerConnection {
  private client: MqttClient | null = null;
  private attempt = 0;
  private everConnected = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private beatTimer: ReturnType<typeof setInterval> | null = null;
  /** The last moment this connection's thread is known to have run: a beat or a message. */
  private lastActiveAt = Date.now();
  private readonly session: ClientSession;
  /** What the broker's session holds as far as this connection knows; null: not known. */
  private heldFilters: readonly string[] | null;
  /**
   * Until a subscribe is acknowledged, whoever reads the messages has none of the retained ones
   * (discovery configs, device state) that a SUBSCRIBE makes the broker replay.
   */
  private needsRetained = true;

  constructor(
    private readonly settings: ConnectionSettings,
    private readonly sinks: ConnectionSinks,
    private readonly pageProtocol: string,
    private readonly timerHome: TimerHome = 'page',
  ) {
    this.session = settings.session ?? { clientId: oneVisitClientId(), cleanStart: true, heldFilters: [] };
    this.heldFilters = this.session.heldFilters;
  }

  /**
   * Starts connecting. `firstAttemptFailed`: a first attempt was already made (a bare WebSocket
   * that found nothing listening), so this starts with the retry that follows it.
   */
  start(options: { firstAttemptFailed?: boolean } = {}): void {
    const check = checkBrokerUrl(this.settings.url, this.pageProtocol);
    if (!check.ok) {
      this.report({ kind: 'error', url: this.settings.url, cause: check.reason, attempt: 0, nextAt: null });
      return;
    }
    this.lastActiveAt = Date.now();
    this.beatTimer = setInterval(() => this.beat(), HEARTBEAT_MS);
    if (options.firstAttemptFailed === true) {
      this.attempt = 1;
      this.failed(null);
      return;
    }
    this.report({ kind: 'connecting', url: this.settings.url });
    this.open();
  }

  /**
   * One beat: tells the page the connection is alive, or that it was paused. After a pause
   * longer than the keepalive the socket may be half-open while MQTT.js still believes it is
   * connected, so a fresh connection starts at once. On the page (not in a worker) a hidden tab's
   * timers are throttled, not stopped, so a late beat there proves nothing.
   */
  private beat(): void {
    const now = Date.now();
    const pausedFor = now - this.lastActiveAt;
    const paused =
      pausedFor > PAUSE_DETECT_MS &&
      (this.timerHome === 'worker' ||
        typeof document === 'undefined' ||
        document.visibilityState === 'visible');
    const pausedSince = paused ? this.lastActiveAt : null;
    this.lastActiveAt = now;
    this.sinks.onHeartbeat?.({ at: now, pausedSince });
    if (paused) this.restartIfHalfOpen(pausedFor);
  }

  /** Skips the wait: the page became visible again or the network came back. */
  retryNow(): void {
    if (this.stopped || this.client !== null || this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.open();
  }

  /**
   * Called when the page is visible again, or the network is back: a pending retry goes now.
   * In a worker, the connection's own clock says whether it was paused (see `beat`); on the page,
   * hidden time is the only hint, so a long one restarts the connection.
   */
  resume(hiddenForMs: number): void {
    if (this.stopped) return;
    if (this.client === null) {
      this.retryNow();
      return;
    }
    if (this.timerHome === 'page') this.restartIfHalfOpen(hiddenForMs);
  }

  /** After a pause longer than the keepalive, a connected socket may be half-open: start afresh. */
  private restartIfHalfOpen(pausedForMs: number): void {
    if (this.stopped || this.client === null) return;
    if (this.client.connected && pausedForMs > KEEPALIVE_SEC * 1000) {
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
      clientId: this.session.clientId,
      keepalive: KEEPALIVE_SEC,
      clean: this.session.cleanStart,
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

    client.on('connect', (connack) => {
      if (this.connectTimer !== null) clearTimeout(this.connectTimer);
      this.connectTimer = null;
      this.attempt = 0;
      this.everConnected = true;
      // "Connected" means hearing: said once the broker has acknowledged the subscriptions (or
      // kept them in its session), so a device that publishes after the page says connected is
      // heard, and a remembered value shown meanwhile cannot pass for a live subscription.
      const since = Date.now();
      let said = false;
      const sayConnected = () => {
        if (said || this.client !== client || !client.connected) return;
        said = true;
        clearTimeout(subackWait);
        this.report({ kind: 'connected', url: this.settings.url, since });
      };
      const subackWait = setTimeout(sayConnected, SUBACK_WAIT_MS);
      this.syncSubscriptions(client, connack.sessionPresent, sayConnected);
    });
    client.on('message', (topic, payload, packet) => {
      // A message shows the thread running, unless it comes after a silence as long as a pause:
      // then it is the backlog delivered on waking, and the next beat must still find the pause.
      const now = Date.now();
      if (now - this.lastActiveAt <= PAUSE_DETECT_MS) this.lastActiveAt = now;
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

  /**
   * Brings the broker's session in line with the wanted filters. QoS 1, so the broker queues
   * what QoS 1 devices publish while the screen is away (QoS 0 messages it may drop).
   */
  private syncSubscriptions(client: MqttClient, sessionPresent: boolean, subscribed: () => void): void {
    if (!sessionPresent) this.heldFilters = [];
    const plan = planSubscriptions({
      wanted: this.settings.filters,
      sessionPresent,
      held: this.heldFilters,
      needsRetained: this.needsRetained,
    });
    if (plan.unsubscribe.length > 0)
      client.unsubscribe(plan.unsubscribe, (error) => {
        if (error === undefined)
          this.noteHeld((this.heldFilters ?? []).filter((filter) => !plan.unsubscribe.includes(filter)));
      });
    if (plan.subscribe.length > 0)
      client.subscribe(plan.subscribe, { qos: this.settings.subscriptionQos ?? 0 }, (error) => {
        subscribed();
        if (error !== null) return;
        this.needsRetained = false;
        const held = this.heldFilters ?? [];
        this.noteHeld([...held, ...plan.subscribe.filter((filter) => !held.includes(filter))]);
      });
    else {
      this.needsRetained = false;
      subscribed();
    }
  }

  private noteHeld(filters: readonly string[]): void {
    this.heldFilters = filters;
    if (!this.session.cleanStart) this.sinks.onSessionFilters?.(filters);
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
    if (this.beatTimer !== null) clearInterval(this.beatTimer);
    this.beatTimer = null;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
    this.retryTimer = null;
    this.connectTimer = null;
  }

  private report(status: ConnectionStatus): void {
    this.sinks.onStatus(status);
  }
}
