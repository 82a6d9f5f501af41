import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startSession } from './app/session';
import { loadSettings, SETTINGS_STORAGE_KEY } from './config/settings';
import { useHearthStore } from './store/store';
import './index.css';

function readStoredSettings(): string | null {
  try {
    return localStorage.getItem(SETTINGS_STORAGE_KEY);
  } catch {
    return null;
  }
}

const loaded = loadSettings(window.location.search, readStoredSettings());
useHearthStore.getState().setSettings(loaded.settings, loaded.problems);
const stopSession = startSession();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

if (import.meta.hot) {
  import.meta.hot.dispose(() => stopSession());
}
