import { describe, expect, it } from 'vitest';
import { homeAssistantSpeaker } from './homeAssistantSpeaker.ts';
import { createDashboardView, RELAY_OFF, shownMetric } from './testSupport.ts';

const speaker = homeAssistantSpeaker('kitchen');

function startedView() {
  const view = createDashboardView();
  view.hear(speaker.greet(RELAY_OFF));
  view.hear(speaker.report(RELAY_OFF));
  return view;
}

describe('homeAssistantSpeaker', () => {
  it('shows the discovered device by its identifier and name, available, with its entities', () => {
    const device = startedView().device('homeassistant/kitchen');

    expect(device).toMatchObject({
      convention: 'homeassistant',
      name: 'Kitchen',
      availability: true,
      status: 'online',
      lastProblem: null,
    });
    expect(shownMetric(device, 'temperature')).toEqual({ value: 21.4, unit: '°C' });
    expect(shownMetric(device, 'illuminance')).toEqual({ value: 120, unit: 'lx' });
    expect(shownMetric(device, 'switch')).toEqual({ value: 0, unit: '' });
  });

  it("suggests the room as the device's area, so the dashboard places it there", () => {
    const device = homeAssistantSpeaker('living-room');
    const view = createDashboardView();
    view.hear(device.greet(RELAY_OFF));
    expect(view.device('homeassistant/living-room')?.place).toEqual({
      room: 'Living room',
      source: 'announced',
    });
  });

  it('announces retained discovery configs with state topic, unit, device class, template and device', () => {
    const configs = speaker.greet(RELAY_OFF).filter((message) => message.topic.endsWith('/config'));
    expect(configs.map((config) => config.topic)).toEqual([
      'homeassistant/sensor/kitchen/temperature/config',
      'homeassistant/sensor/kitchen/illuminance/config',
      'homeassistant/switch/kitchen/relay/config',
    ]);
    expect(configs.every((config) => config.retain)).toBe(true);
    expect(JSON.parse(configs[0]?.payload ?? '{}')).toMatchObject({
      state_topic: 'homeassistant/sensor/kitchen/state',
      unit_of_measurement: '°C',
      device_class: 'temperature',
      value_template: '{{ value_json.temperature }}',
      availability_topic: 'homeassistant/sensor/kitchen/availability',
      device: { identifiers: ['kitchen'], name: 'Kitchen' },
    });
    expect(JSON.parse(configs[2]?.payload ?? '{}')).toMatchObject({
      state_topic: 'homeassistant/switch/kitchen/relay/state',
      command_topic: 'homeassistant/switch/kitchen/relay/set',
    });
  });

  it('goes unavailable by its Will and by its farewell', () => {
    const view = startedView();
    view.hear(speaker.farewell());
    expect(view.device('homeassistant/kitchen')?.status).toBe('offline');
    view.hear(speaker.greet(RELAY_OFF));
    expect(view.device('homeassistant/kitchen')?.status).toBe('online');
    view.hear(speaker.will === null ? [] : [speaker.will]);
    expect(view.device('homeassistant/kitchen')?.status).toBe('offline');
  });

  it('switches its relay by the command_topic the dashboard uses and echoes on its state_topic', () => {
    const view = startedView();
    const command = view.switchCommand('homeassistant/kitchen', true);
    expect(command).toEqual({ topic: 'homeassistant/switch/kitchen/relay/set', payload: 'ON' });
    expect(speaker.commandTopics).toContain(command.topic);

    const obeyed = speaker.obey(command, RELAY_OFF);
    expect(obeyed).toEqual({
      relayOn: true,
      replies: [{ topic: 'homeassistant/switch/kitchen/relay/state', payload: 'ON', retain: true, qos: 1 }],
    });
    view.hear(obeyed?.replies ?? []);
    expect(shownMetric(view.device('homeassistant/kitchen'), 'switch')).toEqual({ value: 1, unit: '' });
  });

  it('takes only its payload_on and payload_off', () => {
    expect(
      speaker.obey({ topic: 'homeassistant/switch/kitchen/relay/set', payload: 'on' }, RELAY_OFF),
    ).toBeNull();
  });
});
