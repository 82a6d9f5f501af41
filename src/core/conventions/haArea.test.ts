import { beforeEach, describe, expect, it } from 'vitest';
import { HOME_ASSISTANT } from './fixtures/homeAssistant';
import { type FixtureMessage, inbound } from './fixtures/message';
import { type DiscoveryPlace, placeDiscoveryTopic } from './haConfig';
import { interpretDiscovery } from './haDiscovery';
import { nativeDeviceOf } from './interpret';
import { type ConventionMemory, createConventionMemory } from './memory';

/** Home Assistant's `suggested_area` (`sa` in abbreviated configs): the room a device announces. */

let memory: ConventionMemory;
beforeEach(() => {
  memory = createConventionMemory();
});
const announce = (fixture: FixtureMessage) =>
  interpretDiscovery(
    memory,
    inbound(fixture),
    placeDiscoveryTopic(fixture.topic) as DiscoveryPlace,
    nativeDeviceOf,
  );

/** ESPHome's config of a sensor on a node with `area: Kitchen`, abbreviated as ESPHome sends it. */
function espHomeConfig(area: unknown): FixtureMessage {
  return {
    topic: 'homeassistant/sensor/kitchen-node/temperature/config',
    retained: true,
    payload: JSON.stringify({
      dev_cla: 'temperature',
      unit_of_meas: '°C',
      stat_cla: 'measurement',
      name: 'Kitchen temperature',
      stat_t: 'kitchen-node/sensor/kitchen_temperature/state',
      avty_t: 'kitchen-node/status',
      uniq_id: 'kitchennodesensorkitchen_temperature',
      dev: {
        ids: '84f3eb2a11c4',
        name: 'kitchen-node',
        sw: 'esphome v2024.6.1',
        mdl: 'esp01_1m',
        mf: 'espressif',
        sa: area,
      },
    }),
  };
}

function placeOf(meaning: ReturnType<typeof announce>): unknown {
  return meaning.kind === 'describe' ? meaning.description.place : 'not a description';
}

describe('Home Assistant discovery: the area a device suggests', () => {
  it('announces the device in the area of its abbreviated `dev.sa`, trimmed', () => {
    const meaning = announce(espHomeConfig(' Kitchen '));
    expect(meaning).toMatchObject({ kind: 'describe', device: '84f3eb2a11c4', convention: 'homeassistant' });
    expect(placeOf(meaning)).toEqual({ room: 'Kitchen' });
  });

  it('reads `device.suggested_area` spelled out', () => {
    const config = JSON.parse(HOME_ASSISTANT.espTemperatureConfig.payload) as Record<string, unknown>;
    const device = { ...((config.device ?? config.dev) as object), suggested_area: 'Garden' };
    const meaning = announce({
      ...HOME_ASSISTANT.espTemperatureConfig,
      payload: JSON.stringify({ ...config, dev: undefined, device }),
    });
    expect(placeOf(meaning)).toEqual({ room: 'Garden' });
  });

  it('says nothing of a place when the config suggests no area', () => {
    expect(placeOf(announce(HOME_ASSISTANT.espTemperatureConfig))).toBeUndefined();
  });

  it('ignores a hostile area (control characters, 10 kB) and still shows the device', () => {
    for (const area of [
      'Kitchen\u001b[2J',
      `Hall\n${'x'.repeat(10)}`,
      'x'.repeat(10_240),
      42,
      { room: 'Hall' },
    ]) {
      memory = createConventionMemory();
      const meaning = announce(espHomeConfig(area));
      expect(meaning).toMatchObject({
        kind: 'describe',
        device: '84f3eb2a11c4',
        description: { name: 'kitchen-node', metrics: [{ metric: 'temperature' }] },
      });
      expect(placeOf(meaning)).toBeUndefined();
    }
  });

  it('gives the area to the Zigbee2MQTT device an entity is shown on', () => {
    const config = JSON.parse(HOME_ASSISTANT.z2mTemperatureConfig.payload) as { device: object };
    const meaning = announce({
      ...HOME_ASSISTANT.z2mTemperatureConfig,
      payload: JSON.stringify({ ...config, device: { ...config.device, suggested_area: 'Living room' } }),
    });
    expect(meaning).toMatchObject({
      kind: 'describe',
      device: 'Living room sensor',
      convention: 'zigbee2mqtt',
      description: { place: { room: 'Living room' } },
    });
  });

  it('announces the area once for every component of a device-based config', () => {
    const config = JSON.parse(HOME_ASSISTANT.deviceConfig.payload) as { dev: object };
    const meaning = announce({
      ...HOME_ASSISTANT.deviceConfig,
      payload: JSON.stringify({ ...config, dev: { ...config.dev, sa: 'Garden' } }),
    });
    expect(meaning).toMatchObject({
      kind: 'describe',
      device: 'ws-0815',
      description: { place: { room: 'Garden' } },
    });
  });
});
