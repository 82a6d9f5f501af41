import { describe, expect, it } from 'vitest';
import { planSubscriptions } from './subscriptionPlan';

describe('planSubscriptions', () => {
  it('subscribes every wanted filter when the broker kept no session', () => {
    expect(
      planSubscriptions({
        wanted: ['house/#', 'zigbee2mqtt/#'],
        sessionPresent: false,
        held: ['house/#'],
        needsRetained: false,
      }),
    ).toEqual({ subscribe: ['house/#', 'zigbee2mqtt/#'], unsubscribe: [] });
  });

  it('sends nothing on a reconnect to a session that holds exactly the wanted filters', () => {
    expect(
      planSubscriptions({
        wanted: ['house/#'],
        sessionPresent: true,
        held: ['house/#'],
        needsRetained: false,
      }),
    ).toEqual({ subscribe: [], unsubscribe: [] });
  });

  it('subscribes again to held filters when a fresh listener needs the retained values', () => {
    expect(
      planSubscriptions({
        wanted: ['house/#'],
        sessionPresent: true,
        held: ['house/#'],
        needsRetained: true,
      }),
    ).toEqual({ subscribe: ['house/#'], unsubscribe: [] });
  });

  it('unsubscribes filters the session holds but the screen no longer wants, and adds new ones', () => {
    expect(
      planSubscriptions({
        wanted: ['house/#', 'homie/#'],
        sessionPresent: true,
        held: ['house/#', 'zigbee2mqtt/#'],
        needsRetained: false,
      }),
    ).toEqual({ subscribe: ['homie/#'], unsubscribe: ['zigbee2mqtt/#'] });
  });

  it('subscribes everything and unsubscribes nothing when it does not know what the session holds', () => {
    expect(
      planSubscriptions({ wanted: ['house/#'], sessionPresent: true, held: null, needsRetained: false }),
    ).toEqual({ subscribe: ['house/#'], unsubscribe: [] });
  });
});
