import { credentialsFor, isSameBroker } from '../config/credentials';
import { createBatcher, type Schedule } from '../core/batcher';
import { defaultBrokerUrl } from '../core/connectionStatus';
import type { InterpretedMessage } from '../core/interpretation';
import type { Heartbeat } from '../mqtt/connection';
import { type LiveConnection, openLiveConnection } from '../mqtt/liveConnection';
import { useHearthStore } from '../store/store';
import { claimScreenIdentity, pageScreenEnvironment } from './screenIdentity';

/** How often statuses are re-derived, so silence turns a device stale without any message. */
const STATUS_TICK_MS = 1000;
/** Hidden tabs get no animation frames; fold on a timer there so alerts still fire. */
const HIDDEN_FLUSH_MS = 250;
/**
 * After a connect (or a pause of the page), the dashboard is still deaf this long, so retained
 * state (a device's `online`, the values it missed) lands before statuses count silence again
 * and alerts start: a reload or a wake-up does not alert for devices that are fine.
 */
const CATCH_UP_MS = 3000;
/**
 * Silence is counted only up to the connection's last beat plus this: if its clock stopped (the
 * tablet slept) the page must not count the sleep as every device's silence before it hears so.
 */
const HEARTBEAT_GRACE_MS = 1500;
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
 * an immediate reconnect when the tablet wakes or the network returns. The connection opens at
 * once, so its state shows without waiting for anything; messages are folded only once
 * `historyRestored` settles, so live data never races the restore. Returns a stop function.
 */
export function startSession(options: {
  preferWorker: boolean;
  historyRestored?: Promise<unknown>;
}): () => void {
  const store = useHearthStore;
  /**
   * The connection's last beat: the last moment it is known to have been running. Only beats
   * move it: messages delivered on waking arrive before the beat that says there was a pause.
   */
  let aliveAt = Date.now();
  /** Silence counts up to now, or up to the connection's last sign of running if that is late. */
  const listenedNow = () => Math.min(Date.now(), aliveAt + HEARTBEAT_GRACE_MS);
  // Until the history is back, batches wait here (bounded: past MAX_QUEUED they go in anyway).
  let held: InterpretedMessage[][] | null = options.historyRestored === undefined ? null : [];
  let heldCount = 0;
  const ingest = (batch: InterpretedMessage[]) => store.getState().ingest(batch, Date.now(), listenedNow());
  const releaseHeld = () => {
    const batches = held ?? [];
    held = null;
    for (const batch of batches) ingest(batch);
  };
  const batcher = createBatcher<InterpretedMessage>(
    frameSchedule,
    (batch) => {
      if (held === null) {
        ingest(batch);
        return;
      }
      held.push(batch);
      heldCount += batch.length;
      if (heldCount > MAX_QUEUED) releaseHeld();
    },
    MAX_QUEUED,
  );
  let connection: LiveConnection | null = null;
  // Claimed once: the id stays this tab's across reconnects and settings changes.
  const identity = claimScreenIdentity(pageScreenEnvironment());
  let hiddenSince = document.visibilityState === 'hidden' ? Date.now() : 0;
  let connected = false;

  // Deaf while disconnected or catching up; listening (statuses count silence, alerts armed)
  // only once connected and caught up.
  let catchUpTimer: ReturnType<typeof setTimeout> | null = null;
  const catchUp = () => {
    if (catchUpTimer !== null) clearTimeout(catchUpTimer);
    catchUpTimer = setTimeout(() => {
      catchUpTimer = null;
      batcher.flush();
      if (held !== null) return; // history still loading: listen when it is back
      store.getState().listen(Date.now());
    }, CATCH_UP_MS);
  };
  const goDeaf = (since: number) => {
    if (catchUpTimer !== null) clearTimeout(catchUpTimer);
    catchUpTimer = null;
    store.getState().goDeaf(since);
  };
  const onConnectionStatus = (nowConnected: boolean) => {
    const was = connected;
    connected = nowConnected;
    if (nowConnected && !was) catchUp();
    else if (!nowConnected) goDeaf(Date.now());
  };
  // History back: the messages that waited go in, and a connection that caught up meanwhile listens.
  void options.historyRestored?.finally(() => {
    releaseHeld();
    if (connected && catchUpTimer === null && store.getState().deafSince !== null) catchUp();
  });
  const onHeartbeat = (beat: Heartbeat) => {
    aliveAt = Math.max(aliveAt, beat.at);
    if (beat.pausedSince === null) return;
    // The connection's clock stopped: nothing was heard from then, whatever the socket says now.
    goDeaf(beat.pausedSince);
    batcher.flush();
    if (connected) catchUp();
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
        subscriptionQos: isSameBroker(settings.brokerUrl, null, window.location) ? 1 : 0,
      },
      {
        onMessages: (items) => {
          for (const item of items) batcher.push(item);
        },
        onStatus: (status) => {
          onConnectionStatus(status.kind === 'connected');
          store.getState().setConnection(status);
        },
        onHeartbeat,
      },
      window.location.protocol,
      options.preferWorker,
      identity,
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
    store.getState().tick(listenedNow());
    connection?.resume(hiddenFor);
  };
  const onOnline = () => connection?.resume(0);
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('online', onOnline);
  const clock = setInterval(() => store.getState().tick(listenedNow()), STATUS_TICK_MS);

  connectWithSettings();

  return () => {
    if (catchUpTimer !== null) clearTimeout(catchUpTimer);
    unsubscribe();
    clearInterval(clock);
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('online', onOnline);
    connection?.stop();
    connection = null;
    void identity.then((claimed) => claimed.release());
    store.getState().setPublisher(null, null);
  };
}
