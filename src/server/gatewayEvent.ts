import { RECONNECT_PERIOD_MS } from './gatewayOptions.ts';

/** Something worth a line in the gateway's log. */
export type GatewayEvent =
  | { kind: 'connected'; room: string }
  | { kind: 'connection-lost'; room: string }
  | { kind: 'unreachable'; room: string; reason: string }
  | { kind: 'reconnected'; room: string }
  | { kind: 'dropped'; room: string; backInMs: number; hasWill: boolean }
  | { kind: 'back'; room: string }
  | { kind: 'switched'; room: string; on: boolean; topic: string };

/** The log line for an event, without a timestamp. */
export function describeGatewayEvent(event: GatewayEvent): string {
  const retrying = `retrying every ${RECONNECT_PERIOD_MS / 1000} s`;
  switch (event.kind) {
    case 'connected':
      return `${event.room}: connected, status online`;
    case 'connection-lost':
      return `${event.room}: lost the broker, ${retrying}`;
    case 'unreachable':
      return `${event.room}: cannot reach the broker (${event.reason}), ${retrying}`;
    case 'reconnected':
      return `${event.room}: reconnected, status online`;
    case 'dropped': {
      const will = event.hasWill ? 'the broker publishes its Will: offline' : 'it has no Will: it goes stale';
      return `${event.room}: dropped its connection (${will}), back in ${Math.round(event.backInMs / 1000)} s`;
    }
    case 'back':
      return `${event.room}: back, status online`;
    case 'switched':
      return `${event.room}: relay switched ${event.on ? 'on' : 'off'} (by ${event.topic})`;
  }
}
