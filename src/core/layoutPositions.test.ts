import { describe, expect, it } from 'vitest';
import { movedTo, positionAfter, positionsAfterMove } from './layoutPositions';

const at: Record<string, number> = { a: 1, b: 2, c: 3 };
const positionOf = (id: string) => at[id];

describe('positionsAfterMove', () => {
  it('takes the midpoint between two neighbours', () => {
    expect(positionsAfterMove(['a', 'c', 'b'], 'c', positionOf)).toEqual(new Map([['c', 1.5]]));
  });

  it('goes one before the first or one after the last', () => {
    expect(positionsAfterMove(['c', 'a', 'b'], 'c', positionOf)).toEqual(new Map([['c', 0]]));
    expect(positionsAfterMove(['b', 'c', 'a'], 'a', positionOf)).toEqual(new Map([['a', 4]]));
  });

  it('renumbers when two neighbours hold the same position, writing only what changes', () => {
    const tied: Record<string, number> = { a: 1, b: 1, c: 3 };
    expect(positionsAfterMove(['a', 'c', 'b'], 'c', (id) => tied[id])).toEqual(
      new Map([
        ['c', 2],
        ['b', 3],
      ]),
    );
  });
});

describe('movedTo', () => {
  it('counts the place among the others and keeps it within the list', () => {
    expect(movedTo(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(movedTo(['a', 'b', 'c'], 'a', 99)).toEqual(['b', 'c', 'a']);
    expect(movedTo(['a', 'b', 'c'], 'c', -5)).toEqual(['c', 'a', 'b']);
  });
});

describe('positionAfter', () => {
  it('is one past the last whole position, or 1 for none', () => {
    expect(positionAfter([])).toBe(1);
    expect(positionAfter([2.5, 1])).toBe(3);
  });
});
