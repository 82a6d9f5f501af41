// A wall tablet's screen goes off and comes back; headless Chromium's never does: its pages stay
// visible whatever the test does (a second tab, a minimised window), so `visibilitychange` never
// fires. This stands in for the browser at exactly that point: it switches
// `document.visibilityState`, releases held wake locks as the browser does when a page is hidden
// (so the page has to ask again), and fires `visibilitychange`. Everything else is the real page.
// It also counts `navigator.wakeLock.request` calls, passing each on to the real one.
import type { Page } from '@playwright/test';

export type ScreenState = 'on' | 'off';

/** What the init script offers the test, on `window.__hearthTabletScreen`. */
interface TabletScreenApi {
  /** The wake lock types the page asked for, in order. */
  readonly requests: string[];
  /** How many wake locks the page holds now. */
  held(): number;
  switchTo(state: ScreenState): Promise<void>;
}

/** The few browser globals the script touches, typed here because e2e/ compiles without the DOM lib. */
interface ScreenGlobals {
  document: { dispatchEvent(event: unknown): boolean };
  navigator: { wakeLock?: { request(type: string): Promise<WakeLockHandle> } };
  Event: new (type: string) => unknown;
  __hearthTabletScreen?: TabletScreenApi;
}

interface WakeLockHandle {
  readonly released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', listener: () => void): void;
}

/** Makes every document this page loads from now on switchable off and on; call before `goto`. */
export async function emulateTabletScreen(page: Page): Promise<void> {
  await page.addInitScript(installTabletScreen);
}

/** Turns the screen off (the page is hidden) or on again (visible), as a tablet's sleep does. */
export async function switchScreen(page: Page, state: ScreenState): Promise<void> {
  await page.evaluate((next) => {
    const api = (globalThis as unknown as ScreenGlobals).__hearthTabletScreen;
    if (api === undefined)
      throw new Error('emulateTabletScreen(page) was not called before this page loaded');
    return api.switchTo(next);
  }, state);
}

/** The wake lock types the current document has asked for so far, and how many locks it holds now. */
export function wakeLocks(page: Page): Promise<{ requested: string[]; held: number }> {
  return page.evaluate(() => {
    const api = (globalThis as unknown as ScreenGlobals).__hearthTabletScreen;
    if (api === undefined)
      throw new Error('emulateTabletScreen(page) was not called before this page loaded');
    return { requested: [...api.requests], held: api.held() };
  });
}

/** Runs in the page, before its own scripts. */
function installTabletScreen(): void {
  const page = globalThis as unknown as ScreenGlobals;
  let visibility: 'visible' | 'hidden' = 'visible';
  Object.defineProperty(page.document, 'visibilityState', { configurable: true, get: () => visibility });
  Object.defineProperty(page.document, 'hidden', { configurable: true, get: () => visibility === 'hidden' });

  const requests: string[] = [];
  const held = new Set<WakeLockHandle>();
  const wakeLock = page.navigator.wakeLock;
  if (wakeLock !== undefined) {
    const request = wakeLock.request.bind(wakeLock);
    wakeLock.request = async (type) => {
      requests.push(type);
      const sentinel = await request(type);
      held.add(sentinel);
      sentinel.addEventListener('release', () => held.delete(sentinel));
      return sentinel;
    };
  }

  page.__hearthTabletScreen = {
    requests,
    held: () => [...held].filter((sentinel) => !sentinel.released).length,
    async switchTo(state) {
      const next = state === 'on' ? 'visible' : 'hidden';
      if (next === visibility) return;
      visibility = next;
      // Screen Wake Lock spec: a hidden document loses its screen wake locks.
      if (next === 'hidden') await Promise.all([...held].map((sentinel) => sentinel.release()));
      page.document.dispatchEvent(new page.Event('visibilitychange'));
    },
  };
}
