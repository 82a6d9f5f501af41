import { useState } from 'react';
import { activateProfile } from '../../config/settings';
import { useHearthStore } from '../../store/store';
import { credentialsOfferFor, isRefusedForCredentials } from './credentialsOffer';

/**
 * When a link connects to another broker than the saved one, the saved password stays behind;
 * this says so and offers, naming the host, a saved profile for that host or the settings to
 * enter its credentials. Nothing is sent until the user chooses.
 */
export function CredentialsOffer({ onOpenSettings }: { onOpenSettings: () => void }) {
  const brokerUrl = useHearthStore((s) => s.settings.brokerUrl);
  const saved = useHearthStore((s) => s.savedSettings);
  const refused = useHearthStore(
    (s) =>
      (s.connection.kind === 'error' || s.connection.kind === 'reconnecting') &&
      isRefusedForCredentials(s.connection.cause),
  );
  const [dismissedFor, setDismissedFor] = useState<string | null | undefined>(undefined);
  const offer = credentialsOfferFor(brokerUrl, saved, window.location, refused);
  if (offer === null || dismissedFor === brokerUrl) return null;

  const switchToProfile = (name: string) => {
    const { settings, updateSettings } = useHearthStore.getState();
    const profile = settings.profiles.find((p) => p.name === name);
    if (profile !== undefined) updateSettings(activateProfile(settings, profile));
  };

  return (
    <section
      data-credentials-offer={offer.host}
      aria-label={`Sign in to ${offer.host}`}
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl bg-sky-50 px-4 py-2 text-sm text-sky-950 dark:bg-sky-950 dark:text-sky-50"
    >
      <p className="min-w-0 flex-1 basis-64 break-words">
        {offer.refused ? (
          <>
            <strong>{offer.host}</strong> wants a username and password.{' '}
          </>
        ) : (
          <>
            Connected to <strong>{offer.host}</strong> without signing in.{' '}
          </>
        )}
        Your saved password is only sent to the broker it was saved for.
      </p>
      <div className="flex flex-wrap gap-2">
        {offer.profiles.map((p) => (
          <button
            key={p.name}
            type="button"
            onClick={() => switchToProfile(p.name)}
            className="h-11 rounded-lg border border-sky-300 px-3 font-medium dark:border-sky-700"
          >
            Use profile “{p.name}”
          </button>
        ))}
        <button
          type="button"
          onClick={onOpenSettings}
          className="h-11 rounded-lg border border-sky-300 px-3 font-medium dark:border-sky-700"
        >
          Enter credentials for {offer.host}
        </button>
        <button
          type="button"
          aria-label="Dismiss"
          onClick={() => setDismissedFor(brokerUrl)}
          className="h-11 w-11 rounded-lg text-lg"
        >
          ×
        </button>
      </div>
    </section>
  );
}
