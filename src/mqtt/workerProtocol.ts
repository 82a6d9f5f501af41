import type { ConnectionStatus } from '../core/connectionStatus';
import type { InterpretedMessage } from '../core/interpretation';
import type { ConnectionSettings, Heartbeat } from './connection';

export interface PublishRequest {
  topic: string;
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
}

/** Messages from the page to the connection worker. */
export type ToWorker =
  | { type: 'start'; settings: ConnectionSettings; pageProtocol: string }
  | { type: 'stop' }
  | { type: 'resume'; hiddenForMs: number }
  | { type: 'publish'; id: number; request: PublishRequest }
  | { type: 'topics'; id: number };

/** Messages from the connection worker to the page. */
export type FromWorker =
  | { type: 'status'; status: ConnectionStatus }
  | { type: 'heartbeat'; beat: Heartbeat }
  | { type: 'batch'; items: InterpretedMessage[] }
  | { type: 'published'; id: number; error: string | null }
  | { type: 'topics'; id: number; topics: string[] }
  /** The broker's persistent session for this screen now holds these filters. */
  | { type: 'sessionFilters'; filters: readonly string[] };
