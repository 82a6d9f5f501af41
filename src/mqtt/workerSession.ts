import { BrokerConnection } from './connection';
import { createMessageReader, type MessageReader } from './messageReader';
import type { FromWorker, ToWorker } from './workerProtocol';

/**
 * The connection worker's session, loaded by `connection.worker.ts`: the socket, MQTT.js's packet
 * parsing and the reading of each payload happen here, off the page's main thread, and the page
 * receives interpreted messages in batches, so a burst of thousands of messages a second does
 * not cost the page a frame.
 */

/**
 * Handles the page's messages, posting back through `post`. `firstAttemptFailed`: the worker's
 * entry already tried the broker and found nothing listening (see `connection.worker.ts`), so
 * the connection starts with its first retry rather than a second attempt at once.
 */
export function createWorkerSession(
  post: (message: FromWorker) => void,
): (message: ToWorker, firstAttemptFailed: boolean) => void {
  let connection: BrokerConnection | null = null;
  let reader: MessageReader | null = null;

  return (message, firstAttemptFailed) => {
    switch (message.type) {
      case 'start':
        connection?.stop();
        // A fresh reader forgets what the conventions learned: everything is re-sent as retained
        // after the new connect.
        reader = createMessageReader(message.settings.customPatterns, {
          onMessages: (items) => post({ type: 'batch', items }),
          onStatus: (status) => post({ type: 'status', status }),
          onHeartbeat: (beat) => post({ type: 'heartbeat', beat }),
          onSessionFilters: (filters) => post({ type: 'sessionFilters', filters }),
        });
        connection = new BrokerConnection(
          message.settings,
          reader.connectionSinks,
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
        post({ type: 'topics', id: message.id, topics: reader?.recentTopics() ?? [] });
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
