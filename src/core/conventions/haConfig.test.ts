import { describe, expect, it } from 'vitest';
import { HOME_ASSISTANT } from './fixtures/homeAssistant';
import { type DiscoveryPlace, parseDiscovery, placeDiscoveryTopic } from './haConfig';

function parse(topic: string, payload: string) {
  const place = placeDiscoveryTopic(topic) as DiscoveryPlace;
  return parseDiscovery(place, JSON.parse(payload));
}

describe('discovery topics', () => {
  it('finds component, node id and object id', () => {
    expect(placeDiscoveryTopic('homeassistant/sensor/0x00158d0001a2b3c4/temperature/config')).toEqual({
      configTopic: 'homeassistant/sensor/0x00158d0001a2b3c4/temperature/config',
      component: 'sensor',
      nodeId: '0x00158d0001a2b3c4',
      objectId: 'temperature',
    });
    expect(placeDiscoveryTopic('homeassistant/sensor/kitchen_t/config')).toMatchObject({
      nodeId: null,
      objectId: 'kitchen_t',
    });
  });

  it.each([
    'homeassistant/status',
    'homeassistant/sensor/x/state',
    'ha/sensor/x/config',
    'homeassistant/a/b/c/d/config',
  ])('says %s is not a discovery config', (topic) => {
    expect(placeDiscoveryTopic(topic)).toBeNull();
  });
});

describe('discovery configs', () => {
  it('reads a Zigbee2MQTT sensor config: device, label, unit, state topic, template, availability list', () => {
    const parsed = parse(
      HOME_ASSISTANT.z2mTemperatureConfig.topic,
      HOME_ASSISTANT.z2mTemperatureConfig.payload,
    );
    expect(parsed).toMatchObject({
      ok: true,
      skipped: [],
      entities: [
        {
          component: 'sensor',
          device: 'zigbee2mqtt_0x00158d0001a2b3c4',
          deviceName: 'Living room sensor',
          metric: 'temperature',
          label: 'temperature',
          unit: '°C',
          stateTopic: 'zigbee2mqtt/Living room sensor',
          template: { source: 'value_json', steps: ['temperature'] },
          availability: [
            { topic: 'zigbee2mqtt/bridge/state', available: 'online', notAvailable: 'offline' },
            { topic: 'zigbee2mqtt/Living room sensor/availability' },
          ],
          control: null,
          valueProblem: null,
        },
      ],
    });
  });

  it('reads the device class, suggested precision and entity category of an entity', () => {
    const parse1 = (fixture: { topic: string; payload: string }) => parse(fixture.topic, fixture.payload);
    expect(parse1(HOME_ASSISTANT.espTemperatureConfig)).toMatchObject({
      entities: [{ quantity: 'temperature', unit: '°F', precision: 1, diagnostic: false }],
    });
    expect(parse1(HOME_ASSISTANT.espSignalConfig)).toMatchObject({
      entities: [{ quantity: 'rssi', unit: 'dBm', precision: null, diagnostic: true }],
    });
    expect(parse1(HOME_ASSISTANT.esphomeSwitchConfig)).toMatchObject({ entities: [{ quantity: 'switch' }] });
  });

  it("maps Zigbee2MQTT's humidity config to the humidity quantity in %, its value read by a bracketed template", () => {
    const { topic, payload } = HOME_ASSISTANT.z2mHumidityConfig;
    expect(parse(topic, payload)).toMatchObject({
      ok: true,
      entities: [
        {
          metric: 'humidity',
          quantity: 'humidity',
          unit: '%',
          template: { source: 'value_json', steps: ['humidity'] },
          valueProblem: null,
        },
      ],
    });
  });

  it('reads payload_on and payload_off given as JSON booleans as their words', () => {
    expect(
      parse(HOME_ASSISTANT.z2mContactConfig.topic, HOME_ASSISTANT.z2mContactConfig.payload),
    ).toMatchObject({ entities: [{ quantity: 'contact', on: 'false', off: 'true' }] });
  });

  it('reads availability payloads given as JSON booleans as their words', () => {
    const payload = JSON.stringify({
      state_topic: 'pump/state',
      availability_topic: 'pump/alive',
      payload_available: true,
      payload_not_available: false,
    });
    expect(parse('homeassistant/sensor/pump/config', payload)).toMatchObject({
      entities: [{ availability: [{ topic: 'pump/alive', available: 'true', notAvailable: 'false' }] }],
    });
  });

  it('shows a label on cards only where the config names the entity', () => {
    const { topic, payload } = HOME_ASSISTANT.z2mTemperatureConfig;
    expect(parse(topic, payload)).toMatchObject({ entities: [{ label: 'temperature', cardLabel: null }] });
    expect(
      parse(HOME_ASSISTANT.espTemperatureConfig.topic, HOME_ASSISTANT.espTemperatureConfig.payload),
    ).toMatchObject({ entities: [{ cardLabel: 'Outside temperature' }] });
  });

  it('reads abbreviated keys and the ~ base topic of a Tasmota legacy config', () => {
    const { topic, payload } = HOME_ASSISTANT.tasmotaLegacyConfig;
    expect(parse(topic, payload)).toMatchObject({
      entities: [
        {
          device: '9CF9D1',
          deviceName: 'Bathroom',
          label: 'Bathroom AM2301 Temperature',
          stateTopic: 'tele/bathroom/SENSOR',
          availability: [{ topic: 'tele/bathroom/LWT', available: 'Online', notAvailable: 'Offline' }],
        },
      ],
    });
  });

  it('takes the device name as the label of an entity whose name is null', () => {
    const payload = JSON.stringify({
      name: null,
      state_topic: 's',
      device: { identifiers: 'plug-1', name: 'Desk plug' },
    });
    expect(parse('homeassistant/sensor/plug-1/power/config', payload)).toMatchObject({
      entities: [{ label: 'Desk plug' }],
    });
  });

  it('identifies a device by connections, then node id, when it has no identifiers', () => {
    const byConnection = JSON.stringify({
      state_topic: 's',
      device: { connections: [['mac', 'a4:cf:12:b3']] },
    });
    expect(parse('homeassistant/sensor/n1/t/config', byConnection)).toMatchObject({
      entities: [{ device: 'mac_a4:cf:12:b3' }],
    });
    expect(parse('homeassistant/sensor/n1/t/config', '{"state_topic":"s"}')).toMatchObject({
      entities: [{ device: 'n1', deviceName: 'n1' }],
    });
  });

  it('keeps an entity whose template is not understood, saying why', () => {
    const { topic, payload } = HOME_ASSISTANT.powerConfigWithArithmetic;
    expect(parse(topic, payload)).toMatchObject({
      entities: [{ template: null, valueProblem: expect.stringContaining('is not understood') }],
    });
  });

  it('reads every component of a device-based config and skips the ones Hearth does not show', () => {
    const { topic, payload } = HOME_ASSISTANT.deviceConfig;
    const parsed = parse(topic, payload);
    expect(parsed).toMatchObject({
      ok: true,
      entities: [
        {
          key: `${topic}#temp`,
          metric: 'temp',
          unit: '°C',
          stateTopic: 'garden/weather/state',
          device: 'ws-0815',
        },
        { key: `${topic}#rain`, metric: 'rain', unit: 'mm' },
      ],
      skipped: [expect.stringContaining('"select"')],
    });
  });

  it.each([
    [
      'climate',
      '{"name":"Study","mode_command_topic":"study/ac/mode/set"}',
      '"climate" entities are not shown',
    ],
    ['sensor', '{"name":"Last seen","state_topic":"s","device_class":"timestamp"}', 'is a text sensor'],
    ['sensor', '{"name":"No topic"}', 'has no state_topic'],
  ])('skips a %s it cannot show, with the reason', (component, payload, reason) => {
    expect(parse(`homeassistant/${component}/x/config`, payload)).toMatchObject({
      ok: true,
      entities: [],
      skipped: [expect.stringContaining(reason)],
    });
  });

  it('refuses a config that is not an object', () => {
    expect(parse('homeassistant/sensor/x/config', '[1,2]')).toEqual({
      ok: false,
      reason: 'a discovery config must be a JSON object',
    });
  });
});
