import { describe, expect, it } from 'vitest';
import { deviceKey } from '../../core/device.ts';
import { SIMULATED_CONVENTIONS, speakersFor } from './speakersFor.ts';
import { createDashboardView, RELAY_OFF } from './testSupport.ts';

describe('speakersFor', () => {
  it('gives each room a speaker, and Zigbee2MQTT its bridge', () => {
    const zigbee = speakersFor('zigbee2mqtt', ['kitchen', 'garage']);
    expect(zigbee.rooms.map((speaker) => speaker.deviceId)).toEqual(['kitchen', 'garage']);
    expect(zigbee.hubs.map((speaker) => speaker.deviceId)).toEqual(['zigbee2mqtt-bridge']);
    expect(speakersFor('tasmota', ['kitchen']).hubs).toEqual([]);
  });

  it.each(SIMULATED_CONVENTIONS)(
    '%s: the dashboard shows every room under the id its speaker names',
    (convention) => {
      const rooms = ['living-room', 'garage'];
      const { rooms: speakers, hubs } = speakersFor(convention, rooms);
      const view = createDashboardView();
      for (const speaker of [...hubs, ...speakers])
        view.hear([...speaker.greet(RELAY_OFF), ...speaker.report(RELAY_OFF)]);

      const keyOf = (speaker: { deviceId: string }) => deviceKey(convention, speaker.deviceId);
      expect(view.fleet.ids).toEqual([...hubs, ...speakers].map(keyOf).sort());
      expect(view.fleet.unmappedCount).toBe(0);
      for (const speaker of speakers) {
        expect(view.device(keyOf(speaker))).toMatchObject({
          status: 'online',
          invalidCount: 0,
          lastProblem: null,
        });
        expect(view.device(keyOf(speaker))?.metrics.size).toBeGreaterThanOrEqual(2);
      }
    },
  );

  it.each(SIMULATED_CONVENTIONS)(
    '%s: uses only topics a room name keeps apart from the other rooms',
    (convention) => {
      const [kitchen, garage] = speakersFor(convention, ['kitchen', 'garage']).rooms;
      const topics = (speaker: typeof kitchen) =>
        new Set(
          [
            ...(speaker?.greet(RELAY_OFF) ?? []),
            ...(speaker?.report(RELAY_OFF) ?? []),
            ...(speaker?.commandTopics ?? []),
          ].map((message) => (typeof message === 'string' ? message : message.topic)),
        );
      const shared = [...topics(kitchen)].filter((topic) => topics(garage).has(topic));
      expect(shared).toEqual([]);
    },
  );
});
