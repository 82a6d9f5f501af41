import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAccountsClient } from './app/accountsApi';
import { startAlertSignals } from './app/alertSignals';
import { warmIntlOffThread, warmUpIntl } from './app/intlWarmUp';
import { startLayoutSync } from './app/layoutSync';
import { readHistoryEarly, startPersistence } from './app/persistence';
import { provisionOnStart } from './app/provisionOnStart';
import { ReachingServer } from './app/ReachingServer';
import { SignInScreen } from './app/SignInScreen';
import { startServerMemory } from './app/serverMemory';
import { abandonSession, prepareSession, startSession } from './app/session';
import { startSessionWatch } from './app/sessionWatch';
import { accountOf, askSession, sessionMemory } from './app/signInApi';
import { startTheme } from './app/theme';
import { loadSettings, readSavedSettings } from './config/settings';
import type { Account } from './store/accountSlice';
import { useHearthStore } from './store/store';
import './index.css';

/** Counters the benchmark reads: messages folded and devices known. */
function exposeBenchProbes(): void {
  const probes = window as unknown as Record<string, () => number>;
  probes.__benchCount = () => useHearthStore.getState().messageCount;
  probes.__benchDevices = () => useHearthStore.getState().fleet.devices.size;
}

const params = new URLSearchParams(window.location.search);
useHearthStore.getState().applyLoadedSettings(loadSettings(window.location.search, readSavedSettings()));
const stopTheme = startTheme();
if (params.get('bench') === '1') exposeBenchProbes();
// Started while the server is asked who is signed in, not after its answer behind the first
// render: reading IndexedDB, and the worker loading MQTT.js (the sign-in page drops it).
readHistoryEarly();
// The locale data (sorting, dates) loads on a worker's thread meanwhile, not in the first renders.
warmIntlOffThread();
const preferWorker = params.get('worker') !== '0';
prepareSession(preferWorker);

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element');
const root = createRoot(rootElement);

const fetcher = (input: string, init?: RequestInit) => globalThis.fetch(input, init);

/** Everything but the theme: started once this browser may see the house. */
function startDashboard(): () => Promise<void> {
  // Who is signed in is known app-wide; a session that ends meanwhile is noticed and confirmed.
  const { account } = useHearthStore.getState();
  if (account.kind !== 'standalone') {
    const doubt = () => useHearthStore.getState().doubtSession();
    useHearthStore.getState().setAccountsClient(createAccountsClient(fetcher, doubt));
  }
  const stopSessionWatch = startSessionWatch(fetcher);
  // Rooms, names and views: asked of the server (or read from this browser) beside the rest,
  // holding neither the first paint nor the broker; ?view= opens once the layout is known.
  useHearthStore.getState().requestView(params.get('view'));
  const stopLayoutSync = startLayoutSync();
  // The history loads (it resolves within 1.5 s even if IndexedDB misbehaves) while the broker
  // connects: the connection's state shows at once, and messages wait for the history. Served by a
  // Hearth server, its memory of the devices is asked meanwhile and folded after the history, before
  // the messages (at most 2 s of waiting for it).
  // ?worker=0 keeps the connection on the page (for comparison in benchmarks, or a strict CSP).
  const stopAll = provisionOnStart(params.get('config')).then(() => {
    const persistence = startPersistence();
    const serverMemory = startServerMemory({ historyRestored: persistence });
    const stopSession = startSession({
      preferWorker,
      historyRestored: serverMemory.ready,
    });
    const stopSignals = startAlertSignals();
    return async () => {
      stopSignals();
      stopSession();
      serverMemory.stop();
      (await persistence)();
    };
  });
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  const stopIntlWarmUp = warmUpIntl();
  return async () => {
    stopIntlWarmUp();
    stopSessionWatch();
    stopLayoutSync();
    useHearthStore.getState().setAccountsClient(null);
    await (await stopAll)();
  };
}

let stopDashboard: (() => Promise<void>) | null = null;
let dashboardStarted = false;

function showDashboard(account: Account): void {
  useHearthStore.getState().setAccount(account);
  // Signed in again after the session ended in this page: a fresh page for whoever it is now,
  // rather than a second start over the first one's state.
  if (dashboardStarted) {
    window.location.reload();
    return;
  }
  dashboardStarted = true;
  stopDashboard = startDashboard();
}

function showSignIn(why: 'ended' | 'signed-out' | null): void {
  abandonSession();
  root.render(
    <StrictMode>
      <SignInScreen fetcher={fetcher} why={why} onSignedIn={showDashboard} />
    </StrictMode>,
  );
}

/** Waiting for a Hearth that had accounts and does not answer now (restarting, or the network down). */
function showReaching(retryInMs: number, openWithout: () => void): void {
  root.render(
    <StrictMode>
      <ReachingServer retryInMs={retryInMs} onOpenWithout={openWithout} />
    </StrictMode>,
  );
}

// A server with accounts shows nothing but the sign-in until this browser has a session; with no
// accounts, or no Hearth server at all (static hosting: 404), the dashboard starts as before. A
// server that had accounts and does not answer (or answers with something else: a captive
// portal's page) is asked again, 1 s doubling to 30 s and at once when the network is back:
// starting without it would show a view tablet controls the broker then refuses.
let retry: ReturnType<typeof setTimeout> | null = null;
let waitingForOnline = false;
let asking = false;
let decided = false;
async function start(delayMs = 1000): Promise<void> {
  if (retry !== null) clearTimeout(retry);
  retry = null;
  if (asking || decided) return;
  asking = true;
  const session = await askSession(fetcher);
  asking = false;
  if (decided) return;
  const waitForIt =
    sessionMemory.knewAccounts() && (session.kind === 'unreachable' || session.kind === 'standalone');
  if (waitForIt) {
    if (!waitingForOnline) {
      waitingForOnline = true;
      window.addEventListener(
        'online',
        () => {
          waitingForOnline = false;
          void start();
        },
        { once: true },
      );
    }
    showReaching(delayMs, () => {
      // The person says this page is served without Hearth now: start as a page of its own.
      if (retry !== null) clearTimeout(retry);
      decided = true;
      sessionMemory.remember({ kind: 'standalone' });
      showDashboard(accountOf({ kind: 'standalone' }));
    });
    retry = setTimeout(() => void start(Math.min(delayMs * 2, 30_000)), delayMs);
    return;
  }
  decided = true;
  sessionMemory.remember(session);
  if (session.kind === 'signed-out') showSignIn(null);
  else showDashboard(accountOf(session));
}
void start();

// Signed out (or the session ended, as the server confirmed): the dashboard stops, its broker
// connection with it, and the sign-in page shows, saying why. No reload: nothing starts again
// until someone signs in.
useHearthStore.subscribe((state, previous) => {
  if (state.account === previous.account || state.account.kind !== 'signed-out') return;
  const stopping = stopDashboard;
  stopDashboard = null;
  void stopping?.();
  showSignIn(state.account.why);
});

if (import.meta.hot) {
  import.meta.hot.dispose(() => {
    stopTheme();
    // Before sign-in nothing but the page runs.
    return stopDashboard?.();
  });
}
