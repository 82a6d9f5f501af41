import { beforeEach, describe, expect, it } from 'vitest';
import type { Interpretation } from '../interpretation';
import { HOME_ASSISTANT } from './fixtures/homeAssistant';
import { type FixtureMessage, inbound } from './fixtures/message';
import { TASMOTA } from './fixtures/tasmota';
import { ZIGBEE2MQTT } from './fixtures/zigbee2mqtt';
import { interpret } from './interpret';
import { type ConventionMemory, createConventionMemory, MEMORY_LIMITS } from './memory';

const T0 = 1_700_000_000_000;
let memory: ConventionMemory;
beforeEach(() => {
  memory = createConventionMemory();
});
const read = (fixture: FixtureMessage, at = T0) => interpret(memory, inbound(fixture, at));
/** The meanings a config's interpretation replays. */
const replayedBy = (config: FixtureMessage, at = T0): Interpretation[] => {
  const meaning = read(config, at);
  return (meaning.kind === 'multiple' ? meaning.meanings : [meaning]).filter(
    (part) => 'replayed' in part && part.replayed === true,
  );
};

const BATHROOM_ONLINE = { topic: 'tele/bathroom/LWT', payload: 'Online', retained: true };
const BATHROOM_OFFLINE = { topic: 'tele/bathroom/LWT', payload: 'Offline', retained: true };
const onlineReplayed = {
  kind: 'availability',
  device: '9CF9D1',
  online: true,
  convention: 'homeassistant',
  replayed: true,
};
const temperatureReplayed = {
  kind: 'readings',
  device: '9CF9D1',
  readings: [
    { metric: '9CF9D1_AM2301_Temperature', value: 24.6, unit: '°C', label: 'Bathroom AM2301 Temperature' },
  ],
  sampleAt: null,
  convention: 'homeassistant',
  replayed: true,
};

describe('Home Assistant discovery after the state it reads', () => {
  it('reads the availability that came before the config', () => {
    read(BATHROOM_ONLINE);
    expect(replayedBy(HOME_ASSISTANT.tasmotaLegacyConfig)).toEqual([onlineReplayed]);
  });

  it('reads the state that came before the config', () => {
    read(TASMOTA.am2301);
    expect(replayedBy(HOME_ASSISTANT.tasmotaLegacyConfig)).toEqual([temperatureReplayed]);
  });

  it('reads both, whichever came first', () => {
    read(TASMOTA.am2301);
    read(BATHROOM_ONLINE);
    expect(replayedBy(HOME_ASSISTANT.tasmotaLegacyConfig)).toEqual([temperatureReplayed, onlineReplayed]);
    memory = createConventionMemory();
    read(BATHROOM_ONLINE);
    read(TASMOTA.am2301);
    expect(replayedBy(HOME_ASSISTANT.tasmotaLegacyConfig)).toEqual([temperatureReplayed, onlineReplayed]);
  });

  it('reads the last payload of a topic, not the first', () => {
    read(BATHROOM_ONLINE);
    read(BATHROOM_OFFLINE);
    expect(replayedBy(HOME_ASSISTANT.tasmotaLegacyConfig)).toEqual([{ ...onlineReplayed, online: false }]);
  });

  it('reads every topic of an availability list', () => {
    read(ZIGBEE2MQTT.bridgeState);
    read({ topic: 'zigbee2mqtt/Living room sensor/availability', payload: '{"state":"offline"}' });
    expect(replayedBy(HOME_ASSISTANT.z2mTemperatureConfig)).toMatchObject([
      { kind: 'availability', online: true },
      { kind: 'availability', online: false },
    ]);
  });

  it('reads for the new entity only, not again for those already reading the topic', () => {
    read(HOME_ASSISTANT.z2mTemperatureConfig);
    read(ZIGBEE2MQTT.climate);
    expect(replayedBy(HOME_ASSISTANT.z2mHumidityConfig)).toEqual([
      {
        kind: 'readings',
        device: 'zigbee2mqtt_0x00158d0001a2b3c4',
        readings: [{ metric: 'humidity', value: 44.72, unit: '%', label: 'humidity' }],
        sampleAt: null,
        convention: 'homeassistant',
        replayed: true,
      },
    ]);
  });

  it('replays nothing the entity cannot read', () => {
    read({ topic: 'tele/bathroom/SENSOR', payload: '{"Time":"2019-01-01T00:00:00","BME280":{}}' });
    read({ topic: 'tele/bathroom/LWT', payload: 'rebooting' });
    expect(replayedBy(HOME_ASSISTANT.tasmotaLegacyConfig)).toEqual([]);
  });

  it('replays nothing of a topic cleared with an empty payload', () => {
    read(BATHROOM_ONLINE);
    read({ ...BATHROOM_ONLINE, payload: '' });
    expect(replayedBy(HOME_ASSISTANT.tasmotaLegacyConfig)).toEqual([]);
  });

  it('says so once, with the meaning of the message, when it starts forgetting old payloads', () => {
    for (let i = 0; i < MEMORY_LIMITS.lastPayloadTopics; i++) read({ topic: `site/s${i}/t`, payload: '1' });
    expect(read({ topic: 'site/new/t', payload: '2' })).toMatchObject({
      kind: 'multiple',
      meanings: [
        { kind: 'readings', device: 'new' },
        { kind: 'ignored', reason: expect.stringContaining('the oldest are forgotten') },
      ],
    });
    expect(read({ topic: 'site/newer/t', payload: '2' })).toMatchObject({ kind: 'readings' });
  });

  it('replays nothing of a topic forgotten past the limit', () => {
    read(BATHROOM_ONLINE);
    for (let i = 0; i < MEMORY_LIMITS.lastPayloadTopics; i++) read({ topic: `site/s${i}/t`, payload: '1' });
    expect(replayedBy(HOME_ASSISTANT.tasmotaLegacyConfig)).toEqual([]);
  });
});
