import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedBroker, type EmbeddedBroker } from '../broker.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import { createRecorder, type Recorder } from './recorder.ts';
import { describeConnectError, embeddedSource, externalSource, type RecorderSource } from './sources.ts';

const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{
  broker: EmbeddedBroker;
  url: string;
  recorder: Recorder;
  publisher: MqttClient;
}> {
  const broker = await createEmbeddedBroker();
  cleanups.push(() => broker.close());
  const tcp = await broker.listenTcp(0, '127.0.0.1');
  if (!tcp.ok) throw new Error(tcp.message);
  const url = `mqtt://127.0.0.1:${tcp.port}`;
  const recorder = createRecorder({ storage: createMemoryStorage(), log: () => {} });
  await recorder.start();
  cleanups.push(() => recorder.stop());
  const publisher = await connectAsync(url, { reconnectPeriod: 0 });
  cleanups.push(() => publisher.endAsync(true));
  return { broker, url, recorder, publisher };
}

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const keys = (recorder: Recorder) => recorder.devices().map((device) => `${device.key} ${device.status}`);

describe('the embedded broker as the source', () => {
  it('replays retained messages as retained and records live publishes as live', async () => {
    const { broker, recorder, publisher } = await setUp();
    await publisher.publishAsync('house/hall/temperature', '19.5', { retain: true, qos: 1 });
    const source: RecorderSource = await embeddedSource(broker, recorder);
    cleanups.push(() => source.stop());
    await recorder.flush();
    expect(keys(recorder)).toEqual(['generic/hall unknown']);

    await publisher.publishAsync('house/kitchen/temperature', '21', { retain: true, qos: 1 });
    await recorder.flush();
    expect(keys(recorder)).toEqual(['generic/hall unknown', 'generic/kitchen online']);
  });
});

describe('an external broker as the source', () => {
  it('subscribes to everything and records what is published', async () => {
    const { url, recorder, publisher } = await setUp();
    const lines: string[] = [];
    const source = externalSource({ url, clientId: 'hearth-recorder-test' }, recorder, (line) =>
      lines.push(line),
    );
    cleanups.push(() => source.stop());
    await waitFor(() => lines.some((line) => line.startsWith('recorder: recording')));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await publisher.publishAsync('house/kitchen/temperature', '21', { qos: 1 });
    await waitFor(() => {
      void recorder.flush();
      return keys(recorder).includes('generic/kitchen online');
    });
    expect(lines[0]).toBe(`recorder: recording ${url}`);
  });

  it('says in words why a broker would not have it, without the password', () => {
    expect(
      describeConnectError(
        Object.assign(new Error('Connection refused: Bad username or password'), { code: 4 }),
      ),
    ).toBe('the broker refused the username or password (check --broker-username and --broker-password)');
    expect(
      describeConnectError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe('nothing answers at that address (is the broker running?)');
  });
});
