import { describe, expect, it } from 'vitest';
import {
  columnsOf,
  currentTarget,
  type DropSection,
  dropIndexAt,
  moveAnnouncement,
  moveByKey,
  placesIn,
} from './cardMoves';

const house: DropSection[] = [
  { id: 'kitchen', deviceIds: ['a', 'b', 'c', 'd', 'e'] },
  { id: 'hall', deviceIds: ['f', 'g'] },
  { id: 'garage', deviceIds: [] },
];

describe('moving a card with the arrow keys', () => {
  it('finds where the card sits before any key', () => {
    expect(currentTarget(house, 'g')).toEqual({ section: 1, index: 1 });
    expect(currentTarget(house, 'zz')).toBeNull();
  });

  it('counts the places a room offers: its other cards plus one', () => {
    const [kitchen, hall, garage] = house as [DropSection, DropSection, DropSection];
    expect(placesIn(kitchen, 'a')).toBe(5);
    expect(placesIn(hall, 'a')).toBe(3);
    expect(placesIn(garage, 'a')).toBe(1);
  });

  it('moves one place left and right within a room', () => {
    expect(moveByKey(house, 'b', { section: 0, index: 1 }, 'ArrowRight', 3)).toEqual({
      section: 0,
      index: 2,
    });
    expect(moveByKey(house, 'b', { section: 0, index: 1 }, 'ArrowLeft', 3)).toEqual({ section: 0, index: 0 });
  });

  it('crosses to the next room at the end of a row of places, and back to the previous room’s end', () => {
    expect(moveByKey(house, 'e', { section: 0, index: 4 }, 'ArrowRight', 3)).toEqual({
      section: 1,
      index: 0,
    });
    expect(moveByKey(house, 'e', { section: 1, index: 0 }, 'ArrowLeft', 3)).toEqual({ section: 0, index: 4 });
  });

  it('moves one row down, then to the room’s end, then into the next room in the same column', () => {
    expect(moveByKey(house, 'a', { section: 0, index: 0 }, 'ArrowDown', 3)).toEqual({ section: 0, index: 3 });
    expect(moveByKey(house, 'c', { section: 0, index: 2 }, 'ArrowDown', 3)).toEqual({ section: 0, index: 4 });
    expect(moveByKey(house, 'a', { section: 0, index: 4 }, 'ArrowDown', 3)).toEqual({ section: 1, index: 1 });
  });

  it('enters an empty room at its only place', () => {
    expect(moveByKey(house, 'g', { section: 1, index: 1 }, 'ArrowDown', 3)).toEqual({ section: 2, index: 0 });
  });

  it('moves up into the last row of the previous room', () => {
    expect(moveByKey(house, 'f', { section: 1, index: 1 }, 'ArrowUp', 3)).toEqual({ section: 0, index: 4 });
    expect(moveByKey(house, 'f', { section: 1, index: 0 }, 'ArrowUp', 3)).toEqual({ section: 0, index: 3 });
  });

  it('stays put at the first and last place of the house', () => {
    expect(moveByKey(house, 'a', { section: 0, index: 0 }, 'ArrowUp', 3)).toEqual({ section: 0, index: 0 });
    expect(moveByKey(house, 'a', { section: 0, index: 0 }, 'ArrowLeft', 3)).toEqual({ section: 0, index: 0 });
    expect(moveByKey(house, 'a', { section: 2, index: 0 }, 'ArrowRight', 3)).toEqual({
      section: 2,
      index: 0,
    });
    expect(moveByKey(house, 'a', { section: 2, index: 0 }, 'ArrowDown', 3)).toEqual({ section: 2, index: 0 });
  });
});

describe('dropping a card under the pointer', () => {
  // Two rows of two 100x50 cards with 10 px gaps.
  const boxes = [
    { left: 0, top: 0, width: 100, height: 50 },
    { left: 110, top: 0, width: 100, height: 50 },
    { left: 0, top: 60, width: 100, height: 50 },
    { left: 110, top: 60, width: 100, height: 50 },
  ];

  it('drops before a card when on its left half, after it when on its right half', () => {
    expect(dropIndexAt(boxes, 20, 20)).toBe(0);
    expect(dropIndexAt(boxes, 80, 20)).toBe(1);
    expect(dropIndexAt(boxes, 190, 80)).toBe(4);
  });

  it('drops at the start of the next row when in the gap past a row’s end', () => {
    expect(dropIndexAt(boxes, 250, 20)).toBe(2);
  });

  it('drops at the end below every card, and at 0 in an empty room', () => {
    expect(dropIndexAt(boxes, 20, 500)).toBe(4);
    expect(dropIndexAt([], 20, 20)).toBe(0);
  });

  it('counts the cards of the first row as the columns', () => {
    expect(columnsOf([0, 0, 0, 60, 60])).toBe(3);
    expect(columnsOf([])).toBe(1);
  });
});

it('announces the card, its room and its place in words', () => {
  expect(moveAnnouncement('Kitchen sensor', 'Hall', 1, 5)).toBe('Kitchen sensor, in Hall, position 2 of 5');
});
