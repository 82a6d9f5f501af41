import { useRegisterSW } from 'virtual:pwa-register/react';
import { useCallback, useEffect } from 'react';

/** A tablet left open for weeks checks for a new version this often (and on every wake). */
const UPDATE_CHECK_MS = 20 * 60 * 1000;
/** In kiosk mode an update applies itself once nobody has touched the screen for this long. */
const KIOSK_IDLE_MS = 30 * 1000;

/**
 * Registers the service worker and offers a new version when one is waiting. Settings live in
 * localStorage and history in IndexedDB, so both survive the reload that applies it.
 */
export function ReloadPrompt({ kiosk }: { kiosk: boolean }) {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (registration === undefined) return;
      const check = () => {
        if (navigator.onLine) registration.update().catch(() => {});
      };
      setInterval(check, UPDATE_CHECK_MS);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') check();
      });
    },
  });

  const apply = useApplyUpdate(updateServiceWorker);

  useEffect(() => {
    if (!needRefresh || !kiosk) return;
    let timer = setTimeout(apply, KIOSK_IDLE_MS);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(apply, KIOSK_IDLE_MS);
    };
    window.addEventListener('pointerdown', touched);
    window.addEventListener('keydown', touched);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', touched);
      window.removeEventListener('keydown', touched);
    };
  }, [needRefresh, kiosk, apply]);

  if (!needRefresh) return null;
  return (
    <div
      role="status"
      data-update-ready
      className="fixed right-3 bottom-3 z-40 flex max-w-[calc(100vw-1.5rem)] flex-wrap items-center gap-2 rounded-xl bg-slate-900 px-4 py-2 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
    >
      <span>
        {kiosk ? 'A new version will load when the screen is idle.' : 'A new version of Hearth is ready.'}
      </span>
      <button
        type="button"
        onClick={() => void updateServiceWorker(true)}
        className="h-11 rounded-lg px-3 font-semibold underline"
      >
        Reload now
      </button>
      {!kiosk && (
        <button type="button" onClick={() => setNeedRefresh(false)} className="h-11 rounded-lg px-3">
          Later
        </button>
      )}
    </div>
  );
}

/**
 * Applying an update: normally the waiting worker is told to take over and the page reloads
 * when it does. A page that was not yet controlled (the first visit after install) gets no such
 * event, so it reloads itself once the new worker is active.
 */
function useApplyUpdate(updateServiceWorker: (reload?: boolean) => Promise<void>): () => void {
  return useCallback(() => {
    if (navigator.serviceWorker?.controller !== null) {
      void updateServiceWorker(true);
      return;
    }
    void navigator.serviceWorker.getRegistration().then((registration) => {
      const worker = registration?.installing ?? registration?.waiting ?? registration?.active;
      if (worker === undefined || worker === null || worker.state === 'activated') {
        window.location.reload();
        return;
      }
      worker.addEventListener('statechange', () => {
        if (worker.state === 'activated') window.location.reload();
      });
    });
  }, [updateServiceWorker]);
}
