import { afterEach, describe, expect, it } from 'vitest';
import { GENERIC } from '../../core/conventions/fixtures/generic.ts';
import { HOME_ASSISTANT } from '../../core/conventions/fixtures/homeAssistant.ts';
import { HOMESEER } from '../../core/conventions/fixtures/homeseer.ts';
import { HOMIE_THERMOSTAT } from '../../core/conventions/fixtures/homie.ts';
import { type FixtureMessage, inbound } from '../../core/conventions/fixtures/message.ts';
import { SHELLY } from '../../core/conventions/fixtures/shelly.ts';
import { TASMOTA } from '../../core/conventions/fixtures/tasmota.ts';
import { ZIGBEE2MQTT } from '../../core/conventions/fixtures/zigbee2mqtt.ts';
import { createMemoryStorage, type MemoryStorage } from './memoryStorage.ts';
import { createRecorder, type Recorder } from './recorder.ts';

const T0 = 1_700_000_000_000;
let clock = T0;
const running: Recorder[] = [];

afterEach(async () => {
  for (const recorder of running.splice(0)) await recorder.stop().catch(() => {});
  clock = T0;
});

async function startRecorder(storage: MemoryStorage, options: { backlogMax?: number } = {}) {
  const lines: string[] = [];
  const recorder = createRecorder({ storage, log: (line) => lines.push(line), now: () => clock, ...options });
  running.push(recorder);
  await recorder.start();
  return { recorder, lines };
}

function live(fixture: FixtureMessage) {
  return inbound({ ...fixture, retained: false }, clock);
}

/** Rows as people check them: device key, handle, quantity, unit, value. */
function recorded(storage: MemoryStorage) {
  return storage.readings.map((row) => {
    const series = storage.seriesRows.find((candidate) => candidate.id === row.series);
    return {
      device: series?.device,
      handle: series?.handle,
      quantity: series?.quantity,
      unit: series?.unit,
      value: row.value,
    };
  });
}

describe('recording what the conventions say', () => {
  it('records a reading of each of the seven conventions by device, handle, quantity and canonical unit', async () => {
    const storage = createMemoryStorage();
    const { recorder } = await startRecorder(storage);
    for (const message of HOMIE_THERMOSTAT) recorder.push(inbound(message, clock));
    recorder.push(inbound(HOME_ASSISTANT.espTemperatureConfig, clock));
    await recorder.flush();
    clock += 1000;
    for (const fixture of [
      GENERIC.temperature,
      TASMOTA.ds18b20,
      ZIGBEE2MQTT.motion,
      SHELLY.temperature,
      HOMESEER.temperature,
      { topic: 'homie/thermostat-1/sensor/temperature', payload: '22' },
      HOME_ASSISTANT.espState,
    ])
      recorder.push(live(fixture));
    await recorder.flush();

    const rows = recorded(storage);
    expect(rows).toContainEqual({
      device: 'generic/kitchen',
      handle: 'temperature',
      quantity: 'temperature',
      unit: '°C',
      value: 21.5,
    });
    expect(rows).toContainEqual({
      device: 'tasmota/boiler_room',
      handle: 'temperature',
      quantity: 'temperature',
      unit: '°C',
      value: 21.4,
    });
    // 3025 mV, recorded in the canonical V.
    expect(rows).toContainEqual({
      device: 'zigbee2mqtt/Hall motion',
      handle: 'voltage',
      quantity: 'voltage',
      unit: 'V',
      value: 3.025,
    });
    expect(rows).toContainEqual({
      device: 'shelly/shellyplusht-c4d8d5551234',
      handle: 'temperature',
      quantity: 'temperature',
      unit: '°C',
      value: 21.4,
    });
    expect(rows).toContainEqual({
      device: 'homeseer/Thermostat/HVAC',
      handle: 'temperature',
      quantity: 'temperature',
      unit: '°C',
      value: 21.5,
    });
    expect(rows).toContainEqual({
      device: 'homie/thermostat-1',
      handle: 'temperature',
      quantity: 'temperature',
      unit: '°C',
      value: 22,
    });
    // 68.9 °F from the weather station, recorded in the canonical °C.
    const outside = rows.find(
      (row) => row.device === 'homeassistant/esp-weather-01' && row.handle === 'temperature',
    );
    expect(outside?.unit).toBe('°C');
    expect(outside?.value).toBeCloseTo(20.5, 1);
  });

  it('records no row for a retained message: a replay is old state, not history', async () => {
    const storage = createMemoryStorage();
    const { recorder } = await startRecorder(storage);
    for (const message of HOMIE_THERMOSTAT) recorder.push(inbound(message, clock));
    recorder.push(inbound(ZIGBEE2MQTT.climate, clock));
    await recorder.flush();

    expect(storage.readings).toEqual([]);
    expect(recorder.devices().map((device) => device.key)).toEqual([
      'homie/thermostat-1',
      'zigbee2mqtt/Living room sensor',
    ]);
    expect(recorder.devices()[0]?.readings.find((reading) => reading.handle === 'temperature')?.value).toBe(
      21.5,
    );
  });
});

describe('a database that cannot write', () => {
  it('keeps every reading in memory and writes them all when it works again, saying so once', async () => {
    const storage = createMemoryStorage();
    const { recorder, lines } = await startRecorder(storage);
    recorder.push(live(GENERIC.temperature));
    await recorder.flush();
    storage.failWith = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    for (let i = 0; i < 10; i++) {
      clock += 1000;
      recorder.push(live({ topic: 'house/kitchen/temperature', payload: String(20 + i) }));
      await recorder.flush();
    }
    expect(lines).toEqual([
      'recorder: cannot write to the history database (disk full: SQLITE_FULL); keeping 1 readings in memory, 0 dropped so far',
    ]);
    expect(recorder.health()).toMatchObject({ backlog: 10, dropped: 0, lastError: 'disk full: SQLITE_FULL' });

    storage.failWith = null;
    clock += 1000;
    await recorder.flush();
    expect(storage.readings.map((row) => row.value)).toEqual([21.5, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    expect(lines.at(-1)).toBe(
      'recorder: writing to the history database works again; 0 readings dropped while it did not',
    );
    expect(recorder.health()).toMatchObject({ backlog: 0, dropped: 0, lastError: null });
  });

  it('drops the oldest readings past the bound, counted, and keeps the newest', async () => {
    const storage = createMemoryStorage();
    const { recorder, lines } = await startRecorder(storage, { backlogMax: 5 });
    recorder.push(live(GENERIC.temperature));
    await recorder.flush();
    storage.failWith = new Error('connect ECONNREFUSED 127.0.0.1:5433');
    for (let i = 0; i < 8; i++) {
      clock += 1000;
      recorder.push(live({ topic: 'house/kitchen/temperature', payload: String(i) }));
      await recorder.flush();
    }
    expect(recorder.health()).toMatchObject({ backlog: 5, dropped: 3 });
    storage.failWith = null;
    await recorder.flush();

    expect(storage.readings.map((row) => row.value)).toEqual([21.5, 3, 4, 5, 6, 7]);
    expect(lines.at(-1)).toBe(
      'recorder: writing to the history database works again; 3 readings dropped while it did not',
    );
  });

  it('repeats the line about a failing write at most once a minute', async () => {
    const storage = createMemoryStorage();
    const { recorder, lines } = await startRecorder(storage);
    storage.failWith = new Error('database is locked');
    for (let i = 0; i < 130; i++) {
      clock += 1000;
      recorder.push(live({ topic: 'house/kitchen/temperature', payload: String(i) }));
      await recorder.flush();
    }
    expect(lines).toHaveLength(3);
  });
});

describe('restarts', () => {
  it('knows the house again at once after a restart, every device unknown until heard', async () => {
    const storage = createMemoryStorage();
    const first = await startRecorder(storage);
    first.recorder.push(live(GENERIC.temperature));
    first.recorder.push(live(ZIGBEE2MQTT.motion));
    await first.recorder.flush();
    await first.recorder.stop();
    running.splice(0);

    clock += 60_000;
    const second = await startRecorder(storage);
    const devices = second.recorder.devices();
    expect(devices.map((device) => [device.key, device.status])).toEqual([
      ['generic/kitchen', 'unknown'],
      ['zigbee2mqtt/Hall motion', 'unknown'],
    ]);
    expect(devices[0]?.readings).toMatchObject([{ handle: 'temperature', value: 21.5, unit: '°C' }]);

    second.recorder.push(live({ topic: 'house/kitchen/temperature', payload: '22' }));
    await second.recorder.flush();
    expect(second.recorder.devices()[0]).toMatchObject({
      status: 'online',
      readings: [{ handle: 'temperature', value: 22 }],
    });
  });

  it('logs the time it was not running as an outage', async () => {
    const storage = createMemoryStorage();
    const first = await startRecorder(storage);
    await first.recorder.stop();
    running.splice(0);
    const stoppedAt = clock;
    clock += 10 * 60_000;
    const second = await startRecorder(storage);
    await second.recorder.flush();

    expect(storage.eventRows).toContainEqual(
      expect.objectContaining({ kind: 'recorder-outage', at: stoppedAt, until: clock, device: null }),
    );
  });

  it('logs a lost broker connection as an outage that ends when it is back', async () => {
    const storage = createMemoryStorage();
    const { recorder } = await startRecorder(storage);
    recorder.setListening(false, clock);
    await recorder.flush();
    recorder.setListening(true, clock + 30_000);
    await recorder.flush();

    expect(storage.eventRows.filter((event) => event.kind === 'recorder-outage')).toMatchObject([
      { at: T0, until: T0 + 30_000 },
    ]);
  });
});

describe('events', () => {
  it('records a device going offline and a switch turned on, in words', async () => {
    const storage = createMemoryStorage();
    const { recorder } = await startRecorder(storage);
    recorder.push(inbound(HOME_ASSISTANT.esphomeSwitchConfig, clock));
    recorder.push(live({ topic: 'garage-node/switch/relay/state', payload: 'OFF' }));
    recorder.push(live(HOME_ASSISTANT.esphomeOnline));
    await recorder.flush();
    clock += 1000;
    recorder.push(live({ topic: 'garage-node/switch/relay/command', payload: 'ON' }));
    await recorder.flush();
    clock += 500;
    recorder.push(live(HOME_ASSISTANT.esphomeSwitchOn));
    await recorder.flush();
    clock += 1000;
    recorder.push(live(HOME_ASSISTANT.esphomeOffline));
    await recorder.flush();

    expect(storage.eventRows.map((event) => [event.kind, event.text])).toEqual([
      ['online', 'garage-node came online'],
      ['control-sent', 'Command sent: garage-node on'],
      ['switch', 'garage-node switched on'],
      ['control-confirmed', 'garage-node confirmed on'],
      ['offline', 'garage-node went offline'],
    ]);
  });
});
