import path from 'node:path';
import type { EmbeddedBroker } from './broker.ts';
import type { ServerOptions } from './options.ts';
import { openStorage } from './recorder/openStorage.ts';
import { createRecorder } from './recorder/recorder.ts';
import { embeddedSource, externalSource, recorderClientId } from './recorder/sources.ts';
import type { RecorderView } from './recorder/storage.ts';
import { type DatabaseTarget, describeDatabase } from './recorderOptions.ts';

/** The recorder at work: what the API reads, and its stop in two steps around the broker's. */
export interface Recording {
  view: RecorderView;
  /** Stops listening and writes everything heard: before the broker closes. */
  stop(): Promise<void>;
  /** Closes the database: last of all. */
  close(): Promise<void>;
}

/** Raised when the history database cannot be opened; `message` is the line to show. */
export class StorageOpenError extends Error {}

/** Where history goes, for the summary line: `SQLite data/hearth.db`, or `off`. */
export function describeHistory(options: ServerOptions): string {
  return options.recorder ? describeDatabase(databaseTarget(options)) : 'off';
}

function databaseTarget(options: ServerOptions): DatabaseTarget {
  return options.database ?? { kind: 'sqlite', path: path.join(options.dataDir, 'hearth.db') };
}

/**
 * Opens the database, starts the recorder and connects it to the embedded broker, or to the
 * external one (`--broker`) with a client id fixed per machine, so the broker keeps its session
 * and queues what arrives while Hearth restarts.
 */
export async function startRecording(
  options: ServerOptions,
  broker: EmbeddedBroker | null,
  log: (line: string) => void,
): Promise<Recording> {
  const target = databaseTarget(options);
  const storage = await openStorage(
    { database: target.kind === 'sqlite' ? `sqlite:${target.path}` : target.url, dataDir: options.dataDir },
    log,
  ).catch((error: unknown) => {
    throw new StorageOpenError(
      `Cannot open the history database (${describeDatabase(target)}): ${withoutPassword(error, target)} ` +
        '(or start without history: --no-recorder).',
    );
  });
  const recorder = createRecorder({ storage, log, retention: options.retention });
  await recorder.start();
  const external = options.externalBroker;
  const source = external
    ? externalSource(
        {
          url: external.url,
          username: external.username ?? undefined,
          password: external.password ?? undefined,
          clientId: recorderClientId(),
        },
        recorder,
        log,
      )
    : broker
      ? await embeddedSource(broker, recorder)
      : null;
  return {
    view: recorder,
    async stop() {
      await source?.stop();
      await recorder.stop();
    },
    close: () => storage.close(),
  };
}

/** The error's words with the database password, should a driver quote the URL, blanked. */
function withoutPassword(error: unknown, target: DatabaseTarget): string {
  const message = error instanceof Error ? error.message : String(error);
  if (target.kind !== 'postgres') return message;
  let password = '';
  try {
    password = decodeURIComponent(new URL(target.url).password);
  } catch {
    return message;
  }
  return password === '' ? message : message.replaceAll(password, '***');
}
