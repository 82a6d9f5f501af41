import { describe, expect, it } from 'vitest';
import { compareNatural } from './naturalOrder';

describe('compareNatural', () => {
  it('orders numbers inside ids by their value, not digit by digit', () => {
    expect(['dev10', 'dev2', 'dev1'].sort(compareNatural)).toEqual(['dev1', 'dev2', 'dev10']);
  });

  it('ignores case', () => {
    expect(compareNatural('Kitchen', 'kitchen')).toBe(0);
    expect(['living', 'Hall', 'attic'].sort(compareNatural)).toEqual(['attic', 'Hall', 'living']);
  });
});
