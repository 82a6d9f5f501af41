import { createRoot } from 'react-dom/client';
import { brokerHost } from '../config/credentials';
import { ConfigConfirmDialog } from '../features/provision/ConfigConfirmDialog';
import { describeConfigChanges } from '../features/provision/configChanges';
import { useHearthStore } from '../store/store';
import { provisionFromUrl } from './provision';

/**
 * Applies `?config=<url>` before anything connects; problems show as a notice. A file from
 * another origin is only shown, and saved if the user applies it: until then the saved settings
 * run, so a link cannot make another site's broker this tablet's.
 */
export async function provisionOnStart(configUrl: string | null): Promise<void> {
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
