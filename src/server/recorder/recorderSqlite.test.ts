import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOME_ASSISTANT } from '../../core/conventions/fixtures/homeAssistant.ts';
import { inbound } from '../../core/conventions/fixtures/message.ts';
import { TASMOTA } from '../../core/conventions/fixtures/tasmota.ts';
import { ZIGBEE2MQTT } from '../../core/conventions/fixtures/zigbee2mqtt.ts';
import { createRecorder } from './recorder.ts';
import { createSqliteStorage } from './sqliteStorage.ts';

const T0 = 1_700_000_000_000;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearth-recorder-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the recorder on a real SQLite file', () => {
  it('writes live readings by series, skips retained ones, and knows the devices after a restart', async () => {
    const file = join(dir, 'hearth.db');
    let clock = T0;
    const storage = await createSqliteStorage(file);
    const recorder = createRecorder({ storage, log: () => {}, now: () => clock });
    await recorder.start();
    recorder.push(inbound(HOME_ASSISTANT.espTemperatureConfig, clock));
    recorder.push(inbound(ZIGBEE2MQTT.climate, clock));
    clock += 1000;
    recorder.push(inbound({ ...HOME_ASSISTANT.espState }, clock));
    recorder.push(inbound(TASMOTA.bh1750, clock));
    await recorder.flush();
    await recorder.stop();
    await storage.close();

    clock += 60_000;
    const reopened = await createSqliteStorage(file);
    const again = createRecorder({ storage: reopened, log: () => {}, now: () => clock });
    await again.start();
    const light = again.series().find((series) => series.device === 'tasmota/hall_light');
    expect(light).toMatchObject({ handle: 'illuminance', quantity: 'illuminance', unit: 'lx' });
    expect(await reopened.raw(light?.id ?? -1, 0, clock, 10)).toEqual([[T0 + 1000, 120]]);
    // Retained: the Zigbee2MQTT sensor is a device, but none of its values is a row.
    const climate = again.series().filter((series) => series.device === 'zigbee2mqtt/Living room sensor');
    expect(climate).toEqual([]);
    expect(again.devices().map((device) => [device.key, device.status])).toEqual([
      ['homeassistant/esp-weather-01', 'unknown'],
      ['tasmota/hall_light', 'unknown'],
      ['zigbee2mqtt/Living room sensor', 'unknown'],
    ]);
    await again.stop();
    await reopened.close();
  });

  it('forgets a device whose retained state its owner deleted, keeps its history, and knows it again when it speaks', async () => {
    const file = join(dir, 'hearth.db');
    let clock = T0;
    const storage = await createSqliteStorage(file);
    const recorder = createRecorder({ storage, log: () => {}, now: () => clock });
    await recorder.start();
    const live = (topic: string, payload: string, extra: object = {}) => ({
      topic,
      payload: new TextEncoder().encode(payload),
      retained: false,
      receivedAt: clock,
      ...extra,
    });
    recorder.push(live('house/attic/status', 'online'));
    recorder.push(live('house/attic/temperature', '12.5'));
    recorder.push(live('house/cellar/temperature', '9.5'));
    await recorder.flush();
    expect(recorder.devices().map((device) => device.key)).toEqual(['generic/attic', 'generic/cellar']);
    // Each device says where it spoke, and each reading where its value came from.
    const attic0 = recorder.devices()[0];
    expect(attic0?.topics).toEqual(['house/attic/status', 'house/attic/temperature']);
    expect(attic0?.readings.map((reading) => [reading.metric, reading.topic])).toEqual([
      ['temperature', 'house/attic/temperature'],
    ]);

    clock += 1000;
    // The owner retires the attic sensor: its retained status is deleted.
    recorder.push(live('house/attic/status', '', { clearsRetained: true }));
    // A plain empty message is bad input, not a removal.
    recorder.push(live('house/cellar/temperature', ''));
    await recorder.flush();
    expect(recorder.devices().map((device) => device.key)).toEqual(['generic/cellar']);
    const attic = recorder.series().find((series) => series.device === 'generic/attic');
    expect(await storage.raw(attic?.id ?? -1, 0, clock, 10)).toEqual([[T0, 12.5]]);

    await recorder.stop();
    await storage.close();

    // Forgotten for good: a restart does not bring it back from the saved devices.
    const reopened = await createSqliteStorage(file);
    const again = createRecorder({ storage: reopened, log: () => {}, now: () => clock });
    await again.start();
    expect(again.devices().map((device) => device.key)).toEqual(['generic/cellar']);
    clock += 1000;
    again.push(live('house/attic/temperature', '13'));
    await again.flush();
    expect(again.devices().map((device) => device.key)).toEqual(['generic/attic', 'generic/cellar']);
    await again.stop();
    await reopened.close();
  });
});
