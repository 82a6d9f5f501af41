import { describe, expect, it } from 'vitest';
import { genericSpeaker } from './genericSpeaker.ts';
import { createDashboardView, RELAY_OFF, shownMetric } from './testSupport.ts';

const speaker = genericSpeaker('kitchen');

describe('genericSpeaker', () => {
  it('publishes house/<room>/… as the gateway always has', () => {
    expect(speaker.will).toEqual({ topic: 'house/kitchen/status', payload: 'offline', retain: true, qos: 1 });
    expect(speaker.greet(RELAY_OFF)).toEqual([
      { topic: 'house/kitchen/status', payload: 'online', retain: true, qos: 1 },
    ]);
    expect(speaker.report(RELAY_OFF)).toEqual([
      { topic: 'house/kitchen/temperature', payload: '21.4', retain: false, qos: 0 },
      { topic: 'house/kitchen/brightness', payload: '120', retain: false, qos: 0 },
    ]);
    expect(speaker.commandTopics).toEqual([]);
  });

  it('shows the room online with its temperature and brightness (an illuminance), read by the generic rules', () => {
    const view = createDashboardView();
    view.hear([...speaker.greet(RELAY_OFF), ...speaker.report(RELAY_OFF)]);
    const device = view.device('generic/kitchen');

    expect(device).toMatchObject({ availability: true, status: 'online' });
    expect(device?.convention).toBe('generic');
    expect(shownMetric(device, 'temperature')).toEqual({ value: 21.4, unit: '°C' });
    expect(shownMetric(device, 'brightness')).toEqual({ value: 120, unit: 'lx' });
  });

  it('goes offline by its Will and by its farewell', () => {
    const view = createDashboardView();
    view.hear(speaker.greet(RELAY_OFF));
    view.hear(speaker.farewell());
    expect(view.device('generic/kitchen')?.status).toBe('offline');
    view.hear(speaker.greet(RELAY_OFF));
    view.hear(speaker.will === null ? [] : [speaker.will]);
    expect(view.device('generic/kitchen')?.status).toBe('offline');
  });
});
