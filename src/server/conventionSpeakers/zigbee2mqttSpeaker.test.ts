import { describe, expect, it } from 'vitest';
import { ZIGBEE2MQTT } from '../../core/conventions/fixtures/zigbee2mqtt.ts';
import { createDashboardView, RELAY_OFF, shownMetric } from './testSupport.ts';
import { ZIGBEE2MQTT_BRIDGE, zigbee2mqttBridgeSpeaker, zigbee2mqttSpeaker } from './zigbee2mqttSpeaker.ts';

const speaker = zigbee2mqttSpeaker('kitchen');
const bridge = zigbee2mqttBridgeSpeaker();

function startedView() {
  const view = createDashboardView();
  view.hear(bridge.greet(RELAY_OFF));
  view.hear(speaker.greet(RELAY_OFF));
  view.hear(speaker.report(RELAY_OFF));
  return view;
}

describe('zigbee2mqttSpeaker', () => {
  it('shows the room by its friendly name, online, with temperature, illuminance and relay state', () => {
    const device = startedView().device('zigbee2mqtt/kitchen');

    expect(device).toMatchObject({ convention: 'zigbee2mqtt', availability: true, status: 'online' });
    expect(shownMetric(device, 'temperature')).toEqual({ value: 21.4, unit: '°C' });
    expect(shownMetric(device, 'illuminance')).toEqual({ value: 120, unit: 'lx' });
    expect(shownMetric(device, 'switch')).toEqual({ value: 0, unit: '' });
  });

  it('publishes availability and state as Zigbee2MQTT does', () => {
    expect(speaker.greet(RELAY_OFF)).toEqual([
      {
        topic: 'zigbee2mqtt/kitchen/availability',
        payload: ZIGBEE2MQTT.availabilityJson.payload,
        retain: true,
        qos: 1,
      },
    ]);
    expect(speaker.will?.payload).toBe('{"state":"offline"}');
    expect(speaker.report(RELAY_OFF)).toEqual([
      {
        topic: 'zigbee2mqtt/kitchen',
        payload: '{"illuminance":120,"state":"OFF","temperature":21.4}',
        retain: false,
        qos: 0,
      },
    ]);
  });

  it('shows the bridge beside the rooms, online, and offline by its Will', () => {
    const view = startedView();
    expect(view.device(`zigbee2mqtt/${ZIGBEE2MQTT_BRIDGE}`)).toMatchObject({
      name: 'Zigbee2MQTT bridge',
      availability: true,
    });
    expect(bridge.greet(RELAY_OFF)[0]?.topic).toBe('zigbee2mqtt/bridge/state');

    view.hear(bridge.will === null ? [] : [bridge.will]);
    expect(view.device(`zigbee2mqtt/${ZIGBEE2MQTT_BRIDGE}`)?.status).toBe('offline');
  });

  it('goes offline by its Will and by its farewell', () => {
    const view = startedView();
    view.hear(speaker.farewell());
    expect(view.device('zigbee2mqtt/kitchen')?.status).toBe('offline');
    view.hear(speaker.greet(RELAY_OFF));
    view.hear(speaker.will === null ? [] : [speaker.will]);
    expect(view.device('zigbee2mqtt/kitchen')?.status).toBe('offline');
  });

  it('switches its relay by the command the dashboard sends and answers with its whole state', () => {
    const view = startedView();
    const command = view.switchCommand('zigbee2mqtt/kitchen', true);
    expect(command).toEqual({ topic: 'zigbee2mqtt/kitchen/set', payload: '{"state":"ON"}' });
    expect(speaker.commandTopics).toContain(command.topic);

    const obeyed = speaker.obey(command, RELAY_OFF);
    expect(obeyed?.relayOn).toBe(true);
    expect(obeyed?.replies.map((reply) => reply.payload)).toEqual([
      '{"illuminance":120,"state":"ON","temperature":21.4}',
    ]);
    view.hear(obeyed?.replies ?? []);
    expect(shownMetric(view.device('zigbee2mqtt/kitchen'), 'switch')).toEqual({ value: 1, unit: '' });
  });

  it('takes /set/state and TOGGLE too, and ignores what it cannot read', () => {
    const on = { ...RELAY_OFF, relayOn: true };
    expect(speaker.obey({ topic: 'zigbee2mqtt/kitchen/set/state', payload: 'ON' }, RELAY_OFF)?.relayOn).toBe(
      true,
    );
    expect(
      speaker.obey({ topic: 'zigbee2mqtt/kitchen/set', payload: '{"state":"TOGGLE"}' }, on)?.relayOn,
    ).toBe(false);
    expect(speaker.obey({ topic: 'zigbee2mqtt/kitchen/set', payload: '{"brightness":3}' }, on)).toBeNull();
    expect(speaker.obey({ topic: 'zigbee2mqtt/kitchen/set', payload: 'ON{' }, on)).toBeNull();
  });
});
