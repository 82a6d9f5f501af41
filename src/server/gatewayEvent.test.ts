import { describe, expect, it } from 'vitest';
import { describeGatewayEvent } from './gatewayEvent.ts';

describe('describeGatewayEvent', () => {
  it('says what the broker does when a room drops, Will or not', () => {
    expect(describeGatewayEvent({ kind: 'dropped', room: 'kitchen', backInMs: 24_600, hasWill: true })).toBe(
      'kitchen: dropped its connection (the broker publishes its Will: offline), back in 25 s',
    );
    expect(describeGatewayEvent({ kind: 'dropped', room: 'kitchen', backInMs: 20_000, hasWill: false })).toBe(
      'kitchen: dropped its connection (it has no Will: it goes stale), back in 20 s',
    );
  });

  it('names the command that switched a relay', () => {
    expect(
      describeGatewayEvent({ kind: 'switched', room: 'kitchen', on: true, topic: 'cmnd/kitchen/POWER' }),
    ).toBe('kitchen: relay switched on (by cmnd/kitchen/POWER)');
  });
});
