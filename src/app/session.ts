import { credentialsFor, isSameBroker } from '../config/credentials';
import { createBatcher, type Schedule } from '../core/batcher';
import { defaultBrokerUrl } from '../core/connectionStatus';
import type { InterpretedMessage } from '../core/interpretation';
import type { Heartbeat } from '../mqtt/connection';
import {
  dropWarmConnectionWorker,
  type LiveConnection,
  openLiveConnection,
  warmConnectionWorker,
} from '../mqtt/liveConnection';
import { onLiveRendered } from '../store/live';
import { useHearthStore } from '../store/store';
import { claimScreenIdentity, pageScreenEnvironment } from './screenIdentity';

/** How often statuses are re-derived, so silence turns a device stale without any message. */
const STATUS_TICK_MS = 1000;
/** Hidden tabs get no animation frames; folds wait this long there, so alerts still fire. */
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
 * The page's one batching stage, the fold: whatever the connection delivered is folded into the
 * store at the next animation frame, once the previous fold is on screen (see `LiveRendered`).
 * Light traffic is folded every frame, so a reading shows at the first frame that can show it;
 * under load a fold waits for the screen to finish the last one, so folds grow coarser exactly
 * as far as rendering needs, and never queue behind each other. Past this many messages waiting
 * they are folded at once (the store takes a batch in milliseconds; the screen follows).
 */
const FOLD_QUEUE_MAX = 5_000;
/**
 * Under load, folding may take at most this share of the main thread: after a fold that took
 * 10 ms (the store's work and every selector that reads it), the next waits 30 ms more. Light
 * traffic folds in a millisecond or two, so it folds every frame; a slow tablet under a thousand
 * messages a second folds a few times a second, leaving the frames between to the rendering and
 * painting that follow each fold.
 */
const FOLD_SHARE_MAX = 0.25;
/**
 * Until the history is restored, messages wait unfolded (live data must not race the restore);
 * this many at most, then they go in anyway.
 */
const HISTORY_WAIT_MAX = 50_000;
/**
 * A fold the screen has not shown within this long (nothing on screen reads the fleet, or the
 * page is hidden) no longer holds back the next one.
 */
const RENDER_WAIT_MAX_MS = 500;

/**
 * Before the server says who is signed in: the connection worker starts loading MQTT.js on its
 * own thread (on a slow tablet the broker's handshake came half a second sooner), unless the page
 * keeps its connection itself (`preferWorker` false). `startSession` takes the worker.
 */
export function prepareSession(preferWorker: boolean): void {
  if (preferWorker) warmConnectionWorker();
}

/** No session will start (the sign-in page shows): the prepared worker stops. */
export function abandonSession(): void {
  dropWarmConnectionWorker();
}

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
  let historyBack = options.historyRestored === undefined;
  // The fold that the screen has yet to show, and the fold waiting for it.
  let unshown = false;
  let afterShown: (() => void) | null = null;
  let shownTimer: ReturnType<typeof setTimeout> | null = null;
  const shown = () => {
    unshown = false;
    if (shownTimer !== null) clearTimeout(shownTimer);
    shownTimer = null;
    const next = afterShown;
    afterShown = null;
    next?.();
  };
  const stopWatchingRenders = onLiveRendered((fleet) => {
    if (unshown && fleet === store.getState().fleet) shown();
  });
  /** Before this (performance.now()), folding again would take more than FOLD_SHARE_MAX. */
  let foldFreeAt = 0;
  const whenFrameFree: Schedule = (run) => {
    if (!historyBack) return; // folded when the history is back (releaseHeld)
    const atFrame = () => {
      // Hidden tabs get no animation frames; a timer folds there so alerts still fire.
      if (document.visibilityState !== 'visible') {
        setTimeout(run, HIDDEN_FLUSH_MS);
        return;
      }
      const wait = foldFreeAt - performance.now();
      if (wait > 0) setTimeout(() => requestAnimationFrame(run), wait);
      else requestAnimationFrame(run);
    };
    if (unshown) afterShown = atFrame;
    else atFrame();
  };
  const batcher = createBatcher<InterpretedMessage>(
    whenFrameFree,
    (batch) => {
      const before = store.getState().fleet;
      const started = performance.now();
      store.getState().ingest(batch, Date.now(), listenedNow());
      const done = performance.now();
      foldFreeAt = done + (done - started) * (1 / FOLD_SHARE_MAX - 1);
      // The screen shows a fold after a render and a paint (the effect of `LiveRendered`), never
      // while the fold runs: from here it is unshown, unless it changed nothing to show.
      if (store.getState().fleet === before || unshown) return;
      unshown = true;
      shownTimer = setTimeout(shown, RENDER_WAIT_MAX_MS);
    },
    () => (historyBack ? FOLD_QUEUE_MAX : HISTORY_WAIT_MAX),
  );
  const releaseHeld = () => {
    historyBack = true;
    batcher.flush();
  };
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
      if (!historyBack) return; // history still loading: listen when it is back
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
        onMessages: (items) => batcher.pushAll(items),
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
    if (shownTimer !== null) clearTimeout(shownTimer);
    stopWatchingRenders();
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
