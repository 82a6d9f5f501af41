import type { ConnectionStatus } from '../core/connectionStatus';
import type { InterpretedMessage } from '../core/interpretation';
import { clientSessionFor, type ScreenIdentity } from './clientSession';
import type { BrokerConnection, ConnectionSettings, Heartbeat } from './connection';
import type { MessageReader } from './messageReader';
import type { FromWorker, PublishRequest, ToWorker } from './workerProtocol';

const WORKER_STOP_GRACE_MS = 250;

export interface LiveConnectionSinks {
  onMessages(items: InterpretedMessage[]): void;
  onStatus(status: ConnectionStatus): void;
  /** The connection's clock: alive at a time, or found paused (see `Heartbeat`). */
  onHeartbeat(beat: Heartbeat): void;
}

/** A broker connection as the page sees it, wherever it runs. */
export interface LiveConnection {
  stop(): void;
  /** The page is visible again after `hiddenForMs`: reconnect now if needed. */
  resume(hiddenForMs: number): void;
  /** Resolves to null when sent, or the reason it was not. */
  publish(request: PublishRequest): Promise<string | null>;
  /** Distinct topics seen lately, newest first (for trying out topic patterns). */
  recentTopics(): Promise<string[]>;
}

/**
 * Opens the connection in a Web Worker when the browser allows it, else on the page. Both
 * deliver the same interpreted batches. With `identity` (claimed once per page), the connection
 * keeps the screen's client id and persistent session, and this remembers on the page what that
 * session holds; without it, each visit is a stranger with a clean session.
 */
export function openLiveConnection(
  settings: ConnectionSettings,
  sinks: LiveConnectionSinks,
  pageProtocol: string,
  preferWorker = true,
  identity: Promise<ScreenIdentity> | null = null,
): LiveConnection {
  const ready = withSession(settings, identity);
  if (preferWorker && typeof Worker !== 'undefined') {
    try {
      return openInWorker(settings, ready, sinks, pageProtocol);
    } catch {
      // A CSP without worker-src, or an old browser: fall through to the page.
    }
  }
  return openOnPage(ready, sinks, pageProtocol);
}

/** The settings with the screen's session, and where to note what that session holds. */
interface SessionReady {
  settings: ConnectionSettings;
  onSessionFilters(filters: readonly string[]): void;
}

async function withSession(
  settings: ConnectionSettings,
  identity: Promise<ScreenIdentity> | null,
): Promise<SessionReady> {
  const screen = await identity;
  if (screen === null || screen === undefined) return { settings, onSessionFilters: () => {} };
  return {
    settings: { ...settings, session: clientSessionFor(screen, settings.url) },
    onSessionFilters: (filters) => screen.rememberHeldFilters(settings.url, filters),
  };
}

function newConnectionWorker(): Worker {
  return new Worker(new URL('./connection.worker.ts', import.meta.url), {
    type: 'module',
    name: 'hearth-mqtt',
  });
}

let warm: Worker | null = null;

/**
 * Starts the connection worker now, before the page knows its settings or its session: it loads
 * and compiles MQTT.js on its own thread while the page starts. Created with the connection,
 * it started behind the page's first render (half a second later on a slow tablet). The next
 * connection opened takes it.
 */
export function warmConnectionWorker(): void {
  if (warm !== null || typeof Worker === 'undefined') return;
  try {
    warm = newConnectionWorker();
  } catch {
    warm = null; // a CSP without worker-src: the connection finds out again and runs on the page
  }
}

/** No connection will take the warm worker (the sign-in page shows): it stops. */
export function dropWarmConnectionWorker(): void {
  warm?.terminate();
  warm = null;
}

function openInWorker(
  settings: ConnectionSettings,
  ready: Promise<SessionReady>,
  sinks: LiveConnectionSinks,
  pageProtocol: string,
): LiveConnection {
  const worker = warm ?? newConnectionWorker();
  warm = null;
  const waiting = new Map<number, (error: string | null) => void>();
  const topicWaiters = new Map<number, (topics: string[]) => void>();
  let nextId = 1;
  const send = (message: ToWorker) => worker.postMessage(message);
  // A stopped connection says nothing more: its last words ("disconnected") could otherwise land
  // after the next connection's "connected" and leave the page believing it is offline.
  let stopped = false;
  let onSessionFilters: SessionReady['onSessionFilters'] = () => {};
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (stopped && (message.type === 'batch' || message.type === 'status' || message.type === 'heartbeat'))
      return;
    if (message.type === 'sessionFilters') onSessionFilters(message.filters);
    else if (message.type === 'batch') sinks.onMessages(message.items);
    else if (message.type === 'status') sinks.onStatus(message.status);
    else if (message.type === 'heartbeat') sinks.onHeartbeat(message.beat);
    else if (message.type === 'topics') {
      topicWaiters.get(message.id)?.(message.topics);
      topicWaiters.delete(message.id);
    } else {
      waiting.get(message.id)?.(message.error);
      waiting.delete(message.id);
    }
  };
  worker.onerror = (event) => {
    sinks.onStatus({
      kind: 'error',
      url: settings.url,
      cause: `the connection worker failed: ${event.message}`,
      attempt: 0,
      nextAt: null,
    });
  };
  // The worker loads MQTT.js meanwhile; the page claims the screen's id in a few milliseconds.
  void ready.then((session) => {
    if (stopped) return;
    onSessionFilters = session.onSessionFilters;
    send({ type: 'start', settings: session.settings, pageProtocol });
  });
  return {
    stop() {
      stopped = true;
      send({ type: 'stop' });
      // Give the worker a moment to send DISCONNECT; terminating at once would cut the socket.
      setTimeout(() => worker.terminate(), WORKER_STOP_GRACE_MS);
      for (const resolve of waiting.values()) resolve('disconnected');
      waiting.clear();
    },
    resume(hiddenForMs) {
      send({ type: 'resume', hiddenForMs });
    },
    publish(request) {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        send({ type: 'publish', id, request });
      });
    },
    recentTopics() {
      const id = nextId++;
      return new Promise((resolve) => {
        topicWaiters.set(id, resolve);
        send({ type: 'topics', id });
      });
    },
  };
}

/**
 * MQTT.js and the conventions' reader are loaded only on this path, so the page's first bundle
 * does not carry them.
 */
function openOnPage(
  ready: Promise<SessionReady>,
  sinks: LiveConnectionSinks,
  pageProtocol: string,
): LiveConnection {
  let connection: BrokerConnection | null = null;
  let reader: MessageReader | null = null;
  let stopped = false;
  void Promise.all([ready, import('./connection'), import('./messageReader')]).then(
    ([{ settings, onSessionFilters }, { BrokerConnection }, { createMessageReader }]) => {
      if (stopped) return;
      // The same reader as in the worker: the same batches, in the same order, on this thread.
      reader = createMessageReader(settings.customPatterns, {
        ...sinks,
        // A batch still on its timer when the connection stopped is not this page's any more.
        onMessages: (items) => {
          if (!stopped) sinks.onMessages(items);
        },
        onSessionFilters,
      });
      connection = new BrokerConnection(settings, reader.connectionSinks, pageProtocol);
      connection.start();
    },
  );
  return {
    stop: () => {
      stopped = true;
      connection?.stop();
    },
    resume: (hiddenForMs) => connection?.resume(hiddenForMs),
    publish: async (request) =>
      connection === null
        ? 'not connected to the broker'
        : connection.publish(request.topic, request.payload, request),
    recentTopics: async () => reader?.recentTopics() ?? [],
  };
}
