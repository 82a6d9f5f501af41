import { isSameBroker } from '../config/credentials';
import type { ApiDevicesResponse } from '../core/historyApi';
import { useHearthStore } from '../store/store';
import { fetchServerDevices, fetchServerEvents, type ServerAnswer } from './serverApi';

/**
 * How long the first messages wait for the server's devices at start: a value the server
 * remembers must be folded before live messages, but a slow server must not hold the screen.
 * Past this the answer is still folded when it comes (the newer value wins either way).
 */
const START_WAIT_MS = 2000;
/** A reconnect after this much deafness asks the server what changed meanwhile. */
const BACKFILL_AFTER_DEAF_MS = 10_000;
/** A page shown again after being hidden this long asks too: the tablet may have slept. */
const BACKFILL_AFTER_HIDDEN_MS = 60_000;
/** The alert log shows the last day of the server's events, at most this many. */
const PAST_EVENTS_SPAN_MS = 24 * 60 * 60 * 1000;
const PAST_EVENTS_MAX = 200;

/**
 * Where the server stands for this page: `unsure` when it could not be reached (asked again at
 * the next occasion), `absent` when it answered that it is no Hearth server with a recorder.
 */
type Presence = 'asking' | 'present' | 'absent' | 'unsure';

/**
 * Uses the memory of the Hearth server that serves the page, when the dashboard's broker is the
 * server's (the page's own `/mqtt`, or the broker the server names): asks `/api/devices` at once,
 * in parallel with the history restore and the connection, and folds it after the restore;
 * `ready` settles then (or after START_WAIT_MS), so held messages fold after it. When the server
 * names another broker and the user chose none, the dashboard connects there. Asks the server's
 * past day of events for the alert log, and its devices again after a long deafness or a long
 * hidden spell, so values that changed while the screen slept show at once. Standalone (404,
 * HTML, no network) nothing changes and nothing is shown. Returns `ready` and a stop function.
 */
export function startServerMemory(options: { historyRestored: Promise<unknown> }): {
  ready: Promise<void>;
  stop: () => void;
} {
  const store = useHearthStore;
  const controller = new AbortController();
  let presence: Presence = 'asking';
  let announcedBroker: string | null = null;
  let eventsAsked = false;
  let asking: Promise<void> | null = null;

  const remembersOurBroker = () => {
    const { brokerUrl } = store.getState().settings;
    return (
      brokerUrl === null ||
      isSameBroker(brokerUrl, null, window.location) ||
      (announcedBroker !== null && isSameBroker(brokerUrl, announcedBroker, window.location))
    );
  };

  const takeDevices = (answer: ServerAnswer<ApiDevicesResponse>, first: boolean) => {
    if (controller.signal.aborted) return;
    if (answer.kind !== 'answer') {
      // Unreachable may pass (a tablet waking before its network); absent will not.
      if (presence !== 'present') presence = answer.kind === 'absent' ? 'absent' : 'unsure';
      if (presence !== 'present') store.getState().setServerPresence('absent');
      return;
    }
    presence = 'present';
    const state = store.getState();
    state.setServerPresence('present');
    if (answer.dropped > 0) {
      console.warn(`Hearth left out ${answer.dropped} malformed entries of the server's device list.`);
    }
    if (first) announcedBroker = answer.value.broker;
    state.rememberServerDevices(answer.value.devices, Date.now());
    const chosen = state.savedSettings.brokerUrl !== null || state.urlOverrides.brokerUrl !== undefined;
    if (first && answer.value.broker !== null && !chosen) state.adoptServerBroker(answer.value.broker);
    if (!eventsAsked) {
      eventsAsked = true;
      void askPastEvents();
    }
  };

  const askPastEvents = async () => {
    const to = Date.now();
    const answer = await fetchServerEvents(
      { from: to - PAST_EVENTS_SPAN_MS, to, limit: PAST_EVENTS_MAX },
      controller.signal,
    );
    if (answer.kind === 'answer' && !controller.signal.aborted) {
      store.getState().setPastEvents(answer.value.events);
    } else if (answer.kind !== 'answer') {
      eventsAsked = false; // asked again with the next devices answer
    }
  };

  /** Asks the devices again and folds them, once at a time, only while the server is ours. */
  const backFill = () => {
    if (presence === 'absent' || presence === 'asking' || asking !== null || !remembersOurBroker()) return;
    const first = presence === 'unsure' && announcedBroker === null;
    asking = fetchServerDevices(controller.signal).then((answer) => {
      asking = null;
      takeDevices(answer, first);
    });
  };

  if (!remembersOurBroker()) {
    presence = 'absent';
    store.getState().setServerPresence('absent');
    return { ready: options.historyRestored.then(noop, noop), stop: () => controller.abort() };
  }

  const asked = fetchServerDevices(controller.signal);
  let waitTimer: ReturnType<typeof setTimeout> | null = null;
  const waited = new Promise<null>((resolve) => {
    waitTimer = setTimeout(() => resolve(null), START_WAIT_MS);
  });
  // The house the server remembers shows once the page hears the broker (its subscriptions
  // acknowledged) or knows it cannot: never while it is still connecting, or a remembered device
  // would look live before a reading published now could reach the page.
  const hearing = hearingOrFailed();
  const takeWhenHearing = async (answer: ServerAnswer<ApiDevicesResponse>) => {
    if (answer.kind === 'answer') await hearing.promise;
    takeDevices(answer, true);
  };
  const ready = Promise.all([options.historyRestored.catch(noop), Promise.race([asked, waited])]).then(
    async ([, answer]) => {
      if (waitTimer !== null) clearTimeout(waitTimer);
      // The restore skips itself once the fleet holds devices: fold only after it.
      if (answer !== null) await takeWhenHearing(answer);
      else void asked.then(takeWhenHearing);
    },
  );

  // A long deafness ended (a reconnect, a wake-up): the first listen at start needs no second ask.
  const unsubscribe = store.subscribe((state, previous) => {
    if (previous.deafSince === null || state.deafSince !== null) return;
    const first = previous.listeningSince === null;
    if (first ? presence === 'unsure' : Date.now() - previous.deafSince >= BACKFILL_AFTER_DEAF_MS) backFill();
  });
  let hiddenSince = document.visibilityState === 'hidden' ? Date.now() : 0;
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      hiddenSince = Date.now();
      return;
    }
    const hiddenFor = hiddenSince === 0 ? 0 : Date.now() - hiddenSince;
    hiddenSince = 0;
    if (hiddenFor >= BACKFILL_AFTER_HIDDEN_MS) backFill();
  };
  document.addEventListener('visibilitychange', onVisibility);

  return {
    ready,
    stop: () => {
      controller.abort();
      hearing.stop();
      if (waitTimer !== null) clearTimeout(waitTimer);
      unsubscribe();
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}

function noop(): void {}

/** Settles when the connection first says connected (subscribed) or that it failed. */
function hearingOrFailed(): { promise: Promise<void>; stop: () => void } {
  let stop = noop;
  const promise = new Promise<void>((resolve) => {
    const settled = () => useHearthStore.getState().connection.kind !== 'connecting';
    if (settled()) return resolve();
    const unsubscribe = useHearthStore.subscribe(() => {
      if (!settled()) return;
      unsubscribe();
      resolve();
    });
    stop = unsubscribe;
  });
  return { promise, stop };
}
