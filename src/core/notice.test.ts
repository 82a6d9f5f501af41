import { describe, expect, it } from 'vitest';
import { addNotice, NOTICES_MAX } from './notice';

const T0 = 1_700_000_000_000;

describe('addNotice', () => {
  it('adds a notice stamped with the time', () => {
    expect(addNotice([], 'Lamp did not confirm', 'error', T0)).toEqual([
      { id: T0, text: 'Lamp did not confirm', tone: 'error', at: T0 },
    ]);
  });

  it('gives two notices of one moment different ids', () => {
    const twice = addNotice(addNotice([], 'a', 'info', T0), 'b', 'info', T0);
    expect(new Set(twice.map((n) => n.id)).size).toBe(2);
  });

  it(`keeps the newest ${NOTICES_MAX}`, () => {
    let notices = addNotice([], 'first', 'info', T0);
    for (let i = 1; i <= NOTICES_MAX; i++) notices = addNotice(notices, `n${i}`, 'info', T0 + i);
    expect(notices).toHaveLength(NOTICES_MAX);
    expect(notices[0]?.text).toBe('n1');
  });
});
