import { describe, expect, it } from 'vitest';
import { homeseerSpeaker } from './homeseerSpeaker.ts';
import { createDashboardView, RELAY_OFF, shownMetric } from './testSupport.ts';

const speaker = homeseerSpeaker('kitchen');
const LOCATION = 'Main_Floor/kitchen';
const KEY = `homeseer/${LOCATION}`;

function startedView() {
  const view = createDashboardView();
  view.hear(speaker.greet(RELAY_OFF));
  view.hear(speaker.report(RELAY_OFF));
  return view;
}

describe('homeseerSpeaker', () => {
  it('shows the room as its HomeSeer location, named, with device values in their units', () => {
    const device = startedView().device(KEY);

    expect(speaker.deviceId).toBe(LOCATION);
    expect(device).toMatchObject({ convention: 'homeseer', name: 'Main Floor · kitchen', status: 'online' });
    expect(shownMetric(device, 'temperature')).toEqual({ value: 21.4, unit: '°C' });
    expect(shownMetric(device, 'illuminance')).toEqual({ value: 120, unit: 'lx' });
    expect(shownMetric(device, 'switch')).toEqual({ value: 0, unit: '' });
  });

  it('announces its room and floor, named as the other conventions name the room', () => {
    const hall = homeseerSpeaker('living-room');
    const view = createDashboardView();
    view.hear(hall.report(RELAY_OFF));
    expect(hall.deviceId).toBe('Main_Floor/living_room');
    expect(view.device('homeseer/Main_Floor/living_room')?.place).toEqual({
      room: 'living room',
      floor: 'Main Floor',
      source: 'announced',
    });
  });

  it('publishes on mcsMQTT default topics, with no availability and so no Will', () => {
    expect(speaker.report(RELAY_OFF).map((message) => [message.topic, message.payload])).toEqual([
      ['HS4-PC/mcsMQTT/Main_Floor/kitchen/Temperature', '21.4'],
      ['HS4-PC/mcsMQTT/Main_Floor/kitchen/Illuminance', '120'],
    ]);
    expect(speaker.will).toBeNull();
    expect(speaker.farewell()).toEqual([]);
    expect(startedView().device(KEY)?.availability).toBeNull();
  });

  it('switches its light by /Control and echoes the new device value', () => {
    const view = startedView();
    const topic = 'HS4-PC/mcsMQTT/Main_Floor/kitchen/Light/Control';
    expect(speaker.commandTopics).toEqual([topic]);

    const obeyed = speaker.obey({ topic, payload: '100' }, RELAY_OFF);
    expect(obeyed).toEqual({
      relayOn: true,
      replies: [{ topic: 'HS4-PC/mcsMQTT/Main_Floor/kitchen/Light', payload: '100', retain: true, qos: 1 }],
    });
    view.hear(obeyed?.replies ?? []);
    expect(shownMetric(view.device(KEY), 'switch')).toEqual({ value: 1, unit: '' });
    expect(speaker.obey({ topic, payload: 'Off' }, { ...RELAY_OFF, relayOn: true })?.relayOn).toBe(false);
    expect(speaker.obey({ topic, payload: '50' }, RELAY_OFF)).toBeNull();
  });
});
