import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { stopChild, trackChild } from './processes.ts';

/** What the load publisher reports after its last message left for the broker. */
export interface LoadOutcome {
  published: number;
  /** Messages per second actually written to the broker's socket. */
  achievedRate: number;
  /** Seconds from the first message to the last one written. */
  seconds: number;
  /** Wall-clock time (epoch ms) at which the last message, the final marker, was written. */
  stoppedAt: number;
  /** CPU the publisher process used, as a fraction of one core over its run. */
  publisherCpu: number;
}

export interface LoadPlan {
  brokerTcpUrl: string;
  rate: number;
  devices: number;
  seconds: number;
}

/** Messages between the orchestrator and the publisher process. */
export type PublisherMessage =
  | { kind: 'ready' }
  | ({ kind: 'done' } & LoadOutcome)
  | { kind: 'failed'; reason: string };
/** `finalMarker` goes to `markerTopic` right after the last load message, on the same connection. */
export type OrchestratorMessage = { kind: 'start'; markerTopic: string; finalMarker: string };

/** A publisher process, connected and waiting for the word. */
export interface ArmedPublisher {
  /**
   * Starts the load; resolves when the last message has been written. The publisher then sends
   * `finalMarker` itself: over the same connection it cannot overtake the load in the broker,
   * so once the page shows it, the page has been handed everything published before.
   */
  run(finalMarker: { topic: string; value: string }): Promise<LoadOutcome>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;
const PUBLISHER_ENTRY = path.join(import.meta.dirname, 'load.ts');

/**
 * Forks the publisher (bench/load.ts) and waits until it is connected. It is a separate process
 * so that at 20,000 msg/s it has a core of its own instead of sharing the orchestrator's event
 * loop with Playwright and the marker client; starting it before the measured window keeps its
 * start-up out of the numbers.
 */
export async function armPublisher(plan: LoadPlan): Promise<ArmedPublisher> {
  const child: ChildProcess = trackChild(
    fork(
      PUBLISHER_ENTRY,
      [
        '--url',
        plan.brokerTcpUrl,
        '--rate',
        String(plan.rate),
        '--devices',
        String(plan.devices),
        '--seconds',
        String(plan.seconds),
      ],
      { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    ),
  );
  const next = (kind: PublisherMessage['kind'], timeoutMs: number) =>
    new Promise<PublisherMessage>((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`publisher sent no '${kind}' within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onMessage = (message: PublisherMessage) => {
        if (message.kind === 'failed') finish(new Error(`publisher failed: ${message.reason}`));
        else if (message.kind === kind) finish(null, message);
      };
      const onExit = (code: number | null) =>
        finish(new Error(`publisher exited (code ${code}) before '${kind}'`));
      const finish = (error: Error | null, message?: PublisherMessage) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (error !== null || message === undefined) reject(error);
        else resolve(message);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  try {
    await next('ready', READY_TIMEOUT_MS);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    async run(finalMarker) {
      const done = next('done', (plan.seconds + 60) * 1000);
      child.send({
        kind: 'start',
        markerTopic: finalMarker.topic,
        finalMarker: finalMarker.value,
      } satisfies OrchestratorMessage);
      const message = await done;
      if (message.kind !== 'done') throw new Error('publisher answered out of turn');
      const { kind: _, ...outcome } = message;
      return outcome;
    },
    stop: () => stopChild(child),
  };
}
