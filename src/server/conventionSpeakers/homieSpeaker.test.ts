import { describe, expect, it } from 'vitest';
import { HOMIE_THERMOSTAT } from '../../core/conventions/fixtures/homie.ts';
import { homieSpeaker } from './homieSpeaker.ts';
import { createDashboardView, RELAY_OFF, shownMetric } from './testSupport.ts';

const speaker = homieSpeaker('living-room');

function startedView() {
  const view = createDashboardView();
  view.hear(speaker.greet(RELAY_OFF));
  view.hear(speaker.report(RELAY_OFF));
  return view;
}

describe('homieSpeaker', () => {
  it('shows the room by its $name, ready, with its properties in their $unit', () => {
    const device = startedView().device('homie/living-room');

    expect(device).toMatchObject({
      convention: 'homie',
      name: 'Living room',
      availability: true,
      status: 'online',
    });
    expect(shownMetric(device, 'temperature')).toEqual({ value: 21.4, unit: '°C' });
    expect(shownMetric(device, 'illuminance')).toEqual({ value: 120, unit: 'lx' });
    expect(shownMetric(device, 'switch')).toEqual({ value: 0, unit: '' });
  });

  it('announces itself as a Homie 4 device does: retained, init first and ready last', () => {
    const greeting = speaker.greet(RELAY_OFF);
    expect(greeting.every((message) => message.retain)).toBe(true);
    expect(greeting[0]).toMatchObject({ topic: 'homie/living-room/$state', payload: 'init' });
    expect(greeting.at(-1)).toMatchObject({ topic: 'homie/living-room/$state', payload: 'ready' });
    const attributes = (messages: readonly { topic: string }[]) =>
      new Set(
        messages.map((message) => message.topic.split('/').at(-1)).filter((level) => level?.startsWith('$')),
      );
    // Every attribute the thermostat fixture uses that a room needs.
    for (const attribute of ['$homie', '$name', '$nodes', '$properties', '$unit', '$datatype', '$settable']) {
      expect(attributes(HOMIE_THERMOSTAT)).toContain(attribute);
      expect(attributes(greeting)).toContain(attribute);
    }
    expect(greeting).toContainEqual({
      topic: 'homie/living-room/sensor/$properties',
      payload: 'temperature,illuminance',
      retain: true,
      qos: 1,
    });
  });

  it('is lost by its Will and disconnected by its farewell', () => {
    const view = startedView();
    expect(speaker.will?.payload).toBe('lost');
    view.hear(speaker.will === null ? [] : [speaker.will]);
    expect(view.device('homie/living-room')?.status).toBe('offline');

    view.hear(speaker.greet(RELAY_OFF));
    view.hear(speaker.farewell());
    expect(view.device('homie/living-room')).toMatchObject({
      status: 'offline',
      note: 'disconnected cleanly (Homie $state disconnected)',
    });
  });

  it('switches its relay by the /set the dashboard sends and echoes the property', () => {
    const view = startedView();
    const command = view.switchCommand('homie/living-room', true);
    expect(command).toEqual({ topic: 'homie/living-room/relay/power/set', payload: 'true' });
    expect(speaker.commandTopics).toContain(command.topic);

    const obeyed = speaker.obey(command, RELAY_OFF);
    expect(obeyed).toEqual({
      relayOn: true,
      replies: [{ topic: 'homie/living-room/relay/power', payload: 'true', retain: true, qos: 1 }],
    });
    view.hear(obeyed?.replies ?? []);
    expect(shownMetric(view.device('homie/living-room'), 'switch')).toEqual({ value: 1, unit: '' });
  });

  it('takes only true and false, as a Homie boolean', () => {
    const topic = 'homie/living-room/relay/power/set';
    expect(speaker.obey({ topic, payload: 'false' }, { ...RELAY_OFF, relayOn: true })?.relayOn).toBe(false);
    expect(speaker.obey({ topic, payload: 'ON' }, RELAY_OFF)).toBeNull();
  });
});
