import { connectAsync, type MqttClient } from 'mqtt';
import { epochNow } from './processes.ts';

/** The topic markers go to: dev0's temperature, a device the load never touches. */
export const MARKER_TOPIC = 'house/dev0/temperature';
/** Outside `house/#`, so pages never see it: a QoS 1 round trip proves earlier packets arrived. */
const SYNC_TOPIC = 'hearth-bench/sync';
const RETAINED_CHECK_TIMEOUT_MS = 30_000;

/** The orchestrator's own MQTT connection: markers and the retained storm, never the load. */
export interface ControlClient {
  /** Publishes `value` to the marker topic (QoS 0) and returns the wall-clock ms it left. */
  publishMarker(value: string): number;
  /** Retains one temperature on `house/dev<i>/temperature` for i < count, and checks the broker holds them. */
  retainStorm(count: number): Promise<void>;
  /** Empties those retained topics again. */
  clearStorm(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function connectControlClient(brokerTcpUrl: string): Promise<ControlClient> {
  const client = await connectAsync(brokerTcpUrl, {
    clientId: `hearth-bench-control-${process.pid}`,
    reconnectPeriod: 0,
  });
  const publishAll = async (count: number, payloadOf: (i: number) => string) => {
    for (let i = 0; i < count; i++) {
      client.publish(stormTopic(i), payloadOf(i), { qos: 0, retain: true });
      // Yield now and then so the socket drains instead of buffering the whole storm.
      if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
    }
    await client.publishAsync(SYNC_TOPIC, '', { qos: 1 });
  };
  return {
    publishMarker(value) {
      const at = epochNow();
      client.publish(MARKER_TOPIC, value, { qos: 0 });
      return at;
    },
    async retainStorm(count) {
      await publishAll(count, (i) => (18 + (i % 100) / 10).toFixed(1));
      const held = await countRetained(brokerTcpUrl, count);
      if (held < count) throw new Error(`the broker holds ${held} of ${count} retained storm topics`);
    },
    async clearStorm(count) {
      await publishAll(count, () => '');
    },
    close: () => client.endAsync(),
  };
}

function stormTopic(i: number): string {
  return `house/dev${i}/temperature`;
}

/**
 * Subscribes a fresh client to `house/#` and counts retained messages until `expected` arrive (or
 * `timeoutMs` passes).
 */
export async function countRetained(
  brokerTcpUrl: string,
  expected: number,
  timeoutMs = RETAINED_CHECK_TIMEOUT_MS,
): Promise<number> {
  const checker: MqttClient = await connectAsync(brokerTcpUrl, {
    clientId: `hearth-bench-check-${process.pid}`,
    reconnectPeriod: 0,
  });
  let held = 0;
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      checker.on('message', (_topic, _payload, packet) => {
        if (packet.retain) held++;
        if (held >= expected) {
          clearTimeout(timer);
          resolve();
        }
      });
      checker.subscribe('house/#', { qos: 0 });
    });
  } finally {
    await checker.endAsync();
  }
  return held;
}
