import type { Browser } from '@playwright/test';

/**
 * Stops (or resumes) every renderer of this browser, as a tablet's sleep stops the page and its
 * workers. Chromium's network service lives in another process, so sockets stay open meanwhile:
 * only the broker's keep-alive timeout ends them, as it does for a sleeping tablet.
 */
export async function setRenderersRunning(browser: Browser, running: boolean): Promise<void> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: Array<{ type: string; id: number }>;
    };
    const renderers = processInfo.filter((p) => p.type === 'renderer');
    if (renderers.length === 0) throw new Error('no renderer process to stop');
    for (const renderer of renderers) process.kill(renderer.id, running ? 'SIGCONT' : 'SIGSTOP');
  } finally {
    await cdp.detach();
  }
}

/** Stops every renderer for `ms`, then lets them run again, even if `whileAsleep` throws. */
export async function sleepRenderers(
  browser: Browser,
  ms: number,
  whileAsleep: (elapsedMs: () => number) => Promise<void> = async () => {},
): Promise<void> {
  await setRenderersRunning(browser, false);
  const start = Date.now();
  try {
    await whileAsleep(() => Date.now() - start);
    const left = ms - (Date.now() - start);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  } finally {
    await setRenderersRunning(browser, true);
  }
}
