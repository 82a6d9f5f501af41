import { credentialsFor } from '../config/credentials';
import { createBatcher, type Schedule } from '../core/batcher';
import { defaultBrokerUrl } from '../core/connectionStatus';
import type { InterpretedMessage } from '../core/interpretation';
import { type LiveConnection, openLiveConnection } from '../mqtt/liveConnection';
import { useHearthStore } from '../store/store';

/** How often statuses are re-derived, so silence turns a device stale without any message. */
const STATUS_TICK_MS = 1000;
/** Hidden tabs get no animation frames; fold on a timer there so alerts still fire. */
const HIDDEN_FLUSH_MS = 250;
/**
 * After a connect, alerts wait this long so retained state (a device's `online`) lands first
 * and a reload does not alert for devices that are fine.
 */
const ALERT_ARM_DELAY_MS = 3000;
/**
 * Messages arrive already interpreted, so folding is cheap: one fold per frame even for a
 * retained storm of thousands, with a cap so the queue stays bounded if frames stop.
 */
const MAX_QUEUED = 50_000;

/**
 * Folds happen on an animation frame, at most every FOLD_MIN_INTERVAL_MS: a value that changes
 * sixty times a second cannot be read anyway, and each fold costs the page a layout. Measured
 * (npm run bench, 5,000 msg/s over 200 devices): layout and paint were most of the main
 * thread's time when every frame folded.
 */
const FOLD_MIN_INTERVAL_MS = 50;
let lastFoldAt = 0;
const frameSchedule: Schedule = (run) => {
  if (document.visibilityState !== 'visible') {
    setTimeout(run, HIDDEN_FLUSH_MS);
    return;
  }
  const wait = lastFoldAt + FOLD_MIN_INTERVAL_MS - performance.now();
  const onFrame = () => {
    lastFoldAt = performance.now();
    run();
  };
  if (wait <= 0) requestAnimationFrame(onFrame);
  else setTimeout(() => requestAnimationFrame(onFrame), wait);
};

/**
 * Runs the dashboard's live side: one broker connection for the current settings (restarted
 * when they change), messages batched per animation frame into the store, a status clock, and
 * an immediate reconnect when the tablet wakes or the network returns. Returns a stop function.
 */
export function startSession(options: { preferWorker: boolean }): () => void {
  const store = useHearthStore;
  const batcher = createBatcher<InterpretedMessage>(
    frameSchedule,
    (batch) => store.getState().ingest(batch, Date.now()),
    MAX_QUEUED,
  );
  let connection: LiveConnection | null = null;
  let hiddenSince = document.visibilityState === 'hidden' ? Date.now() : 0;

  // Alerts only while connected and settled; the time spent disconnected is an outage.
  let armTimer: ReturnType<typeof setTimeout> | null = null;
  let downSince: number | null = Date.now();
  const onConnectionStatus = (connected: boolean) => {
    const state = store.getState();
    if (connected && armTimer === null && !state.alertsArmed) {
      if (downSince !== null && state.lastDataAt !== null)
        state.recordOutage({ from: downSince, to: Date.now() });
      downSince = null;
      armTimer = setTimeout(() => {
        armTimer = null;
        batcher.flush();
        store.getState().armAlerts(Date.now());
      }, ALERT_ARM_DELAY_MS);
    } else if (!connected) {
      if (armTimer !== null) clearTimeout(armTimer);
      armTimer = null;
      downSince ??= Date.now();
      if (state.alertsArmed) state.disarmAlerts();
    }
  };

  const connectWithSettings = () => {
    connection?.stop();
    const { settings } = store.getState();
    connection = openLiveConnection(
      {
        url: settings.brokerUrl ?? defaultBrokerUrl(window.location),
        // Credentials go only to the broker (or profile) they were saved for, never to a link's.
        ...credentialsFor(settings.brokerUrl, store.getState().savedSettings, window.location),
        filters: settings.topics,
        customPatterns: settings.customPatterns,
      },
      {
        onMessages: (items) => {
          for (const item of items) batcher.push(item);
        },
        onStatus: (status) => {
          onConnectionStatus(status.kind === 'connected');
          store.getState().setConnection(status);
        },
      },
      window.location.protocol,
      options.preferWorker,
    );
    const live = connection;
    store.getState().setPublisher(
      (message) => live.publish(message),
      () => live.recentTopics(),
    );
  };

  const unsubscribe = store.subscribe((state, previous) => {
    const a = state.settings;
    const b = previous.settings;
    if (a === b) return;
    if (
      a.brokerUrl !== b.brokerUrl ||
      a.username !== b.username ||
      a.password !== b.password ||
      a.topics.join() !== b.topics.join() ||
      JSON.stringify(a.customPatterns) !== JSON.stringify(b.customPatterns)
    ) {
      connectWithSettings();
    }
  });

  const onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      hiddenSince = Date.now();
      return;
    }
    const hiddenFor = hiddenSince === 0 ? 0 : Date.now() - hiddenSince;
    hiddenSince = 0;
    batcher.flush();
    store.getState().tick(Date.now());
    connection?.resume(hiddenFor);
  };
  const onOnline = () => connection?.resume(0);
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('online', onOnline);
  const clock = setInterval(() => store.getState().tick(Date.now()), STATUS_TICK_MS);

  connectWithSettings();

  return () => {
    if (armTimer !== null) clearTimeout(armTimer);
    unsubscribe();
    clearInterval(clock);
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('online', onOnline);
    connection?.stop();
    connection = null;
    store.getState().setPublisher(null, null);
  };
}
