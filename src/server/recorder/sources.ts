import { hostname } from 'node:os';
import mqtt from 'mqtt';
import type { EmbeddedBroker } from '../broker.ts';
import type { Recorder } from './recorder.ts';

/** What a source feeding the recorder gives back: a way to stop it. */
export interface RecorderSource {
  stop(): Promise<void>;
}

/**
 * Feeds the recorder every publish the embedded broker handles, after replaying the broker's
 * retained store as retained messages, so discovery configs and Homie attributes are known again
 * after a restart. The recorder is in the broker's process: it listens as long as the broker runs.
 */
export async function embeddedSource(broker: EmbeddedBroker, recorder: Recorder): Promise<RecorderSource> {
  // Listen first, then replay: a publish during the replay is newer than any retained value, and
  // the fold keeps the newest by time whichever comes first.
  const unsubscribe = broker.onPublish((message) => recorder.push(message));
  await broker.forEachRetained((message) => recorder.push(message));
  return {
    async stop() {
      unsubscribe();
    },
  };
}

export interface ExternalBrokerOptions {
  /** `mqtt://host:port` or `mqtts://host:port`. */
  url: string;
  username?: string;
  password?: string;
  /** Fixed, so the broker keeps the recorder's session (and queues QoS 1) while it restarts. */
  clientId?: string;
}

/** The recorder's client id on an external broker: one per host, so its session survives restarts. */
export function recorderClientId(): string {
  return `hearth-recorder-${hostname()}`.slice(0, 64);
}

/**
 * Records an external broker (`--broker mqtt[s]://host:port`): a persistent session (clean start
 * off, fixed client id, `#` at QoS 1) so readings sent while the server restarted are delivered
 * when it is back. Subscribes again whenever the broker answers without a session. Tells the
 * recorder when it stops and starts listening (its outages), and logs a refusal or an unreachable
 * host in one line, never with the password.
 */
export function externalSource(
  options: ExternalBrokerOptions,
  recorder: Recorder,
  log: (line: string) => void,
): RecorderSource {
  const where = safeUrl(options.url);
  const client = mqtt.connect(options.url, {
    clientId: options.clientId ?? recorderClientId(),
    clean: false,
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
    reconnectPeriod: 5000,
    connectTimeout: 10_000,
  });
  let listening = false;
  let lastProblem: string | null = null;
  const problem = (line: string) => {
    if (line === lastProblem) return;
    lastProblem = line;
    log(line);
  };

  client.on('connect', (connack) => {
    lastProblem = null;
    log(`recorder: recording ${where}`);
    if (!connack.sessionPresent) {
      client.subscribe('#', { qos: 1 }, (error) => {
        if (error) problem(`recorder: ${where} refused the subscription to #: ${error.message}`);
      });
    }
    if (!listening) recorder.setListening(true, Date.now());
    listening = true;
  });
  client.on('message', (topic, payload, packet) => {
    recorder.push({ topic, payload, retained: packet.retain, receivedAt: Date.now() });
  });
  client.on('close', () => {
    if (listening) recorder.setListening(false, Date.now());
    listening = false;
  });
  client.on('error', (error: Error & { code?: string | number }) => {
    problem(`recorder: cannot record ${where}: ${describeConnectError(error)}`);
  });

  return {
    stop: () =>
      new Promise<void>((resolve) => {
        client.end(false, {}, () => resolve());
      }),
  };
}

/** A broker connection error in words: a refusal says which credentials to check. */
export function describeConnectError(error: Error & { code?: string | number }): string {
  switch (error.code) {
    case 4:
    case 134:
      return 'the broker refused the username or password (check --broker-username and --broker-password)';
    case 5:
    case 135:
      return 'the broker says the recorder is not authorized';
    case 'ECONNREFUSED':
      return 'nothing answers at that address (is the broker running?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name is not known';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return 'the host does not answer';
    default:
      return error.message;
  }
}

/** The URL without credentials, for logs. */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'the broker';
  }
}
