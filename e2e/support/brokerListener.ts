import { randomBytes } from 'node:crypto';
import { connectAsync } from 'mqtt';

const CONNECT_TIMEOUT_MS = 5_000;

/** A message as the broker delivered it to the listener. */
export interface HeardMessage {
  topic: string;
  payload: string;
  qos: 0 | 1 | 2;
}

/** A client of the test's own that hears what the dashboard sends, as a device would. */
export interface BrokerListener {
  /** Every message heard so far, oldest first. */
  readonly heard: readonly HeardMessage[];
  close(): Promise<void>;
}

/** Subscribes to `filter` on a broker's TCP port; resolves once the broker has granted it. */
export async function listenOnBroker(tcpUrl: string, filter: string): Promise<BrokerListener> {
  const client = await connectAsync(tcpUrl, {
    clientId: `hearth-e2e-listener-${randomBytes(4).toString('hex')}`,
    reconnectPeriod: 0,
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
  const heard: HeardMessage[] = [];
  client.on('message', (topic, payload, packet) => {
    heard.push({ topic, payload: payload.toString('utf8'), qos: packet.qos });
  });
  await client.subscribeAsync(filter, { qos: 2 });
  return {
    heard,
    close: () => client.endAsync(true),
  };
}
