import { interpretInbound } from '../core/conventions/interpret';
import { type ConventionMemory, createConventionMemory } from '../core/conventions/memory';
import type { InterpretedMessage } from '../core/interpretation';
import { BrokerConnection } from './connection';
import { RecentTopics } from './recentTopics';
import type { FromWorker, ToWorker } from './workerProtocol';

/**
 * The connection worker's session, loaded by `connection.worker.ts`: the socket, MQTT.js's packet
 * parsing and the reading of each payload happen here, off the page's main thread, and the page
 * receives interpreted messages in batches, so a burst of thousands of messages a second does
 * not cost the page a frame.
 */

/** About one batch per display frame; the page folds what arrives at its next frame. */
const POST_INTERVAL_MS = 16;

/**
 * Handles the page's messages, posting back through `post`. `firstAttemptFailed`: the worker's
 * entry already tried the broker and found nothing listening (see `connection.worker.ts`), so
 * the connection starts with its first retry rather than a second attempt at once.
 */
export function createWorkerSession(
  post: (message: FromWorker) => void,
): (message: ToWorker, firstAttemptFailed: boolean) => void {
  let connection: BrokerConnection | null = null;
  /** What the conventions learned from earlier messages (discovery configs, Homie attributes). */
  let memory: ConventionMemory = createConventionMemory();
  const recent = new RecentTopics();
  let pending: InterpretedMessage[] = [];
  let postScheduled = false;

  const flush = () => {
    postScheduled = false;
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    post({ type: 'batch', items });
  };

  return (message, firstAttemptFailed) => {
    switch (message.type) {
      case 'start':
        connection?.stop();
        // Everything the memory holds is re-sent as retained after the new connect.
        memory = createConventionMemory({ customPatterns: message.settings.customPatterns });
        connection = new BrokerConnection(
          message.settings,
          {
            onMessage: (raw) => {
              recent.add(raw.topic);
              pending.push(interpretInbound(memory, raw));
              if (!postScheduled) {
                postScheduled = true;
                setTimeout(flush, POST_INTERVAL_MS);
              }
            },
            onStatus: (status) => {
              flush(); // messages that arrived before a status change are folded before it shows
              post({ type: 'status', status });
            },
            onHeartbeat: (beat) => {
              flush(); // what arrived before the beat is heard before it
              post({ type: 'heartbeat', beat });
            },
            onSessionFilters: (filters) => post({ type: 'sessionFilters', filters }),
          },
          message.pageProtocol,
          'worker',
        );
        connection.start({ firstAttemptFailed });
        break;
      case 'stop':
        connection?.stop();
        connection = null;
        break;
      case 'resume':
        connection?.resume(message.hiddenForMs);
        break;
      case 'topics':
        post({ type: 'topics', id: message.id, topics: recent.list() });
        break;
      case 'publish': {
        // publish() answers null when sent, so a missing connection must not hide behind `??`.
        const error =
          connection === null
            ? 'not connected to the broker'
            : connection.publish(message.request.topic, message.request.payload, message.request);
        post({ type: 'published', id: message.id, error });
        break;
      }
    }
  };
}
