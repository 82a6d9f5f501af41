import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startAlertSignals } from './app/alertSignals';
import { startPersistence } from './app/persistence';
import { provisionFromUrl } from './app/provision';
import { startSession } from './app/session';
import { brokerHost } from './config/credentials';
import { loadSettings, readSavedSettings } from './config/settings';
import { ConfigConfirmDialog } from './features/provision/ConfigConfirmDialog';
import { describeConfigChanges } from './features/provision/configChanges';
import { useHearthStore } from './store/store';
import './index.css';

/** Counters the benchmark reads: messages folded and devices known. */
function exposeBenchProbes(): void {
  const probes = window as unknown as Record<string, () => number>;
  probes.__benchCount = () => useHearthStore.getState().messageCount;
  probes.__benchDevices = () => useHearthStore.getState().fleet.devices.size;
}

/**
 * Applies `?config=<url>` before anything connects; problems show as a notice. A file from
 * another origin is only shown, and saved if the user applies it: until then the saved settings
 * run, so a link cannot make another site's broker this tablet's.
 */
async function provision(): Promise<void> {
  const configUrl = params.get('config');
  if (configUrl === null || configUrl.trim() === '') return;
  const store = useHearthStore.getState();
  const fetched = await provisionFromUrl(configUrl, store.savedSettings);
  if (!fetched.ok) {
    store.notify(fetched.message, 'error');
    return;
  }
  const from = new URL(fetched.origin).host;
  const apply = () => {
    const { savedSettings, updateSettings, notify } = useHearthStore.getState();
    // Saved, so the next start needs no parameter; URL parameters still win for this visit.
    updateSettings(fetched.settingsOver(savedSettings), 'file');
    notify(`Settings loaded from ${from}.`, 'info');
  };
  if (fetched.sameOrigin) {
    apply();
    return;
  }
  const next = fetched.settingsOver(store.savedSettings);
  const container = document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  const close = () => {
    root.unmount();
    container.remove();
  };
  root.render(
    <ConfigConfirmDialog
      origin={fetched.origin}
      broker={brokerHost(next.brokerUrl, window.location)}
      changes={describeConfigChanges(store.savedSettings, next, window.location)}
      onApply={() => {
        close();
        apply();
      }}
      onIgnore={() => {
        close();
        useHearthStore.getState().notify(`Settings from ${from} were not applied.`, 'info');
      }}
    />,
  );
}

const params = new URLSearchParams(window.location.search);
useHearthStore.getState().applyLoadedSettings(loadSettings(window.location.search, readSavedSettings()));
// The history loads (it resolves within 1.5 s even if IndexedDB misbehaves) while the broker
// connects: the connection's state shows at once, and messages wait for the history.
// ?worker=0 keeps the connection on the page (for comparison in benchmarks, or a strict CSP).
const stopAll = provision().then(() => {
  const persistence = startPersistence();
  const stopSession = startSession({
    preferWorker: params.get('worker') !== '0',
    historyRestored: persistence,
  });
  const stopSignals = startAlertSignals();
  return async () => {
    stopSignals();
    stopSession();
    (await persistence)();
  };
});

if (params.get('bench') === '1') exposeBenchProbes();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

if (import.meta.hot) {
  import.meta.hot.dispose(() => stopAll.then((stop) => stop()));
}
