// A page opened the way a wall tablet opens it: no DevTools domain enabled on it. Playwright (and
// Lighthouse) enable the Runtime domain, and with it Chromium records a detailed stack for every
// Error the page creates; React creates five at load, and naming their frames makes V8 re-parse
// react-dom's module function and the bundle's top level: 400 to 700 ms in one task on a 4x slower
// CPU that no tablet runs. Here Chromium is driven over its own DevTools socket with nothing but
// Target, Page, Emulation and a final Runtime.evaluate once the page has measured itself.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM_ARGS, CHROMIUM_PATH, VIEWPORT } from './browser.ts';

const LAUNCH_TIMEOUT_MS = 30_000;
const COMMAND_TIMEOUT_MS = 90_000;

/** A long task the page saw (PerformanceObserver 'longtask'), ms from navigation. */
export interface QuietLongTask {
  startTime: number;
  duration: number;
}

/** What {@link measureQuietly} hands back: the page's own measurement and its long tasks. */
export interface QuietMeasurement<T> {
  result: T;
  longTasks: QuietLongTask[];
}

/** Watches long tasks from the first script on; read back as `window.__quietLongTasks`. */
const LONG_TASK_WATCH = `(() => {
  const tasks = [];
  window.__quietLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ startTime: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
})();`;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * Opens `url` in a fresh Chromium whose page has no DevTools domain enabled, its CPU
 * `cpuThrottle` times slower from before the first byte; `initScript` runs before the page's own
 * scripts, and `resultExpression` (awaited, returned by value) is read once it settles.
 */
export async function measureQuietly<T>(
  url: string,
  cpuThrottle: number,
  initScript: string,
  resultExpression: string,
): Promise<QuietMeasurement<T>> {
  const profileDir = await mkdtemp(path.join(tmpdir(), 'hearth-quiet-'));
  const browser = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
      'about:blank',
    ],
    // Its own process group: the renderers and helpers go with it when it is killed.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let socket: WebSocket | null = null;
  try {
    const endpoint = await devToolsEndpoint(browser.stderr);
    socket = new WebSocket(endpoint, { perMessageDeflate: false });
    const open = socket;
    await new Promise<void>((resolve, reject) => {
      open.once('open', () => resolve());
      open.once('error', reject);
    });
    let nextId = 0;
    const pending = new Map<number, Pending>();
    open.on('message', (data) => {
      const message = JSON.parse(data.toString()) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
      };
      if (message.id === undefined) return;
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error.message));
      else waiting?.resolve(message.result);
    });
    const send = <R>(method: string, params: object = {}, sessionId?: string): Promise<R> => {
      nextId += 1;
      const id = nextId;
      open.send(JSON.stringify({ id, method, params, ...(sessionId !== undefined ? { sessionId } : {}) }));
      return new Promise<R>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${method} had no answer within ${COMMAND_TIMEOUT_MS / 1000} s`));
        }, COMMAND_TIMEOUT_MS);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as R);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
      });
    };

    const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', {
      targetId,
      flatten: true,
    });
    const page = <R>(method: string, params: object = {}) => send<R>(method, params, sessionId);
    // The page's init scripts run only with the Page domain on (it records no stacks).
    await page('Page.enable');
    await page('Page.addScriptToEvaluateOnNewDocument', { source: LONG_TASK_WATCH });
    await page('Page.addScriptToEvaluateOnNewDocument', { source: initScript });
    await page('Emulation.setDeviceMetricsOverride', {
      width: VIEWPORT.width,
      height: VIEWPORT.height,
      deviceScaleFactor: 1,
      mobile: false,
    });
    if (cpuThrottle > 1) await page('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
    await page('Page.navigate', { url });
    const read = async <R>(expression: string): Promise<R> => {
      const answer = await page<{
        result: { value?: R };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (answer.exceptionDetails !== undefined) {
        const { text, exception } = answer.exceptionDetails;
        throw new Error(`the page said: ${exception?.description ?? text}`);
      }
      return answer.result.value as R;
    };
    const result = await readOnceThere<T>(read, resultExpression);
    const longTasks = (await read<QuietLongTask[]>('window.__quietLongTasks')) ?? [];
    return { result, longTasks };
  } finally {
    socket?.close();
    const exited = new Promise((resolve) =>
      browser.exitCode !== null ? resolve(null) : browser.once('exit', resolve),
    );
    try {
      if (browser.pid !== undefined) process.kill(-browser.pid, 'SIGKILL');
    } catch {
      browser.kill('SIGKILL'); // the group is gone already
    }
    await exited;
    await rm(profileDir, { recursive: true, force: true });
  }
}

/** The expression may be asked before the new document's init script ran: asked again until it answers. */
async function readOnceThere<T>(read: <R>(expression: string) => Promise<R>, expression: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await read<T>(expression);
    } catch (error) {
      if (Date.now() - started > LAUNCH_TIMEOUT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Chromium prints "DevTools listening on ws://…" on stderr once its socket is open. */
function devToolsEndpoint(stderr: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () =>
        reject(new Error(`Chromium did not open its DevTools socket within ${LAUNCH_TIMEOUT_MS / 1000} s`)),
      LAUNCH_TIMEOUT_MS,
    );
    stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
}
