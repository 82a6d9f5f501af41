import { describe, expect, it } from 'vitest';
import { expandConfig, withBaseTopic } from './haShorthand';

describe('Home Assistant discovery shorthand', () => {
  it('spells out abbreviated keys, in the device block too', () => {
    expect(
      expandConfig({ stat_t: 'a', unit_of_meas: '°C', dev: { ids: ['x'], cns: [['mac', 'aa']] } }),
    ).toEqual({
      state_topic: 'a',
      unit_of_measurement: '°C',
      device: { identifiers: ['x'], connections: [['mac', 'aa']] },
    });
  });

  it('lets the full key win when both are given', () => {
    expect(expandConfig({ state_topic: 'full', stat_t: 'short' })).toEqual({ state_topic: 'full' });
    expect(expandConfig({ stat_t: 'short', state_topic: 'full' })).toEqual({ state_topic: 'full' });
  });

  it('expands ~ at the start or the end of a topic', () => {
    expect(withBaseTopic('~SENSOR', 'tele/bathroom/')).toBe('tele/bathroom/SENSOR');
    expect(withBaseTopic('cmnd/~', 'x')).toBe('cmnd/x');
    expect(withBaseTopic('plain/topic', 'x')).toBe('plain/topic');
    expect(withBaseTopic('', 'x')).toBeNull();
  });
});
