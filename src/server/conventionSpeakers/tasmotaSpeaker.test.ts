import { describe, expect, it } from 'vitest';
import { TASMOTA } from '../../core/conventions/fixtures/tasmota.ts';
import { tasmotaSpeaker } from './tasmotaSpeaker.ts';
import { createDashboardView, RELAY_OFF, shownMetric } from './testSupport.ts';

const speaker = tasmotaSpeaker('kitchen');

function startedView() {
  const view = createDashboardView();
  view.hear(speaker.greet(RELAY_OFF));
  view.hear(speaker.report(RELAY_OFF));
  return view;
}

describe('tasmotaSpeaker', () => {
  it('shows the room as an online Tasmota device with its probe, its light sensor and its relay', () => {
    const device = startedView().device('tasmota/kitchen');

    expect(device).toMatchObject({ convention: 'tasmota', availability: true, status: 'online' });
    expect(shownMetric(device, 'temperature')).toEqual({ value: 21.4, unit: '°C' });
    expect(shownMetric(device, 'illuminance')).toEqual({ value: 120, unit: 'lx' });
    expect(shownMetric(device, 'switch')).toEqual({ value: 0, unit: '' });
  });

  it('says Online on tele/<room>/LWT, retained, with Offline as its Will', () => {
    expect(speaker.greet(RELAY_OFF)[0]).toEqual({
      topic: 'tele/kitchen/LWT',
      payload: 'Online',
      retain: true,
      qos: 1,
    });
    expect(speaker.will).toEqual({ topic: 'tele/kitchen/LWT', payload: 'Offline', retain: true, qos: 1 });
  });

  it('publishes SENSOR in the shape of a real DS18B20 message, with the BH1750 beside it', () => {
    const sensor = speaker.report(RELAY_OFF).find((message) => message.topic === 'tele/kitchen/SENSOR');
    const published = JSON.parse(sensor?.payload ?? '{}');
    const real = JSON.parse(TASMOTA.ds18b20.payload);

    expect(Object.keys(published)).toEqual(['Time', 'DS18B20', 'BH1750', 'TempUnit']);
    expect(Object.keys(published.DS18B20)).toEqual(Object.keys(real.DS18B20));
    expect(published.Time).toBe('2026-01-15T12:00:00');
    expect(published.DS18B20.Id).toMatch(/^[0-9A-F]{12}$/);
    expect(published.BH1750).toEqual({ Illuminance: 120 });
  });

  it('goes offline by its Will and by its farewell', () => {
    const view = startedView();
    view.hear(speaker.farewell());
    expect(view.device('tasmota/kitchen')?.status).toBe('offline');

    view.hear(speaker.greet(RELAY_OFF));
    expect(view.device('tasmota/kitchen')?.status).toBe('online');
    view.hear(speaker.will === null ? [] : [speaker.will]);
    expect(view.device('tasmota/kitchen')?.status).toBe('offline');
  });

  it('switches its relay by the command the dashboard sends and shows the echoed state', () => {
    const view = startedView();
    const command = view.switchCommand('tasmota/kitchen', true);
    expect(command).toEqual({ topic: 'cmnd/kitchen/POWER', payload: 'ON' });
    expect(speaker.commandTopics).toContain(command.topic);

    const obeyed = speaker.obey(command, RELAY_OFF);
    expect(obeyed).toEqual({
      relayOn: true,
      replies: [
        { topic: 'stat/kitchen/RESULT', payload: '{"POWER":"ON"}', retain: false, qos: 0 },
        { topic: 'stat/kitchen/POWER', payload: 'ON', retain: false, qos: 0 },
      ],
    });
    view.hear(obeyed?.replies ?? []);
    expect(shownMetric(view.device('tasmota/kitchen'), 'switch')).toEqual({ value: 1, unit: '' });
  });

  it('toggles, answers an empty POWER with the state, and ignores words it does not know', () => {
    const on = { ...RELAY_OFF, relayOn: true };
    expect(speaker.obey({ topic: 'cmnd/kitchen/POWER', payload: 'TOGGLE' }, on)?.relayOn).toBe(false);
    expect(speaker.obey({ topic: 'cmnd/kitchen/POWER1', payload: '1' }, RELAY_OFF)?.relayOn).toBe(true);
    expect(speaker.obey({ topic: 'cmnd/kitchen/POWER', payload: '' }, on)).toMatchObject({
      relayOn: true,
      replies: [{}, { topic: 'stat/kitchen/POWER', payload: 'ON' }],
    });
    expect(speaker.obey({ topic: 'cmnd/kitchen/POWER', payload: 'BLINK' }, RELAY_OFF)).toBeNull();
  });

  it('reports the relay every period in tele/<room>/STATE, so a dashboard that opens later finds the switch', () => {
    const view = createDashboardView();
    view.hear(speaker.report({ ...RELAY_OFF, relayOn: true }));

    expect(shownMetric(view.device('tasmota/kitchen'), 'switch')).toEqual({ value: 1, unit: '' });
    expect(view.device('tasmota/kitchen')?.controls?.map((control) => control.id)).toEqual(['POWER']);
  });
});
