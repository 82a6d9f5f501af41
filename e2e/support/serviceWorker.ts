import type { Page } from '@playwright/test';

/** The browser globals read here, typed because e2e/ compiles without the DOM lib. */
interface ServiceWorkerGlobals {
  navigator: {
    serviceWorker: {
      readonly controller: { readonly scriptURL: string } | null;
      readonly ready: Promise<{ readonly active: { readonly scriptURL: string } | null }>;
    };
  };
}

/**
 * Resolves once a service worker is active for the page's scope (precache done), with its script
 * URL. The page that registered it is not controlled by it until the next load.
 */
export function activeServiceWorker(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const registration = await (globalThis as unknown as ServiceWorkerGlobals).navigator.serviceWorker.ready;
    return registration.active?.scriptURL ?? null;
  });
}

/** The script URL of the service worker that controls the page now, or null. */
export function controllingServiceWorker(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      (globalThis as unknown as ServiceWorkerGlobals).navigator.serviceWorker.controller?.scriptURL ?? null,
  );
}
