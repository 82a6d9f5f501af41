import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';

const OUTPUT_KEPT_CHARS = 20_000;
const PORT_PROBE_INTERVAL_MS = 100;
const STOP_GRACE_MS = 5_000;

/** Every service this worker started and has not stopped yet, killed if the worker dies first. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface ServiceSpec {
  /** What the service is, for error messages: "Hearth server", "mosquitto". */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  /** The service is ready once it has printed this text (if given) and every port accepts TCP. */
  readyOutput?: string;
  readyPorts: readonly number[];
  readyTimeoutMs: number;
}

export interface RunningService {
  readonly pid: number;
  /** The last few thousand characters the service printed, for diagnosing a failure. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after a grace period. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a long-running child process (a broker, the Hearth server) and resolves once it is
 * ready to serve, or rejects with what it printed if it exits or hangs first. It is a direct
 * child, not a shell, so its pid is the process to stop.
 */
export async function startService(spec: ServiceSpec): Promise<RunningService> {
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  running.add(child);
  let output = '';
  const record = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT_CHARS);
    if (process.env.HEARTH_E2E_VERBOSE === '1')
      process.stderr.write(`[${spec.name}] ${chunk.toString('utf8')}`);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  void exited.then(() => running.delete(child));
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const grace = delay(STOP_GRACE_MS);
    void grace.then(() => child.kill('SIGKILL'));
    await exited;
    grace.cancel();
  };
  const service: RunningService = {
    get pid() {
      return child.pid ?? -1;
    },
    output: () => output,
    stop,
  };

  const printedOutput = () =>
    `${spec.name} (${spec.command} ${spec.args.join(' ')}) printed:\n${output.trim() || '(nothing)'}`;
  let gaveUp = false;
  const ready = (async () => {
    const { readyOutput } = spec;
    if (readyOutput !== undefined) {
      while (!gaveUp && !output.includes(readyOutput)) await delay(PORT_PROBE_INTERVAL_MS);
    }
    for (const port of spec.readyPorts) {
      while (!gaveUp && !(await acceptsConnections(port))) await delay(PORT_PROBE_INTERVAL_MS);
    }
  })();
  const deadline = delay(spec.readyTimeoutMs);
  try {
    await Promise.race([
      ready,
      spawnFailed,
      exited.then(() => {
        throw new Error(
          `${spec.name} exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready. ${printedOutput()}`,
        );
      }),
      deadline.then(() => {
        throw new Error(`${spec.name} was not ready after ${spec.readyTimeoutMs} ms. ${printedOutput()}`);
      }),
    ]);
  } catch (error) {
    gaveUp = true;
    await stop();
    throw error;
  } finally {
    deadline.cancel();
  }
  return service;
}

/** True if something on 127.0.0.1 accepts a TCP connection on this port. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

type CancellableDelay = Promise<void> & { cancel(): void };

function delay(ms: number): CancellableDelay {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  }) as CancellableDelay;
  promise.cancel = () => clearTimeout(timer);
  return promise;
}
