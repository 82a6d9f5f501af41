import { describe, expect, it } from 'vitest';
import { interpretInbound } from './conventions/interpret';
import { createConventionMemory } from './conventions/memory';
import { EMPTY_FLEET, type Fleet } from './device';
import { type FoldOptions, foldBatch } from './fold';
import type { Interpretation, InterpretedMessage, Reading } from './interpretation';
import type { InboundMessage } from './message';
import { PAYLOAD_MAX_BYTES } from './payload';
import { timeAt, valueAt } from './ringBuffer';

const T0 = 1_700_000_000_000;
const encoder = new TextEncoder();

function live(topic: string, payload: string | Uint8Array, receivedAt = T0): InboundMessage {
  return {
    topic,
    payload: typeof payload === 'string' ? encoder.encode(payload) : payload,
    retained: false,
    receivedAt,
  };
}

function retained(topic: string, payload: string, receivedAt = T0): InboundMessage {
  return { ...live(topic, payload, receivedAt), retained: true };
}

/** Reads raw messages as the connection's worker does, then folds them. */
function foldMessages(fleet: Fleet, batch: readonly InboundMessage[], foldOptions: FoldOptions) {
  const memory = createConventionMemory();
  return foldBatch(
    fleet,
    batch.map((message) => interpretInbound(memory, message)),
    foldOptions,
  );
}

function options(overrides: Partial<FoldOptions> = {}): FoldOptions {
  return {
    nowMs: T0,
    staleAfterMs: 60_000,
    historyCapacity: 100,
    maxDevices: 100,
    maxMetricsPerDevice: 10,
    ...overrides,
  };
}

/** Folds batches one after another, each at the time of its last message. */
function foldAll(...batches: InboundMessage[][]): Fleet {
  let fleet = EMPTY_FLEET;
  for (const batch of batches) {
    fleet = foldMessages(fleet, batch, options({ nowMs: batch.at(-1)?.receivedAt ?? T0 })).fleet;
  }
  return fleet;
}

function historyOf(fleet: Fleet, device: string, metric: string): Array<[number, number]> {
  const ring = fleet.devices.get(`generic/${device}`)?.metrics.get(metric)?.history;
  if (ring === undefined) return [];
  return Array.from({ length: ring.length }, (_, i) => [timeAt(ring, i), valueAt(ring, i)]);
}

describe('foldBatch: latest values', () => {
  it('shows a number as the device metric with its unit and received time', () => {
    const fleet = foldAll([live('house/kitchen/temperature', '21.5', T0 + 7)]);
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')).toMatchObject({
      name: 'temperature',
      value: 21.5,
      unit: '°C',
      receivedAt: T0 + 7,
      sampleAt: T0 + 7,
      retained: false,
    });
    expect(fleet.ids).toEqual(['generic/kitchen']);
  });

  it('gives brightness lx by default', () => {
    const fleet = foldAll([live('house/hall/brightness', '340')]);
    expect(fleet.devices.get('generic/hall')?.metrics.get('brightness')?.unit).toBe('lx');
  });

  it('holds a value in the unit the payload names, converted to the quantity canonical unit', () => {
    const fleet = foldAll([live('house/kitchen/temperature', '{"value":70.7,"unit":"°F"}')]);
    const metric = fleet.devices.get('generic/kitchen')?.metrics.get('temperature');
    expect(metric).toMatchObject({ quantity: 'temperature', unit: '°C', sourceUnit: '°F' });
    expect(metric?.value).toBeCloseTo(21.5, 6);
  });

  it('keeps a named unit for later plain numbers', () => {
    const fleet = foldAll(
      [live('house/kitchen/temperature', '{"value":70.7,"unit":"°F"}', T0)],
      [live('house/kitchen/temperature', '71.6', T0 + 1000)],
    );
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')?.value).toBeCloseTo(22, 6);
  });

  it('keeps a temperature in an unknown unit as a reading of its own, never converted', () => {
    const fleet = foldAll([live('house/kitchen/temperature', '{"value":3,"unit":"bananas"}')]);
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')).toMatchObject({
      quantity: null,
      handle: 'temperature',
      value: 3,
      unit: 'bananas',
    });
  });

  it('names a reading by its quantity, and a second reading of one quantity with _2', () => {
    const fleet = foldAll([live('house/kitchen', '{"temp":21.5,"temperature":21.7,"hum":40}')]);
    const metrics = fleet.devices.get('generic/kitchen')?.metrics;
    expect(metrics?.get('temp')).toMatchObject({ handle: 'temperature', quantity: 'temperature' });
    expect(metrics?.get('temperature')).toMatchObject({ handle: 'temperature_2' });
    expect(metrics?.get('hum')).toMatchObject({ handle: 'humidity', quantity: 'humidity', unit: '%' });
  });

  it('keeps the generic brightness its word, as an illuminance', () => {
    const fleet = foldAll([live('house/hall/brightness', '340')]);
    expect(fleet.devices.get('generic/hall')?.metrics.get('brightness')).toMatchObject({
      handle: 'brightness',
      quantity: 'illuminance',
    });
  });

  it('keeps a generic kitchen and a Tasmota kitchen apart', () => {
    const fleet = foldAll([
      live('house/kitchen/temperature', '21.5'),
      live('tele/kitchen/SENSOR', '{"DS18B20":{"Temperature":19.5},"TempUnit":"C"}'),
    ]);
    expect(fleet.ids).toEqual(['generic/kitchen', 'tasmota/kitchen']);
    expect(fleet.devices.get('tasmota/kitchen')).toMatchObject({
      nativeId: 'kitchen',
      convention: 'tasmota',
    });
  });

  it('reads every numeric key of a JSON object as a metric with its default unit', () => {
    const fleet = foldAll([live('house/kitchen', '{"temperature":21.5,"humidity":48,"power":12.5}')]);
    const metrics = fleet.devices.get('generic/kitchen')?.metrics;
    expect(metrics?.get('temperature')).toMatchObject({ value: 21.5, unit: '°C' });
    expect(metrics?.get('humidity')).toMatchObject({ value: 48, unit: '%' });
    expect(metrics?.get('power')).toMatchObject({ value: 12.5, unit: 'W' });
  });

  it('shows the newest of several values in one batch', () => {
    const fleet = foldAll([
      live('house/kitchen/temperature', '21.0', T0),
      live('house/kitchen/temperature', '21.5', T0 + 1),
      live('house/kitchen/temperature', '22.0', T0 + 2),
    ]);
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')?.value).toBe(22);
  });

  it('keeps the payload time as the sample time', () => {
    const fleet = foldAll([live('house/kitchen/temperature', '{"value":21.5,"ts":1699999990}', T0)]);
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')).toMatchObject({
      sampleAt: T0 - 10_000,
      receivedAt: T0,
    });
  });
});

describe('foldBatch: history', () => {
  it('records each value in time order', () => {
    const fleet = foldAll(
      [live('house/kitchen/temperature', '21.0', T0), live('house/kitchen/temperature', '21.5', T0 + 1000)],
      [live('house/kitchen/temperature', '22.0', T0 + 2000)],
    );
    expect(historyOf(fleet, 'kitchen', 'temperature')).toEqual([
      [T0, 21],
      [T0 + 1000, 21.5],
      [T0 + 2000, 22],
    ]);
  });

  it('keeps at most historyCapacity samples, dropping the oldest', () => {
    // One reading per second: each lands in a history slot of its own.
    const batch = Array.from({ length: 250 }, (_, i) =>
      live('house/kitchen/temperature', String(i), T0 + i * 1000),
    );
    const fleet = foldMessages(
      EMPTY_FLEET,
      batch,
      options({ nowMs: T0 + 250_000, historyCapacity: 100 }),
    ).fleet;
    const history = historyOf(fleet, 'kitchen', 'temperature');
    expect(history).toHaveLength(100);
    expect(history[0]).toEqual([T0 + 150_000, 150]);
    expect(history.at(-1)).toEqual([T0 + 249_000, 249]);
  });

  it('once its history is full, keeps one sample per quarter second of a sensor that reports faster', () => {
    const batch = Array.from({ length: 100 }, (_, i) =>
      live('house/kitchen/temperature', String(i), T0 + i * 10),
    );
    const fleet = foldMessages(EMPTY_FLEET, batch, options({ nowMs: T0 + 1000, historyCapacity: 4 })).fleet;
    const history = historyOf(fleet, 'kitchen', 'temperature');
    expect(history).toHaveLength(4);
    expect(history.at(-1)).toEqual([T0 + 990, 99]);
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')?.value).toBe(99);
  });
});

describe('foldBatch: identity', () => {
  it('returns the same fleet for an empty batch', () => {
    const fleet = foldAll([live('house/kitchen/temperature', '21.5')]);
    expect(foldMessages(fleet, [], options()).fleet).toBe(fleet);
  });

  it('keeps the object identity of devices the batch does not touch', () => {
    const before = foldAll([
      live('house/kitchen/temperature', '21.5'),
      live('house/hall/temperature', '19.0'),
    ]);
    const after = foldMessages(
      before,
      [live('house/kitchen/temperature', '22.0', T0 + 1000)],
      options(),
    ).fleet;
    expect(after.devices.get('generic/hall')).toBe(before.devices.get('generic/hall'));
    expect(after.devices.get('generic/kitchen')).not.toBe(before.devices.get('generic/kitchen'));
  });

  it('keeps the object identity of metrics the batch does not touch', () => {
    const before = foldAll([live('house/kitchen', '{"temperature":21.5,"humidity":48}')]);
    const after = foldMessages(
      before,
      [live('house/kitchen/temperature', '22.0', T0 + 1000)],
      options(),
    ).fleet;
    const metricsBefore = before.devices.get('generic/kitchen')?.metrics;
    const metricsAfter = after.devices.get('generic/kitchen')?.metrics;
    expect(metricsAfter?.get('humidity')).toBe(metricsBefore?.get('humidity'));
    expect(metricsAfter?.get('temperature')).not.toBe(metricsBefore?.get('temperature'));
  });

  it('keeps the ids array when no device is added', () => {
    const before = foldAll([live('house/kitchen/temperature', '21.5')]);
    const after = foldMessages(
      before,
      [live('house/kitchen/temperature', '22.0', T0 + 1000)],
      options(),
    ).fleet;
    expect(after.ids).toBe(before.ids);
  });

  it('lists ids in natural order when a device is added', () => {
    const fleet = foldAll([
      live('house/room10/temperature', '1'),
      live('house/room2/temperature', '1'),
      live('house/attic/temperature', '1'),
    ]);
    expect(fleet.ids).toEqual(['generic/attic', 'generic/room2', 'generic/room10']);
  });

  it('does not change the fleet it was given', () => {
    const before = foldAll([live('house/kitchen/temperature', '21.5')]);
    const kitchen = before.devices.get('generic/kitchen');
    foldMessages(
      before,
      [live('house/kitchen/temperature', '22.0', T0 + 1000), live('house/hall/x', '1')],
      options(),
    );
    expect(before.devices.size).toBe(1);
    expect(before.devices.get('generic/kitchen')).toBe(kitchen);
    expect(kitchen?.metrics.get('temperature')?.value).toBe(21.5);
    expect(kitchen?.lastSeenAt).toBe(T0);
  });
});

describe('foldBatch: duplicates, late and retained values', () => {
  it('records an exact duplicate message once', () => {
    const message = live('house/kitchen/temperature', '21.5', T0);
    const fleet = foldAll([message, message], [message]);
    expect(historyOf(fleet, 'kitchen', 'temperature')).toEqual([[T0, 21.5]]);
  });

  it('does not let a late, older sample overwrite a newer value', () => {
    const fleet = foldAll(
      [live('house/kitchen/temperature', '{"value":22.0,"ts":1700000000}', T0)],
      [live('house/kitchen/temperature', '{"value":19.0,"ts":1699999940}', T0 + 1000)],
    );
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')).toMatchObject({
      value: 22,
      sampleAt: T0,
    });
    expect(historyOf(fleet, 'kitchen', 'temperature')).toEqual([[T0, 22]]);
  });

  it('does not let a late sample in the same batch overwrite a newer value', () => {
    const fleet = foldAll([
      live('house/kitchen', '{"temperature":22.0,"ts":1700000000}', T0),
      live('house/kitchen', '{"temperature":19.0,"ts":1699999940}', T0),
    ]);
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')?.value).toBe(22);
  });

  it('never lets a retained value replace a live one', () => {
    const fleet = foldAll(
      [live('house/kitchen/temperature', '22.0', T0)],
      [retained('house/kitchen/temperature', '18.0', T0 + 5000)],
    );
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')).toMatchObject({
      value: 22,
      retained: false,
    });
  });

  it('lets a live value replace a retained one', () => {
    const fleet = foldAll(
      [retained('house/kitchen/temperature', '18.0', T0)],
      [live('house/kitchen/temperature', '22.0', T0 + 1000)],
    );
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')).toMatchObject({
      value: 22,
      retained: false,
    });
  });

  it('marks a value that came from the retained store', () => {
    const fleet = foldAll([retained('house/kitchen/temperature', '18.0')]);
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')?.retained).toBe(true);
  });

  it('does not let a sample time in the future freeze the metric', () => {
    const fleet = foldAll(
      [live('house/kitchen/temperature', '{"value":99,"ts":4102444800}', T0)], // the year 2100
      [live('house/kitchen/temperature', '21.5', T0 + 1000)],
    );
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')?.value).toBe(21.5);
  });
});

describe('foldBatch: statuses', () => {
  it('lists a new device as changed', () => {
    const result = foldMessages(EMPTY_FLEET, [live('house/kitchen/temperature', '21.5')], options());
    expect(result.statusChanged).toEqual(['generic/kitchen']);
  });

  it('does not list a device whose status stayed the same', () => {
    const before = foldAll([live('house/kitchen/temperature', '21.5')]);
    const result = foldMessages(before, [live('house/kitchen/temperature', '22', T0 + 1000)], options());
    expect(result.statusChanged).toEqual([]);
  });

  it('lists a device whose status changed', () => {
    const before = foldAll([live('house/kitchen/temperature', '21.5')]);
    const result = foldMessages(before, [live('house/kitchen/status', 'offline', T0 + 1000)], options());
    expect(result.statusChanged).toEqual(['generic/kitchen']);
    expect(result.fleet.devices.get('generic/kitchen')?.status).toBe('offline');
  });

  it('calls a device with live data online', () => {
    expect(foldAll([live('house/kitchen/temperature', '21.5')]).devices.get('generic/kitchen')?.status).toBe(
      'online',
    );
  });

  it('calls a device with only retained data and no availability unknown', () => {
    expect(
      foldAll([retained('house/kitchen/temperature', '21.5')]).devices.get('generic/kitchen')?.status,
    ).toBe('unknown');
  });

  it('calls a device whose retained status says online online', () => {
    const fleet = foldAll([
      retained('house/kitchen/status', 'online'),
      retained('house/kitchen/temperature', '21.5'),
    ]);
    expect(fleet.devices.get('generic/kitchen')?.status).toBe('online');
  });

  it('calls a device offline after its Last Will', () => {
    const fleet = foldAll(
      [live('house/kitchen/temperature', '21.5', T0)],
      [live('house/kitchen/LWT', 'Offline', T0 + 1000)],
    );
    expect(fleet.devices.get('generic/kitchen')).toMatchObject({ availability: false, status: 'offline' });
  });

  it('brings a device back online when live data arrives after its Last Will', () => {
    const fleet = foldAll(
      [live('house/kitchen/status', 'offline', T0)],
      [live('house/kitchen/temperature', '21.5', T0 + 1000)],
    );
    expect(fleet.devices.get('generic/kitchen')).toMatchObject({ availability: true, status: 'online' });
  });

  it('brings a device back online when live data follows its Last Will within the same millisecond', () => {
    const fleet = foldAll([
      live('house/kitchen/status', 'offline', T0),
      live('house/kitchen/temperature', '21.5', T0),
    ]);
    expect(fleet.devices.get('generic/kitchen')?.status).toBe('online');
  });

  it('calls a device offline when its Last Will follows live data within the same millisecond', () => {
    const fleet = foldAll([
      live('house/kitchen/temperature', '21.5', T0),
      live('house/kitchen/status', 'offline', T0),
    ]);
    expect(fleet.devices.get('generic/kitchen')?.status).toBe('offline');
  });

  it('keeps a device offline when only retained data follows its Last Will', () => {
    const fleet = foldAll(
      [retained('house/kitchen/status', 'offline', T0)],
      [retained('house/kitchen/temperature', '21.5', T0 + 1000)],
    );
    expect(fleet.devices.get('generic/kitchen')?.status).toBe('offline');
  });

  it('calls a device stale when its last message is older than staleAfterMs', () => {
    const result = foldMessages(
      EMPTY_FLEET,
      [live('house/kitchen/temperature', '21.5', T0)],
      options({ nowMs: T0 + 120_000, staleAfterMs: 60_000 }),
    );
    expect(result.fleet.devices.get('generic/kitchen')?.status).toBe('stale');
  });
});

describe('foldBatch: limits and problems', () => {
  it('counts messages for devices past the device limit and keeps updating known devices', () => {
    const result = foldMessages(
      EMPTY_FLEET,
      [
        live('house/kitchen/temperature', '21.5'),
        live('house/hall/temperature', '19.0'),
        live('house/attic/temperature', '15.0'),
        live('house/kitchen/temperature', '22.0', T0 + 1),
      ],
      options({ maxDevices: 2 }),
    );
    expect([...result.fleet.devices.keys()]).toEqual(['generic/kitchen', 'generic/hall']);
    expect(result.fleet.overLimitCount).toBe(1);
    expect(result.fleet.devices.get('generic/kitchen')?.metrics.get('temperature')?.value).toBe(22);
  });

  it('notes metrics past the per-device limit as a problem', () => {
    const fleet = foldMessages(
      EMPTY_FLEET,
      [live('house/kitchen', '{"a":1,"b":2,"c":3}')],
      options({ maxMetricsPerDevice: 2 }),
    ).fleet;
    expect([...(fleet.devices.get('generic/kitchen')?.metrics.keys() ?? [])]).toEqual(['a', 'b']);
    expect(fleet.devices.get('generic/kitchen')?.lastProblem).toBe('more than 2 metrics: "c" is not shown');
  });

  it('counts topics that name no device', () => {
    const fleet = foldAll([live('temperature', '21.5'), live('house//temperature', '21.5')]);
    expect(fleet.unmappedCount).toBe(2);
    expect(fleet.devices.size).toBe(0);
  });

  it('counts invalid payloads on their device, with the last problem in words', () => {
    const fleet = foldAll([
      live('house/kitchen/temperature', '21.5'),
      live('house/kitchen/temperature', 'abc'),
      live('house/kitchen/temperature', '{"value":21.'),
    ]);
    expect(fleet.devices.get('generic/kitchen')).toMatchObject({
      invalidCount: 2,
      lastProblem: 'malformed JSON',
    });
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('temperature')?.value).toBe(21.5);
  });

  it.each(['NaN', 'Infinity', '1e999', '0x10'])('never turns %s into a reading', (payload) => {
    const fleet = foldAll([live('house/kitchen/temperature', payload)]);
    expect(fleet.devices.get('generic/kitchen')?.metrics.size).toBe(0);
    expect(fleet.devices.get('generic/kitchen')?.invalidCount).toBe(1);
  });

  it('counts binary payloads as invalid', () => {
    const fleet = foldAll([live('house/kitchen/temperature', new Uint8Array([0xff, 0x00, 0x13, 0x37]))]);
    expect(fleet.devices.get('generic/kitchen')).toMatchObject({
      invalidCount: 1,
      lastProblem: 'binary payload (not UTF-8 text)',
    });
  });

  it('counts oversize payloads on their device, saying what was dropped', () => {
    const fleet = foldAll([live('house/kitchen/temperature', new Uint8Array(PAYLOAD_MAX_BYTES + 1024))]);
    expect(fleet.devices.get('generic/kitchen')).toMatchObject({
      oversizeCount: 1,
      invalidCount: 0,
      lastProblem: 'a payload of 65 KiB was dropped (limit 64 KiB)',
    });
  });
});

describe('foldBatch: hostile names', () => {
  it('keeps markup in a device name as a plain key', () => {
    const fleet = foldAll([live('house/<img src=x onerror=alert(1)>/temperature', '21.5')]);
    expect(fleet.ids).toEqual(['generic/<img src=x onerror=alert(1)>']);
    expect(fleet.devices.get('generic/<img src=x onerror=alert(1)>')?.metrics.get('temperature')?.value).toBe(
      21.5,
    );
  });

  it('treats __proto__ and constructor as ordinary device and metric names', () => {
    const fleet = foldAll([
      live('house/__proto__/polluted', '1'),
      live('house/constructor/prototype', '2'),
      live('house/kitchen', '{"__proto__":3,"constructor":4,"polluted":5}'),
    ]);
    expect(fleet.devices.size).toBe(3);
    expect(fleet.devices.get('generic/__proto__')?.metrics.get('polluted')?.value).toBe(1);
    expect(fleet.devices.get('generic/constructor')?.metrics.get('prototype')?.value).toBe(2);
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('__proto__')?.value).toBe(3);
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('constructor')?.value).toBe(4);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(fleet.devices.get('generic/toString')).toBeUndefined();
  });

  it('gives __proto__ and constructor metrics no unit', () => {
    const fleet = foldAll([live('house/kitchen/constructor', '1'), live('house/kitchen/__proto__', '2')]);
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('constructor')?.unit).toBe('');
    expect(fleet.devices.get('generic/kitchen')?.metrics.get('__proto__')?.unit).toBe('');
  });
});

describe('foldBatch: announcements, removals and ignored messages', () => {
  const at = (meaning: Interpretation, receivedAt = T0, isRetained = false): InterpretedMessage => ({
    meaning,
    receivedAt,
    retained: isRetained,
  });
  const fold = (fleet: Fleet, ...messages: InterpretedMessage[]) => foldBatch(fleet, messages, options());
  const describePlug: Interpretation = {
    kind: 'describe',
    device: 'kitchen_plug',
    convention: 'tasmota',
    description: {
      name: 'Kitchen plug',
      metrics: [{ metric: 'POWER', label: 'Power', unit: '', quantity: 'switch' }],
      controls: [
        {
          kind: 'switch',
          id: 'POWER',
          label: 'Power',
          stateMetric: 'POWER',
          echoes: true,
          command: {
            format: 'plain',
            topic: 'cmnd/kitchen_plug/POWER',
            on: 'ON',
            off: 'OFF',
            retain: false,
            qos: 0,
          },
        },
      ],
    },
  };
  const powerOn: Interpretation = {
    kind: 'readings',
    device: 'kitchen_plug',
    readings: [{ metric: 'POWER', value: 1, unit: null }],
    sampleAt: null,
    convention: 'tasmota',
  };

  it('shows an announced device with its name and controls, as unknown until it is heard', () => {
    const result = fold(EMPTY_FLEET, at(describePlug));
    expect(result.fleet.ids).toEqual(['tasmota/kitchen_plug']);
    expect(result.fleet.devices.get('tasmota/kitchen_plug')).toMatchObject({
      name: 'Kitchen plug',
      convention: 'tasmota',
      controls: [{ id: 'POWER' }],
      lastSeenAt: 0,
      liveSeen: false,
      status: 'unknown',
    });
    expect(result.statusChanged).toEqual(['tasmota/kitchen_plug']);
  });

  it('gives later readings the announced label and unit', () => {
    const fleet = fold(fold(EMPTY_FLEET, at(describePlug)).fleet, at(powerOn, T0 + 10)).fleet;
    expect(fleet.devices.get('tasmota/kitchen_plug')?.metrics.get('POWER')).toMatchObject({
      value: 1,
      unit: '',
      label: 'Power',
    });
    expect(fleet.devices.get('tasmota/kitchen_plug')).toMatchObject({
      lastSeenAt: T0 + 10,
      status: 'online',
    });
  });

  it('relabels a metric already shown when its description arrives later', () => {
    const fleet = fold(EMPTY_FLEET, at(powerOn), at(describePlug)).fleet;
    expect(fleet.devices.get('tasmota/kitchen_plug')?.metrics.get('POWER')).toMatchObject({
      unit: '',
      label: 'Power',
    });
  });

  it('keeps the device object when an announcement changes nothing', () => {
    const fleet = fold(EMPTY_FLEET, at(describePlug), at(powerOn)).fleet;
    const again = fold(fleet, at(describePlug, T0 + 5000));
    expect(again.fleet.devices.get('tasmota/kitchen_plug')).toBe(fleet.devices.get('tasmota/kitchen_plug'));
    expect(again.fleet.ids).toBe(fleet.ids);
  });

  it('does not count an announcement as hearing from the device', () => {
    const fleet = fold(EMPTY_FLEET, at(powerOn, T0)).fleet;
    const later = fold(fleet, at({ ...describePlug, description: { name: 'Plug' } }, T0 + 9000)).fleet;
    expect(later.devices.get('tasmota/kitchen_plug')).toMatchObject({ name: 'Plug', lastSeenAt: T0 });
  });

  it('removes announced metrics and controls', () => {
    const fleet = fold(EMPTY_FLEET, at(describePlug), at(powerOn)).fleet;
    const removal: Interpretation = {
      kind: 'remove',
      device: 'kitchen_plug',
      convention: 'tasmota',
      metrics: ['POWER'],
      controls: ['POWER'],
      wholeDevice: false,
    };
    const device = fold(fleet, at(removal)).fleet.devices.get('tasmota/kitchen_plug');
    expect(device?.metrics.size).toBe(0);
    expect(device?.controls).toEqual([]);
    expect(device?.metricInfo?.size).toBe(0);
  });

  it('takes a whole device off the fleet and reports it as changed', () => {
    const fleet = fold(EMPTY_FLEET, at(describePlug), at(powerOn)).fleet;
    const removal: Interpretation = {
      kind: 'remove',
      device: 'kitchen_plug',
      convention: 'tasmota',
      metrics: ['POWER'],
      controls: [],
      wholeDevice: true,
    };
    const result = fold(fleet, at(removal));
    expect(result.fleet.devices.size).toBe(0);
    expect(result.fleet.ids).toEqual([]);
    expect(result.statusChanged).toEqual(['tasmota/kitchen_plug']);
    expect(result.removed).toEqual(['tasmota/kitchen_plug']);
  });

  it('counts an ignored message as a sign of life of a known device, and creates none', () => {
    const fleet = fold(EMPTY_FLEET, at(powerOn, T0)).fleet;
    const later = fold(
      fleet,
      at(
        {
          kind: 'ignored',
          reason: 'Tasmota tele/INFO1 is not shown',
          device: 'kitchen_plug',
          convention: 'tasmota',
        },
        T0 + 5000,
      ),
      at({ kind: 'ignored', reason: 'a command', device: 'other' }, T0 + 5000),
      at({ kind: 'ignored', reason: 'bridge logs' }, T0 + 5000),
    ).fleet;
    expect(later.devices.get('tasmota/kitchen_plug')?.lastSeenAt).toBe(T0 + 5000);
    expect(later.ids).toEqual(['tasmota/kitchen_plug']);
  });

  it('applies each meaning of a multiple in order', () => {
    const fleet = fold(EMPTY_FLEET, at({ kind: 'multiple', meanings: [describePlug, powerOn] })).fleet;
    expect(fleet.devices.get('tasmota/kitchen_plug')).toMatchObject({
      name: 'Kitchen plug',
      status: 'online',
    });
  });

  it('keeps the note of an availability until the next one', () => {
    const sleeping: Interpretation = {
      kind: 'availability',
      device: 'sensor',
      online: true,
      convention: 'homie',
      note: 'sleeping (Homie $state sleeping)',
    };
    const fleet = fold(EMPTY_FLEET, at(sleeping)).fleet;
    expect(fleet.devices.get('homie/sensor')).toMatchObject({
      note: 'sleeping (Homie $state sleeping)',
      convention: 'homie',
    });
    const awake = fold(
      fleet,
      at({ kind: 'availability', device: 'sensor', online: true, convention: 'homie' }, T0 + 1),
    ).fleet;
    expect(awake.devices.get('homie/sensor')?.note).toBeUndefined();
  });

  it('folds a replayed reading as the state the broker holds, even when a live message carries it', () => {
    const fleet = fold(EMPTY_FLEET, at({ ...powerOn, replayed: true }, T0, false)).fleet;
    expect(fleet.devices.get('tasmota/kitchen_plug')?.metrics.get('POWER')).toMatchObject({
      value: 1,
      retained: true,
    });
    expect(fleet.devices.get('tasmota/kitchen_plug')).toMatchObject({ liveSeen: false, status: 'unknown' });
  });

  it('never lets a replayed reading replace a live one', () => {
    const fleet = fold(EMPTY_FLEET, at(powerOn, T0)).fleet;
    const replayedOff: Interpretation = {
      ...powerOn,
      readings: [{ metric: 'POWER', value: 0, unit: null }],
      replayed: true,
    };
    const later = fold(fleet, at(replayedOff, T0 + 1000)).fleet;
    expect(later.devices.get('tasmota/kitchen_plug')?.metrics.get('POWER')?.value).toBe(1);
  });

  it('counts announcements past the device limit', () => {
    const result = foldBatch(
      EMPTY_FLEET,
      [at(describePlug), at({ ...describePlug, device: 'b' })],
      options({ maxDevices: 1 }),
    );
    expect(result.fleet.overLimitCount).toBe(1);
  });
});

describe('foldBatch: accepted samples', () => {
  it('reports each value taken as latest, by device key, held in the canonical unit', () => {
    const result = foldMessages(
      EMPTY_FLEET,
      [live('house/kitchen/temperature', '{"value":71.6,"unit":"°F"}', T0)],
      options(),
    );
    expect(result.accepted).toHaveLength(1);
    expect(result.accepted[0]).toMatchObject({
      device: 'generic/kitchen',
      metric: 'temperature',
      quantity: 'temperature',
      at: T0,
      retained: false,
    });
    expect(result.accepted[0]?.value).toBeCloseTo(22, 6);
  });

  it('clamps a sample time ahead of its arrival to the arrival', () => {
    const result = foldMessages(
      EMPTY_FLEET,
      [live('house/kitchen/temperature', '{"value":21,"ts":4102444800}', T0)],
      options(),
    );
    expect(result.accepted.map((s) => s.at)).toEqual([T0]);
  });

  it('leaves out values the fold did not take: older, repeated or retained over live', () => {
    const before = foldAll([live('house/kitchen/temperature', '21', T0 + 1000)]);
    const result = foldMessages(
      before,
      [
        live('house/kitchen/temperature', '{"value":20,"ts":1700000000}', T0 + 2000),
        live('house/kitchen/temperature', '21', T0 + 1000),
        retained('house/kitchen/temperature', '19', T0 + 3000),
      ],
      options(),
    );
    expect(result.accepted).toEqual([]);
  });

  it('marks a retained value as retained', () => {
    const result = foldMessages(EMPTY_FLEET, [retained('house/kitchen/temperature', '21')], options());
    expect(result.accepted.map((s) => s.retained)).toEqual([true]);
  });

  it('reports no removal when nothing went away', () => {
    const result = foldMessages(EMPTY_FLEET, [live('house/kitchen/temperature', '21')], options());
    expect(result.removed).toEqual([]);
  });
});

describe('foldBatch: a retained message is the broker memory, not a sign of life', () => {
  const silentThenReplayed = (deafness?: FoldOptions['deafness']) => {
    const heard = foldMessages(EMPTY_FLEET, [live('house/attic/temperature', '20', T0)], options()).fleet;
    // Silent for ten minutes, then a reconnect replays its retained value.
    const at = T0 + 600_000;
    return foldMessages(
      heard,
      [retained('house/attic/temperature', '20', at)],
      options({ nowMs: at, ...(deafness !== undefined ? { deafness } : {}) }),
    ).fleet.devices.get('generic/attic');
  };

  it('keeps the last-heard time and the stale status of a device whose value is replayed', () => {
    const device = silentThenReplayed();
    expect(device?.lastSeenAt).toBe(T0);
    expect(device?.status).toBe('stale');
  });

  it('does not make a device known only through retained state online', () => {
    const fleet = foldAll([retained('house/cellar/temperature', '12')]);
    expect(fleet.devices.get('generic/cellar')).toMatchObject({ lastSeenAt: 0, status: 'unknown' });
  });

  it('takes a changed retained value over a live one when the dashboard was deaf since', () => {
    const heard = foldMessages(EMPTY_FLEET, [live('house/attic/temperature', '20', T0)], options()).fleet;
    const after = T0 + 60_000;
    const deafness = { spans: [{ from: T0 + 1000, to: T0 + 50_000 }], since: null, listeningSince: T0 };
    const device = foldMessages(
      heard,
      [retained('house/attic/temperature', '23', after)],
      options({ nowMs: after, deafness }),
    ).fleet.devices.get('generic/attic');
    expect(device?.metrics.get('temperature')?.value).toBe(23);
    expect(device?.lastSeenAt).toBe(T0);
  });

  it('keeps a live value against a retained one when the dashboard listened all along', () => {
    const heard = foldMessages(EMPTY_FLEET, [live('house/attic/temperature', '20', T0)], options()).fleet;
    const deafness = {
      spans: [{ from: T0 - 9000, to: T0 - 5000 }],
      since: null,
      listeningSince: T0 - 10_000,
    };
    const device = foldMessages(
      heard,
      [retained('house/attic/temperature', '23', T0 + 1000)],
      options({ nowMs: T0 + 1000, deafness }),
    ).fleet.devices.get('generic/attic');
    expect(device?.metrics.get('temperature')?.value).toBe(20);
  });

  it('takes what a retained repeat of the same value says of it, and nothing else: no sample, no sign of life', () => {
    const battery = (extra: Partial<Reading> = {}): InterpretedMessage => ({
      meaning: {
        kind: 'readings',
        device: 'shellyplusht-1',
        convention: 'shelly',
        readings: [{ metric: 'devicepower:0 battery', value: 0, unit: '%', quantity: 'battery', ...extra }],
        sampleAt: null,
      },
      retained: true,
      receivedAt: T0 + 5000,
    });
    const before = foldBatch(EMPTY_FLEET, [{ ...battery(), receivedAt: T0 }], options()).fleet;
    const first = before.devices.get('shelly/shellyplusht-1')?.metrics.get('devicepower:0 battery');
    const result = foldBatch(
      before,
      [battery({ externalPower: true, precision: 0 })],
      options({ nowMs: T0 + 5000 }),
    );
    const device = result.fleet.devices.get('shelly/shellyplusht-1');
    expect(device?.metrics.get('devicepower:0 battery')).toMatchObject({
      value: 0,
      externalPower: true,
      precision: 0,
      receivedAt: T0,
      sampleAt: T0,
      retained: true,
    });
    expect(device?.metrics.get('devicepower:0 battery')?.history).toBe(first?.history);
    expect(device).toMatchObject({ lastSeenAt: 0, liveSeen: false, status: 'unknown' });
    expect(result.accepted).toEqual([]);
    expect(result.described).toEqual(['shelly/shellyplusht-1']);
  });

  it('leaves a reading untouched by an exact retained repeat', () => {
    const fleet = foldAll([retained('house/attic/temperature', '20', T0)]);
    const metric = fleet.devices.get('generic/attic')?.metrics.get('temperature');
    const result = foldMessages(fleet, [retained('house/attic/temperature', '20', T0 + 1000)], options());
    expect(result.fleet.devices.get('generic/attic')?.metrics.get('temperature')).toBe(metric);
    expect(result.described).toEqual([]);
  });

  it('still takes a retained availability: a retained offline is offline, a retained online is online', () => {
    const fleet = foldAll([
      retained('house/porch/temperature', '8'),
      retained('house/porch/status', 'online'),
      retained('house/shed/status', 'offline'),
    ]);
    expect(fleet.devices.get('generic/porch')?.status).toBe('online');
    expect(fleet.devices.get('generic/shed')?.status).toBe('offline');
  });
});
