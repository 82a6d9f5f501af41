import type { ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

const STOP_GRACE_MS = 3_000;
const PORT_PROBE_INTERVAL_MS = 100;

/** Every child the bench started and that has not exited yet. */
const running = new Set<ChildProcess>();

/** Remembers `child` so that {@link killRunningChildren} can end it if the bench stops early. */
export function trackChild(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/**
 * Ends every tracked child at once with SIGKILL. Synchronous, so it also works from
 * `process.on('exit')`, where nothing asynchronous runs any more.
 */
export function killRunningChildren(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  running.clear();
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the child has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** A TCP port free on 127.0.0.1 right now (released before it is returned). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('the kernel gave no TCP port'))));
    });
  });
}

/** Resolves once something on 127.0.0.1 accepts TCP on `port`; rejects after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await acceptsConnections(port))) {
    if (Date.now() > deadline)
      throw new Error(`nothing accepted connections on port ${port} after ${timeoutMs} ms`);
    await sleep(PORT_PROBE_INTERVAL_MS);
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable with the page's clock. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
