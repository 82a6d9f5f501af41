import { randomBytes } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';

const CONNECT_TIMEOUT_MS = 5_000;
const PUBLISHER_RECONNECT_MS = 200;
const CLEANUP_TIMEOUT_MS = 3_000;

export type QoS = 0 | 1 | 2;

export interface PublishOptions {
  retain?: boolean;
  /** 1 by default, so a publish returns once the broker has the message. */
  qos?: QoS;
}

/** What a device's MQTT client leaves behind if it vanishes without saying goodbye. */
export interface LastWill {
  topic: string;
  payload: string;
  retain?: boolean;
  qos?: QoS;
}

/** A device on the network: its own MQTT connection, with a Last Will. */
export interface DeviceConnection {
  readonly name: string;
  /** Publishes to `house/<name>/<metric>`. */
  publish(metric: string, payload: string | Buffer, options?: PublishOptions): Promise<void>;
  /** Publishes `online` or `offline`, retained, to `house/<name>/status`. */
  announce(status: 'online' | 'offline'): Promise<void>;
  /** Destroys the socket without an MQTT DISCONNECT, as a device losing power does; the broker then publishes the Will. */
  drop(): Promise<void>;
  /** Disconnects politely; the broker discards the Will. */
  disconnect(): Promise<void>;
}

export interface MqttSession {
  /** Publishes from a test's own client, waiting for it to (re)connect first. */
  publish(topic: string, payload: string | Buffer, options?: PublishOptions): Promise<void>;
  /** Connects a device named `name`; its Will is `offline`, retained on `house/<name>/status`, unless given. */
  connectDevice(name: string, options?: { will?: LastWill | false }): Promise<DeviceConnection>;
  /** Resolves once the publisher is connected again (after a broker restart). */
  reconnected(): Promise<void>;
  /** Clears the retained messages this session left, then closes every client. */
  close(): Promise<void>;
}

/** Opens the publisher a test uses to play the part of the devices on a broker's TCP port. */
export async function openMqttSession(tcpUrl: string): Promise<MqttSession> {
  const publisher = await connectAsync(tcpUrl, {
    clientId: `hearth-e2e-publisher-${randomBytes(4).toString('hex')}`,
    reconnectPeriod: PUBLISHER_RECONNECT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
  const retainedTopics = new Set<string>();
  const devices = new Set<MqttClient>();
  const noteRetained = (topic: string, payload: string | Buffer, retain: boolean) => {
    if (!retain) return;
    if (payload.length === 0) retainedTopics.delete(topic);
    else retainedTopics.add(topic);
  };

  const reconnected = () => whenConnected(publisher, CONNECT_TIMEOUT_MS * 2);
  const publish: MqttSession['publish'] = async (topic, payload, { retain = false, qos = 1 } = {}) => {
    await reconnected();
    await publisher.publishAsync(topic, payload, { retain, qos });
    noteRetained(topic, payload, retain);
  };

  const connectDevice: MqttSession['connectDevice'] = async (name, { will } = {}) => {
    const lastWill: LastWill | false = will ?? {
      topic: `house/${name}/status`,
      payload: 'offline',
      retain: true,
      qos: 1,
    };
    const client = await connectAsync(
      tcpUrl,
      {
        clientId: `hearth-e2e-device-${randomBytes(4).toString('hex')}`,
        reconnectPeriod: 0,
        connectTimeout: CONNECT_TIMEOUT_MS,
        will: lastWill
          ? {
              topic: lastWill.topic,
              payload: Buffer.from(lastWill.payload),
              retain: lastWill.retain ?? false,
              qos: lastWill.qos ?? 0,
            }
          : undefined,
      },
      false,
    );
    devices.add(client);
    if (lastWill) noteRetained(lastWill.topic, lastWill.payload, lastWill.retain ?? false);
    const devicePublish = async (
      topic: string,
      payload: string | Buffer,
      { retain = false, qos = 1 }: PublishOptions = {},
    ) => {
      await client.publishAsync(topic, payload, { retain, qos });
      noteRetained(topic, payload, retain);
    };
    return {
      name,
      publish: (metric, payload, options) => devicePublish(`house/${name}/${metric}`, payload, options),
      announce: (status) => devicePublish(`house/${name}/status`, status, { retain: true }),
      async drop() {
        const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
        client.stream.destroy();
        await closed;
        await client.endAsync(true);
        devices.delete(client);
      },
      async disconnect() {
        await client.endAsync();
        devices.delete(client);
      },
    };
  };

  return {
    publish,
    connectDevice,
    reconnected,
    async close() {
      // Retained messages outlive the test; an empty retained payload deletes one. If the broker
      // is gone there is nothing left to clear, so a failure here is not the test's failure.
      try {
        await withTimeout(
          Promise.all([...retainedTopics].map((topic) => publish(topic, '', { retain: true }))),
          CLEANUP_TIMEOUT_MS,
        );
      } catch {}
      await Promise.all([...devices].map((client) => client.endAsync(true)));
      await publisher.endAsync(true);
    },
  };
}

function whenConnected(client: MqttClient, timeoutMs: number): Promise<void> {
  if (client.connected) return Promise.resolve();
  return withTimeout(
    new Promise<void>((resolve) => client.once('connect', () => resolve())),
    timeoutMs,
    `the test's MQTT client did not reconnect within ${timeoutMs} ms`,
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number, message = `timed out after ${ms} ms`): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
