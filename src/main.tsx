import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startAlertSignals } from './app/alertSignals';
import { startPersistence } from './app/persistence';
import { provisionFromUrl } from './app/provision';
import { startSession } from './app/session';
import { loadSettings, readSavedSettings } from './config/settings';
import { useHearthStore } from './store/store';
import './index.css';

/** Counters the benchmark reads: messages folded and devices known. */
function exposeBenchProbes(): void {
  const probes = window as unknown as Record<string, () => number>;
  probes.__benchCount = () => useHearthStore.getState().messageCount;
  probes.__benchDevices = () => useHearthStore.getState().fleet.devices.size;
}

/** Applies `?config=<url>` before anything connects; problems show as a notice. */
async function provision(): Promise<void> {
  const configUrl = params.get('config');
  if (configUrl === null || configUrl.trim() === '') return;
  const store = useHearthStore.getState();
  const result = await provisionFromUrl(configUrl, store.savedSettings);
  // Saved, so the next start needs no parameter; URL parameters still win for this visit.
  if (result.ok) store.updateSettings(result.settings, 'file');
  store.notify(result.message, result.ok ? 'info' : 'error');
}

const params = new URLSearchParams(window.location.search);
useHearthStore.getState().applyLoadedSettings(loadSettings(window.location.search, readSavedSettings()));
// History first (it resolves within 1.5 s even if IndexedDB misbehaves), then the broker.
// ?worker=0 keeps the connection on the page (for comparison in benchmarks, or a strict CSP).
const stopAll = provision()
  .then(() => startPersistence())
  .then((stopPersistence) => {
    const stopSession = startSession({ preferWorker: params.get('worker') !== '0' });
    const stopSignals = startAlertSignals();
    return () => {
      stopSignals();
      stopSession();
      stopPersistence();
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
