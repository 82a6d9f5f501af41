import { describe, expect, it } from 'vitest';
import { byPosition, copyName, roomRemovalWords, viewLink } from './layoutOrder';

describe('byPosition', () => {
  it('orders by position, ties by id', () => {
    const order = byPosition({
      hall: { position: 2 },
      kitchen: { position: 1 },
      attic: { position: 2 },
    }).map(([id]) => id);
    expect(order).toEqual(['kitchen', 'attic', 'hall']);
  });
});

describe('copyName', () => {
  it('adds "copy", then a number past the copies that exist, whatever their case', () => {
    expect(copyName('Hall', ['Hall'])).toBe('Hall copy');
    expect(copyName('Hall', ['Hall', 'hall COPY', 'Hall copy 2'])).toBe('Hall copy 3');
  });
});

describe('viewLink', () => {
  it('encodes the name so spaces and ampersands survive the address bar', () => {
    expect(viewLink({ origin: 'https://hearth.local', pathname: '/' }, 'Hall & stairs')).toBe(
      'https://hearth.local/?view=Hall%20%26%20stairs',
    );
  });
});

describe('roomRemovalWords', () => {
  it('says the devices go to Other', () => {
    expect(roomRemovalWords('Kitchen', 3, 0)).toBe('Delete “Kitchen”? Its 3 devices go to Other.');
  });
  it('says a room with no devices has none', () => {
    expect(roomRemovalWords('Attic', 0, 0)).toBe('Delete “Attic”? It has no devices.');
  });
  it('says devices that announce a room go back to it', () => {
    expect(roomRemovalWords('Den', 1, 1)).toBe(
      'Delete “Den”? Its device goes to the room it announces, else to Other.',
    );
  });
});
