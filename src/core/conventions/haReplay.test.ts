import { beforeEach, describe, expect, it } from 'vitest';
import type { Interpretation } from '../interpretation';
import { HOME_ASSISTANT } from './fixtures/homeAssistant';
import { type FixtureMessage, inbound } from './fixtures/message';
import { TASMOTA } from './fixtures/tasmota';
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

const WEATHER_ONLINE = HOME_ASSISTANT.espOnline;
const WEATHER_OFFLINE = { ...HOME_ASSISTANT.espOnline, payload: 'offline' };
const onlineReplayed = {
  kind: 'availability',
  device: 'esp-weather-01',
  online: true,
  convention: 'homeassistant',
  replayed: true,
};
const temperatureReplayed = {
  kind: 'readings',
  device: 'esp-weather-01',
  readings: [
    {
      metric: 'temperature',
      value: 68.9,
      unit: '°F',
      label: 'Outside temperature',
      quantity: 'temperature',
      precision: 1,
    },
  ],
  sampleAt: null,
  convention: 'homeassistant',
  replayed: true,
};

describe('Home Assistant discovery after the state it reads', () => {
  it('reads the availability that came before the config', () => {
    read(WEATHER_ONLINE);
    expect(replayedBy(HOME_ASSISTANT.espTemperatureConfig)).toEqual([onlineReplayed]);
  });

  it('reads the state that came before the config', () => {
    read(HOME_ASSISTANT.espState);
    expect(replayedBy(HOME_ASSISTANT.espTemperatureConfig)).toEqual([temperatureReplayed]);
  });

  it('reads both, whichever came first', () => {
    read(HOME_ASSISTANT.espState);
    read(WEATHER_ONLINE);
    expect(replayedBy(HOME_ASSISTANT.espTemperatureConfig)).toEqual([temperatureReplayed, onlineReplayed]);
    memory = createConventionMemory();
    read(WEATHER_ONLINE);
    read(HOME_ASSISTANT.espState);
    expect(replayedBy(HOME_ASSISTANT.espTemperatureConfig)).toEqual([temperatureReplayed, onlineReplayed]);
  });

  it('reads the last payload of a topic, not the first', () => {
    read(WEATHER_ONLINE);
    read(WEATHER_OFFLINE);
    expect(replayedBy(HOME_ASSISTANT.espTemperatureConfig)).toEqual([{ ...onlineReplayed, online: false }]);
  });

  it('reads every topic of an availability list', () => {
    const config = {
      topic: 'homeassistant/sensor/hub-7/power/config',
      payload: JSON.stringify({
        state_topic: 'hub-7/power',
        availability: [
          { topic: 'hub-7/bridge', value_template: '{{ value_json.state }}' },
          { topic: 'hub-7/state', value_template: '{{ value_json.state }}' },
        ],
        device: { identifiers: ['hub-7'] },
      }),
    };
    read({ topic: 'hub-7/bridge', payload: '{"state":"online"}' });
    read({ topic: 'hub-7/state', payload: '{"state":"offline"}' });
    expect(replayedBy(config)).toMatchObject([
      { kind: 'availability', online: true },
      { kind: 'availability', online: false },
    ]);
  });

  it('reads for the new entity only, not again for those already reading the topic', () => {
    read(HOME_ASSISTANT.espTemperatureConfig);
    read(HOME_ASSISTANT.espState);
    expect(replayedBy(HOME_ASSISTANT.espHumidityConfig)).toEqual([
      {
        kind: 'readings',
        device: 'esp-weather-01',
        readings: [
          { metric: 'humidity', value: 52, unit: '%', label: 'Outside humidity', quantity: 'humidity' },
        ],
        sampleAt: null,
        convention: 'homeassistant',
        replayed: true,
      },
    ]);
  });

  it('replays nothing for a native device: its own convention read its payloads when they came', () => {
    read({ topic: 'tele/bathroom/LWT', payload: 'Online', retained: true });
    read(TASMOTA.am2301);
    expect(replayedBy(HOME_ASSISTANT.tasmotaLegacyConfig)).toEqual([]);
  });

  it('replays what an entity on a native device reads itself', () => {
    read(HOME_ASSISTANT.tasmotaHassState);
    expect(replayedBy(HOME_ASSISTANT.tasmotaStatusConfig)).toMatchObject([
      { kind: 'readings', device: 'bathroom', convention: 'tasmota', readings: [{ value: 76 }] },
    ]);
  });

  it('replays nothing the entity cannot read', () => {
    read({ topic: 'esp-weather/sensor/state', payload: '{"rssi":-60}' });
    read({ topic: 'esp-weather/status', payload: 'rebooting' });
    expect(replayedBy(HOME_ASSISTANT.espTemperatureConfig)).toEqual([]);
  });

  it('replays nothing of a topic cleared with an empty payload', () => {
    read(WEATHER_ONLINE);
    read({ ...WEATHER_ONLINE, payload: '' });
    expect(replayedBy(HOME_ASSISTANT.espTemperatureConfig)).toEqual([]);
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
    read(WEATHER_ONLINE);
    for (let i = 0; i < MEMORY_LIMITS.lastPayloadTopics; i++) read({ topic: `site/s${i}/t`, payload: '1' });
    expect(replayedBy(HOME_ASSISTANT.espTemperatureConfig)).toEqual([]);
  });
});
