// The load publisher, run as a child process by bench/publisher.ts (IPC: 'ready', then 'start',
// then 'done'). Publishes `rate` msg/s, QoS 0, for `seconds`, over devices dev1..devN; dev0 is
// left to markers so that no load value overwrites a marker before it is painted. The final
// marker is this process's last message, so it reaches the page after all of the load.
// Topics alternate per round: every device gets a temperature, then every device a brightness.
import { parseArgs } from 'node:util';
import { connectAsync } from 'mqtt';
import type { OrchestratorMessage, PublisherMessage } from './publisher.ts';

/** Publishing is paced by timer; each tick catches up with `rate * elapsed`. */
const TICK_MS = 1;

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    rate: { type: 'string' },
    devices: { type: 'string' },
    seconds: { type: 'string' },
  },
});
const url = values.url ?? '';
const rate = Number(values.rate);
const devices = Number(values.devices);
const seconds = Number(values.seconds);

/** Resolves once the message is handed to the IPC channel, so exiting right after loses nothing. */
function report(message: PublisherMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

// An orchestrator that died without stopping us must not leave a publisher running.
process.on('disconnect', () => process.exit(1));

const temperatureTopics = Array.from({ length: devices }, (_, i) => `house/dev${i + 1}/temperature`);
const brightnessTopics = Array.from({ length: devices }, (_, i) => `house/dev${i + 1}/brightness`);

try {
  const client = await connectAsync(url, {
    clientId: `hearth-bench-load-${process.pid}`,
    reconnectPeriod: 0,
    keepalive: 60,
  });
  await report({ kind: 'ready' });
  const start = await new Promise<OrchestratorMessage>((resolve) => {
    process.on('message', (message: OrchestratorMessage) => {
      if (message.kind === 'start') resolve(message);
    });
  });

  const total = Math.ceil(rate * seconds);
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  let sent = 0;
  const lastWritten = await new Promise<number>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((rate * (performance.now() - startedAt)) / 1000));
      while (sent < due) {
        const device = sent % devices;
        const topicIsTemperature = Math.floor(sent / devices) % 2 === 0;
        const topic = topicIsTemperature ? temperatureTopics[device] : brightnessTopics[device];
        const payload = topicIsTemperature
          ? (18 + Math.random() * 10).toFixed(1)
          : String(Math.floor(Math.random() * 100));
        sent++;
        client.publish(topic ?? 'house/dev1/temperature', payload, { qos: 0 });
      }
      if (sent < total) {
        setTimeout(tick, TICK_MS);
        return;
      }
      // QoS 0 calls back once the packet is written to the socket, after everything before it.
      client.publish(start.markerTopic, start.finalMarker, { qos: 0 }, () => resolve(performance.now()));
    };
    tick();
  });
  const elapsedS = (lastWritten - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await report({
    kind: 'done',
    published: sent,
    achievedRate: Math.round(sent / Math.max(elapsedS, 1e-3)),
    seconds: Math.round(elapsedS * 1000) / 1000,
    stoppedAt: performance.timeOrigin + lastWritten,
    publisherCpu: Math.round(((cpu.user + cpu.system) / 1e6 / Math.max(elapsedS, 1e-3)) * 100) / 100,
  });
  await client.endAsync();
  process.exit(0);
} catch (error) {
  await report({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
