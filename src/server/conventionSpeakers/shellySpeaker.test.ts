import { describe, expect, it } from 'vitest';
import { SHELLY } from '../../core/conventions/fixtures/shelly.ts';
import { shellySpeaker } from './shellySpeaker.ts';
import { createDashboardView, RELAY_OFF, shownMetric } from './testSupport.ts';

const speaker = shellySpeaker('kitchen');
const ID = 'shellywalldisplay-kitchen';
const KEY = `shelly/${ID}`;

function startedView() {
  const view = createDashboardView();
  view.hear(speaker.greet(RELAY_OFF));
  view.hear(speaker.report(RELAY_OFF));
  return view;
}

describe('shellySpeaker', () => {
  it('shows the room under its Shelly id, online, with its temperature, illuminance and switch', () => {
    const view = startedView();
    const device = view.device(KEY);

    expect(speaker.deviceId).toBe(ID);
    expect(device).toMatchObject({ convention: 'shelly', availability: true, status: 'online' });
    expect(shownMetric(device, 'temperature')).toEqual({ value: 21.4, unit: '°C' });
    expect(shownMetric(device, 'illuminance')).toEqual({ value: 120, unit: 'lx' });
    expect(shownMetric(device, 'switch')).toEqual({ value: 0, unit: '' });
  });

  it('publishes the temperature status in the shape of a real Shelly', () => {
    const temperature = speaker
      .report(RELAY_OFF)
      .find((message) => message.topic === `${ID}/status/temperature:0`);
    expect(temperature?.payload).toBe('{"id":0,"tC":21.4,"tF":70.5}');
    expect(Object.keys(JSON.parse(temperature?.payload ?? '{}'))).toEqual(
      Object.keys(JSON.parse(SHELLY.temperature.payload)),
    );
    expect(speaker.greet(RELAY_OFF)[0]).toEqual({
      topic: `${ID}/online`,
      payload: 'true',
      retain: true,
      qos: 1,
    });
  });

  it('goes offline by its Will and by its farewell', () => {
    const view = startedView();
    view.hear(speaker.farewell());
    expect(view.device(KEY)?.status).toBe('offline');
    view.hear(speaker.greet(RELAY_OFF));
    view.hear(speaker.will === null ? [] : [speaker.will]);
    expect(view.device(KEY)?.status).toBe('offline');
  });

  it('switches by the Switch.Set frame the dashboard sends, replies to its source and publishes the new output', () => {
    const view = startedView();
    const command = view.switchCommand(KEY, true);
    expect(command.topic).toBe(`${ID}/rpc`);
    expect(speaker.commandTopics).toContain(command.topic);

    const obeyed = speaker.obey(command, RELAY_OFF);
    expect(obeyed?.relayOn).toBe(true);
    expect(obeyed?.replies).toEqual([
      {
        topic: 'hearth/rpc',
        payload: `{"id":1,"src":"${ID}","dst":"hearth","result":{"was_on":false}}`,
        retain: false,
        qos: 1,
      },
      {
        topic: `${ID}/status/switch:0`,
        payload: '{"id":0,"source":"MQTT","output":true}',
        retain: true,
        qos: 1,
      },
    ]);
    view.hear(obeyed?.replies ?? []);
    expect(shownMetric(view.device(KEY), 'switch')).toEqual({ value: 1, unit: '' });
  });

  it('toggles, answers unknown methods and switches with an error, and ignores frames without a source', () => {
    const rpc = (frame: object) => ({ topic: `${ID}/rpc`, payload: JSON.stringify(frame) });
    const on = { ...RELAY_OFF, relayOn: true };
    expect(
      speaker.obey(rpc({ id: 2, src: 'app', method: 'Switch.Toggle', params: { id: 0 } }), on)?.relayOn,
    ).toBe(false);
    expect(
      speaker.obey(rpc({ id: 3, src: 'app', method: 'Switch.Set', params: { id: 1, on: true } }), on),
    ).toEqual({
      relayOn: true,
      replies: [
        {
          topic: 'app/rpc',
          payload: `{"id":3,"src":"${ID}","dst":"app","error":{"code":-105,"message":"Argument 'id', value 1 not found!"}}`,
          retain: false,
          qos: 1,
        },
      ],
    });
    expect(speaker.obey(rpc({ id: 4, src: 'app', method: 'Cover.Open' }), on)?.replies[0]?.payload).toContain(
      'No handler for Cover.Open',
    );
    expect(speaker.obey(rpc({ id: 5, method: 'Switch.Set', params: { id: 0, on: false } }), on)).toBeNull();
    expect(speaker.obey({ topic: `${ID}/rpc`, payload: 'on' }, on)).toBeNull();
  });
});
