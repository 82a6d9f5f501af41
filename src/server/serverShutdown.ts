import type { Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Server as NetServer } from 'node:net';
import type { AccountBook } from './accounts/accountBook.ts';
import type { ControlLog } from './accounts/controlLog.ts';
import type { EmbeddedBroker } from './broker.ts';
import type { Gateway } from './gateway.ts';
import type { Recording } from './startRecording.ts';
import type { TlsFrontDoor } from './tlsFrontDoor.ts';

/** A stop that takes longer than this is stuck on something; leave anyway. */
const SHUTDOWN_TIMEOUT_MS = 5000;

/** What is running, for a clean stop in the reverse order. */
export interface Running {
  /** The HTTP (or, under TLS, HTTPS) server that answers requests and WebSocket upgrades. */
  httpServer: Server | HttpsServer;
  /** What listens on the HTTP port: the HTTP server itself, or under TLS the front door that also redirects plain HTTP. */
  listener: Server | NetServer;
  /** Under TLS, the front door that hands connections on, so a stop can end them all. */
  frontDoor: TlsFrontDoor | null;
  /** Null when recording from an external broker (`--broker`). */
  broker: EmbeddedBroker | null;
  recording: Recording | null;
  vite: { close(): Promise<void> } | null;
  gateway: Gateway | null;
  accounts: AccountBook | null;
  controlLog: ControlLog | null;
}

/** Ctrl-C or SIGTERM stops everything in order; a second Ctrl-C, or a stop that hangs, leaves at once. */
export function stopOnSignals(running: Running): void {
  let stopping = false;
  const stop = () => {
    if (stopping) {
      console.log('Stopped without waiting.');
      process.exit(130);
    }
    stopping = true;
    console.log('Stopping…  (Ctrl-C again to force)');
    setTimeout(() => {
      console.error('Stopping took too long; leaving anyway.');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    stopEverything(running).then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`Could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * The simulator says goodbye through the broker, and the recorder writes what it heard (those
 * goodbyes included), so both go before the broker; the database closes last.
 */
async function stopEverything(running: Running): Promise<void> {
  await running.gateway?.stop();
  await running.recording?.stop();
  running.broker?.access?.stop();
  await running.broker?.close();
  await running.controlLog?.close();
  await running.vite?.close();
  running.httpServer.closeAllConnections();
  running.frontDoor?.closeAllConnections();
  if (running.frontDoor) await new Promise<void>((resolve) => running.listener.close(() => resolve()));
  else await new Promise<void>((resolve) => running.httpServer.close(() => resolve()));
  await running.recording?.close();
  await running.accounts?.close();
}
