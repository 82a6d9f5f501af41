import { describe, expect, it } from 'vitest';
import { interpretInbound } from './conventions/interpret';
import { createConventionMemory } from './conventions/memory';
import { EMPTY_FLEET, type Fleet } from './device';
import { type FoldOptions, foldBatch } from './fold';
import type { Interpretation } from './interpretation';

/** `Device.place`: where a device says it is, announced or suggested by its topic. */

const T0 = 1_700_000_000_000;
const encoder = new TextEncoder();
const options: FoldOptions = {
  nowMs: T0,
  staleAfterMs: 60_000,
  historyCapacity: 10,
  maxDevices: 100,
  maxMetricsPerDevice: 10,
};

function fold(fleet: Fleet, ...meanings: Interpretation[]): Fleet {
  return foldBatch(
    fleet,
    meanings.map((meaning) => ({ meaning, retained: false, receivedAt: T0 })),
    options,
  ).fleet;
}

const announce = (room: string, floor?: string): Interpretation => ({
  kind: 'describe',
  device: 'Living room sensor',
  convention: 'zigbee2mqtt',
  description: { place: floor === undefined ? { room } : { room, floor } },
});

const readings = (topicRoom?: string): Interpretation => ({
  kind: 'readings',
  device: 'Living room sensor',
  convention: 'zigbee2mqtt',
  readings: [{ metric: 'temperature', value: 21.5, unit: '°C' }],
  sampleAt: null,
  ...(topicRoom !== undefined ? { topicRoom } : {}),
});

const KEY = 'zigbee2mqtt/Living room sensor';

describe('foldBatch: where a device is', () => {
  it('places a device where it announces it is, with its floor', () => {
    const fleet = fold(EMPTY_FLEET, announce('Living room', 'Ground floor'));
    expect(fleet.devices.get(KEY)?.place).toEqual({
      room: 'Living room',
      floor: 'Ground floor',
      source: 'announced',
    });
  });

  it('moves it when a later announcement names another room', () => {
    const fleet = fold(fold(EMPTY_FLEET, announce('Living room', 'Ground floor')), announce('Study'));
    expect(fleet.devices.get(KEY)?.place).toEqual({ room: 'Study', source: 'announced' });
  });

  it('keeps the device object when the same place is announced again', () => {
    const before = fold(EMPTY_FLEET, announce('Living room'));
    const after = fold(before, announce('Living room'));
    expect(after.devices.get(KEY)).toBe(before.devices.get(KEY));
  });

  it("takes a topic's room as a suggestion, never over an announced place", () => {
    const suggested = fold(EMPTY_FLEET, readings('Kitchen'));
    expect(suggested.devices.get(KEY)?.place).toEqual({ room: 'Kitchen', source: 'topic' });
    const announced = fold(suggested, announce('Living room'));
    expect(announced.devices.get(KEY)?.place).toEqual({ room: 'Living room', source: 'announced' });
    const again = fold(announced, readings('Kitchen'));
    expect(again.devices.get(KEY)?.place).toEqual({ room: 'Living room', source: 'announced' });
  });

  it('leaves the place alone when readings suggest none', () => {
    const fleet = fold(fold(EMPTY_FLEET, announce('Study')), readings());
    expect(fleet.devices.get(KEY)?.place).toEqual({ room: 'Study', source: 'announced' });
    expect(fold(EMPTY_FLEET, readings()).devices.get(KEY)).not.toHaveProperty('place');
  });

  it('places devices from the messages brokers send: an HA area on a Zigbee2MQTT device, a seed topic', () => {
    const memory = createConventionMemory();
    const message = (topic: string, payload: object | string) => ({
      topic,
      payload: encoder.encode(typeof payload === 'string' ? payload : JSON.stringify(payload)),
      retained: true,
      receivedAt: T0,
    });
    const batch = [
      message('zigbee2mqtt/Living room sensor', { temperature: 21.5, humidity: 48, linkquality: 120 }),
      message('homeassistant/sensor/0x00158d0001a2b3c4/temperature/config', {
        device: {
          identifiers: ['zigbee2mqtt_0x00158d0001a2b3c4'],
          name: 'Living room sensor',
          suggested_area: 'Lounge',
        },
        device_class: 'temperature',
        state_topic: 'zigbee2mqtt/Living room sensor',
        unique_id: '0x00158d0001a2b3c4_temperature_zigbee2mqtt',
        unit_of_measurement: '°C',
        value_template: '{{ value_json.temperature }}',
      }),
      message('house/kitchen/temperature', '21.5'),
    ].map((inbound) => interpretInbound(memory, inbound));
    const fleet = foldBatch(EMPTY_FLEET, batch, options).fleet;
    expect(fleet.devices.get(KEY)?.place).toEqual({ room: 'Lounge', source: 'announced' });
    expect(fleet.devices.get('generic/kitchen')?.place).toEqual({ room: 'Kitchen', source: 'topic' });
  });
});
